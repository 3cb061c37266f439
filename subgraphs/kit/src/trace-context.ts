import { context, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * Trace context without the tracing SDK: spans through the global API (no-ops until
 * `startTracing` in `./tracing.ts` registers a provider) and the W3C `traceparent`
 * header between gateway and subgraphs. The gateway loads only this, so a process with
 * no OTLP endpoint configured never loads the SDK or its exporter.
 */
const propagator = new W3CTraceContextPropagator();

export const tracer = (name: string): Tracer => trace.getTracer(name);

/** The context carried by a `traceparent` (and `tracestate`) header, or the root context. */
export function contextFromHeaders(get: (name: string) => string | undefined): Context {
  return propagator.extract(context.active(), {}, { get: (_carrier, key) => get(key), keys: () => ['traceparent', 'tracestate'] });
}

/** The `traceparent` header naming `span` as the parent, or null when the span is not recorded. */
export function traceparentOf(span: Span): string | null {
  if (!span.isRecording()) return null;
  const headers: Record<string, string> = {};
  propagator.inject(trace.setSpan(context.active(), span), headers, { set: (carrier, key, value) => void (carrier[key] = value) });
  return headers.traceparent ?? null;
}
