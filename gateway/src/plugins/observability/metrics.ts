import { createServer, type Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { listen } from '@jobgraph/kit/http';
import type { GatewayContext } from '../../context.ts';
import type { EdgeCall, EdgePlugin, EdgeRefusal, Endpoint } from '../../edge.ts';
import type { SubgraphCallObserver } from '../resilience/index.ts';

/** Operation names become label values only when sane, and only so many distinct ones: a client cannot blow up the series. */
const maxOperationNames = 500;
const saneName = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface GatewayMetrics {
  readonly registry: Registry;
  /** First edge plugin: notes when the call started. */
  readonly edge: EdgePlugin;
  /** Counts what Apollo answered: ok, partial (data and errors) or error. */
  readonly apolloPlugin: ApolloServerPlugin<GatewayContext>;
  /** Counts a call the edge refused, by its code. */
  refused(call: EdgeCall, refusal: EdgeRefusal): void;
  readonly subgraphs: SubgraphCallObserver;
  readonly rateLimits: { refused(by: 'ip' | 'principal'): void };
  readonly demand: { refused(reason: 'cost' | 'budget'): void; priced(cost: number): void };
  reloads(graph: Endpoint): { reloaded(outcome: 'ok' | 'failed'): void };
  /** Operations executing and waiting for a slot (admission control), read at each scrape. */
  admission(state: { readonly executing: number; readonly waiting: number }): void;
}

/**
 * The gateway's Prometheus metrics (prom-client), in a registry of its own: requests by
 * operation name and outcome, latency, subgraph fetch latency and failures, operation
 * cost, rate-limit refusals, supergraph reloads, and Node's process metrics.
 */
export function gatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gateway_' });
  const requests = new Counter({ name: 'gateway_requests_total', help: 'GraphQL requests by graph, operation name and outcome (ok, partial, error, refused).', labelNames: ['graph', 'operation', 'outcome', 'code'], registers: [registry] });
  const duration = new Histogram({ name: 'gateway_request_duration_seconds', help: 'Time from the request arriving to its answer, by graph, operation and outcome.', labelNames: ['graph', 'operation', 'outcome'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const fetches = new Histogram({ name: 'gateway_subgraph_fetch_duration_seconds', help: 'Subgraph calls by subgraph and outcome (ok, error, timeout, breaker_open).', labelNames: ['subgraph', 'outcome'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const fetchErrors = new Counter({ name: 'gateway_subgraph_errors_total', help: 'Subgraph calls that failed, by subgraph and outcome.', labelNames: ['subgraph', 'outcome'], registers: [registry] });
  const cost = new Histogram({ name: 'gateway_operation_cost', help: 'Static cost of the operations priced.', buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000], registers: [registry] });
  const limited = new Counter({ name: 'gateway_rate_limit_refusals_total', help: 'Requests refused by a rate limit: by ip, principal, cost (one operation too dear) or budget (bucket empty).', labelNames: ['by'], registers: [registry] });
  const reloads = new Counter({ name: 'gateway_supergraph_reloads_total', help: 'Supergraph file reloads by graph and outcome (ok, failed).', labelNames: ['graph', 'outcome'], registers: [registry] });
  const reloadHealthy = new Gauge({ name: 'gateway_supergraph_reload_ok', help: '1 when the last reload of the graph’s supergraph file succeeded, 0 while the last good schema is kept after a failure.', labelNames: ['graph'], registers: [registry] });

  const started = new WeakMap<EdgeCall, number>();
  const names = new Set<string>();
  const operationOf = (call: EdgeCall): string => {
    const name = call.operation.operationName ?? singleOperationName(call);
    if (!name || !saneName.test(name)) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= maxOperationNames) return 'other';
    names.add(name);
    return name;
  };
  const record = (call: EdgeCall, outcome: string, code: string) => {
    const labels = { graph: call.endpoint, operation: operationOf(call), outcome };
    requests.inc({ ...labels, code });
    const since = started.get(call);
    if (since !== undefined) duration.observe(labels, (performance.now() - since) / 1000);
  };

  return {
    registry,
    edge: {
      name: 'metrics',
      onRequest(call) {
        started.set(call, performance.now());
      },
    },
    apolloPlugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue, response, errors }) {
            const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
            const outcome = !errors?.length ? 'ok' : data ? 'partial' : 'error';
            const code = errors?.[0]?.extensions?.code;
            record(contextValue.call, outcome, typeof code === 'string' ? code : '');
          },
        };
      },
    },
    refused(call, refusal) {
      record(call, 'refused', refusal.code);
    },
    subgraphs: {
      fetched(subgraph, seconds, outcome) {
        fetches.observe({ subgraph, outcome }, seconds);
        if (outcome !== 'ok') fetchErrors.inc({ subgraph, outcome });
      },
    },
    rateLimits: { refused: (by) => limited.inc({ by }) },
    demand: { refused: (reason) => limited.inc({ by: reason }), priced: (value) => cost.observe(value) },
    admission(state) {
      new Gauge({ name: 'gateway_operations_executing', help: 'Operations executing now (at most MAX_IN_FLIGHT_OPERATIONS per process).', registers: [registry], collect() { this.set(state.executing); } });
      new Gauge({ name: 'gateway_operations_waiting', help: 'Operations waiting for a slot to execute (at most MAX_QUEUED_OPERATIONS per process; beyond, 503 OVERLOADED).', registers: [registry], collect() { this.set(state.waiting); } });
    },
    reloads(graph) {
      reloadHealthy.set({ graph }, 1);
      return {
        reloaded(outcome) {
          reloads.inc({ graph, outcome });
          reloadHealthy.set({ graph }, outcome === 'ok' ? 1 : 0);
        },
      };
    },
  };
}

function singleOperationName(call: EdgeCall): string | undefined {
  const operations = call.document?.document.definitions.filter((d) => d.kind === 'OperationDefinition') ?? [];
  const only = operations.length === 1 ? operations[0] : undefined;
  return only && 'name' in only ? only.name?.value : undefined;
}

export interface MetricsServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** `GET /metrics` in Prometheus's text format, on a port of its own (never the public one). */
export async function serveMetrics(registry: Registry, host: string, port: number): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  const bound = await listen(server, host, port);
  return { url: `http://${host}:${bound}/metrics`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
