import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import { contextFromHeaders, tracer, traceparentOf } from '@jobgraph/kit/trace-context';
import type { GatewayContext } from '../../context.ts';
import type { EdgeCall, EdgePlugin, EdgeRefusal } from '../../edge.ts';

export interface SubgraphSpan {
  /** The header that makes the subgraph's span a child of this one (null when nothing is recorded). */
  readonly traceparent: string | null;
  end(outcome: 'ok' | 'error' | 'timeout' | 'breaker_open'): void;
}

export interface RequestTracing {
  /** Starts the call's server span, a child of the client's `traceparent` when it sent one. */
  readonly edge: EdgePlugin;
  readonly apolloPlugin: ApolloServerPlugin<GatewayContext>;
  refused(call: EdgeCall, refusal: EdgeRefusal): void;
  /** A client span for one subgraph call, under the call's span. */
  subgraph(call: EdgeCall, subgraph: string): SubgraphSpan;
  /** The trace id to log with the call: its span's, or the client's when nothing is recorded here. */
  traceIdOf(call: EdgeCall): string | undefined;
}

/**
 * OpenTelemetry spans across the gateway and the subgraphs: one server span per call,
 * one client span per subgraph fetch, the W3C `traceparent` sent to the subgraph (whose
 * own span then joins the trace). No-ops until a tracer provider is registered
 * (`startTracing` / `OTEL_EXPORTER_OTLP_ENDPOINT`).
 */
export function requestTracing(): RequestTracing {
  const spans = tracer('jobgraph-gateway');
  const byCall = new WeakMap<EdgeCall, Span>();
  const incoming = new WeakMap<EdgeCall, string | undefined>();
  const end = (call: EdgeCall, attributes: Record<string, string>, failed: boolean) => {
    const span = byCall.get(call);
    if (!span) return;
    byCall.delete(call);
    span.setAttributes({ ...attributes, 'graphql.operation.name': call.operation.operationName ?? '' });
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  return {
    edge: {
      name: 'tracing',
      onRequest(call) {
        const header = (name: string) => {
          const value = call.http.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        const parent = contextFromHeaders(header);
        incoming.set(call, trace.getSpanContext(parent)?.traceId);
        byCall.set(call, spans.startSpan('gateway graphql', { kind: SpanKind.SERVER, attributes: { 'jobgraph.graph': call.endpoint, 'jobgraph.request_id': call.requestId } }, parent));
      },
    },
    apolloPlugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue, errors }) {
            end(contextValue.call, errors?.length ? { 'jobgraph.error_code': String(errors[0]?.extensions?.code ?? '') } : {}, Boolean(errors?.length));
          },
        };
      },
    },
    refused(call, refusal) {
      end(call, { 'jobgraph.refused': refusal.code }, true);
    },
    subgraph(call, subgraph) {
      const parent = byCall.get(call);
      const span = spans.startSpan(`subgraph ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'jobgraph.subgraph': subgraph } }, parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT);
      return {
        traceparent: traceparentOf(span),
        end(outcome) {
          span.setAttribute('jobgraph.outcome', outcome);
          if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
    traceIdOf(call) {
      const span = byCall.get(call);
      if (span?.isRecording()) return span.spanContext().traceId;
      return incoming.get(call);
    },
  };
}
