import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ApolloServerPlugin } from '@apollo/server';
import { contextFromHeaders, tracer } from './trace-context.ts';

export { contextFromHeaders, tracer, traceparentOf } from './trace-context.ts';

/**
 * OpenTelemetry for Jobgraph's services. Spans are made through the global API, which
 * is a no-op until `startTracing` registers a provider: without an exporter configured,
 * tracing costs nothing. Trace context travels between gateway and subgraphs in the
 * W3C `traceparent` header.
 */
export interface Tracing {
  /** Flushes what is buffered and unregisters the provider. */
  stop(): Promise<void>;
}

/** Registers a global tracer provider sending spans to `exporter` (synchronously when `simple`, as tests want). */
export function startTracing(options: { exporter: SpanExporter; serviceName?: string; simple?: boolean }): Tracing {
  const provider = new BasicTracerProvider({ spanProcessors: [options.simple ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(options.exporter)] });
  trace.setGlobalTracerProvider(provider);
  return {
    async stop() {
      await provider.forceFlush();
      await provider.shutdown();
      trace.disable();
    },
  };
}

/** With `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) set, traces go there over OTLP/HTTP; otherwise nothing is registered. */
export function startTracingFromEnv(env: NodeJS.ProcessEnv = process.env): Tracing | null {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return null;
  return startTracing({ exporter: new OTLPTraceExporter() });
}

/** One server span per operation a subgraph answers, a child of the caller's span when it sent `traceparent`. */
export function subgraphTracingPlugin(subgraph: string): ApolloServerPlugin {
  const spans = tracer(`jobgraph-${subgraph}`);
  return {
    async requestDidStart({ request }) {
      const parent = contextFromHeaders((name) => request.http?.headers.get(name) ?? undefined);
      const span = spans.startSpan(`${subgraph} graphql`, { kind: SpanKind.SERVER, attributes: { 'service.name': subgraph, 'graphql.operation.name': request.operationName ?? '' } }, parent);
      return {
        async willSendResponse({ errors }) {
          if (errors?.length) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
  };
}
