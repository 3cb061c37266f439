import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '@jobgraph/kit';
import { eventually, InMemorySpanExporter, recordingLogger } from '@jobgraph/kit/testing';
import type { RunningGateway } from '@jobgraph/gateway';
import { supergraphPath } from '../../src/supergraph.ts';
import { dataOf, graphql } from './graphql-client.ts';
import { useStory } from './story.ts';

const story = useStory();

/** The value of one series in Prometheus's text format (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.indexOf('}'));
    if (wanted.every((pair) => labelText.split(',').includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('metrics on a port of their own', () => {
  let gateway: RunningGateway;
  let file: string;
  const logs = recordingLogger('gateway');
  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
    writeFileSync(file, readFileSync(supergraphPath, 'utf8'));
    const subgraphUrls = Object.fromEntries(Object.entries(story().stack.subgraphs).map(([name, service]) => [name, service.url]));
    gateway = await story().stack.startGateway({
      metricsPort: 0,
      logger: logs.logger,
      watchSupergraphFiles: { internal: file },
      // billing refuses connections here: its fetches fail and are counted
      subgraphUrls: { ...subgraphUrls, billing: 'http://127.0.0.1:1/graphql' },
      rateLimits: { perIp: { requests: 8, perSeconds: 60 } },
    });
  });

  it('counts requests by operation and outcome, latency, subgraph fetches and failures, cost and rate-limit refusals', async () => {
    expect(dataOf(await graphql(gateway.url, 'query OpenJobs { jobs(first: 1) { edges { cursor } } }'))).toHaveProperty('jobs');
    expect((await graphql(gateway.url, 'query Mine { viewer { id } }')).status).toBe(401);
    const partial = await graphql(gateway.url, 'query Plans { plans { code } }');
    expect(partial.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    const flood = await Promise.all(Array.from({ length: 8 }, () => graphql(gateway.url, '{ __typename }')));
    expect(flood.some((result) => result.status === 429)).toBe(true);

    expect(gateway.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(gateway.metricsUrl ?? '').port).not.toBe(new URL(gateway.url).port);
    expect((await fetch(new URL('/metrics', gateway.url))).status).toBe(404); // never on the API's port
    const text = await (await fetch(gateway.metricsUrl ?? '')).text();
    expect(sample(text, 'gateway_requests_total', { graph: 'internal', operation: 'OpenJobs', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'gateway_requests_total', { operation: 'Mine', outcome: 'refused', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sample(text, 'gateway_requests_total', { operation: 'Plans', code: 'SUBGRAPH_UNAVAILABLE' })).toBe(1);
    expect(sample(text, 'gateway_requests_total', { outcome: 'refused', code: 'RATE_LIMITED' })).toBeGreaterThan(0);
    expect(sample(text, 'gateway_request_duration_seconds_count', { operation: 'OpenJobs', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'catalog', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'gateway_subgraph_errors_total', { subgraph: 'billing', outcome: 'error' })).toBeGreaterThan(0);
    expect(sample(text, 'gateway_rate_limit_refusals_total', { by: 'ip' })).toBeGreaterThan(0);
    expect(text).toMatch(/^gateway_operation_cost_count \d+$/m);
    // Admission control: nothing executing or waiting once every answer is in.
    expect(text).toMatch(/^gateway_operations_executing 0$/m);
    expect(text).toMatch(/^gateway_operations_waiting 0$/m);
  });

  it('logs the masked failure in full with the request id, while the client sees only the code', async () => {
    const line = logs.lines.find((entry) => entry.msg === 'subgraph call failed');
    expect(line).toMatchObject({ subgraph: 'billing', requestId: expect.any(String) as string });
    expect(JSON.stringify(line)).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('says in the metric and the log when a supergraph file fails to load, and keeps serving', async () => {
    const before = await (await fetch(gateway.metricsUrl ?? '')).text();
    expect(sample(before, 'gateway_supergraph_reload_ok', { graph: 'internal' })).toBe(1);
    writeFileSync(file, 'this is not a supergraph');
    const after = await eventually(async () => {
      const text = await (await fetch(gateway.metricsUrl ?? '')).text();
      return sample(text, 'gateway_supergraph_reloads_total', { graph: 'internal', outcome: 'failed' }) === 1 ? text : null;
    }, 10_000);
    expect(sample(after, 'gateway_supergraph_reload_ok', { graph: 'internal' })).toBe(0);
    expect(logs.lines.some((entry) => entry.msg === 'supergraph reload failed; keeping the last good schema' && entry.level === 50)).toBe(true);
  });
});

describe('OpenTelemetry across gateway and subgraphs', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  beforeAll(() => {
    tracing = startTracing({ exporter, simple: true });
  });
  afterAll(() => tracing.stop());

  it('puts the gateway span, its subgraph calls and the subgraphs’ own spans in one trace (traceparent)', async () => {
    const ada = await story().candidate('Ada Traced');
    const logs = recordingLogger('gateway');
    const gateway = await story().stack.startGateway({ logger: logs.logger });
    const clientTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ada.accessToken}`, traceparent: `00-${clientTrace}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ query: 'query Spanning { viewer { id displayName credits { balance } } }' }),
    });
    expect(((await response.json()) as { data: { viewer: { id: string } } }).data.viewer.id).toBe(ada.id);

    const spans = await eventually(async () => {
      const found = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === clientTrace);
      return found.some((span) => span.name === 'billing graphql') && found.some((span) => span.name === 'gateway graphql') ? found : null;
    }, 5_000);
    const gatewaySpan = spans.find((span) => span.name === 'gateway graphql');
    const toIdentity = spans.find((span) => span.name === 'subgraph identity');
    const inIdentity = spans.find((span) => span.name === 'identity graphql');
    const inBilling = spans.find((span) => span.name === 'billing graphql');
    expect(gatewaySpan?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(toIdentity?.parentSpanId).toBe(gatewaySpan?.spanContext().spanId);
    expect(inIdentity?.parentSpanId).toBe(toIdentity?.spanContext().spanId);
    expect(inBilling?.parentSpanId).toBe(spans.find((span) => span.name === 'subgraph billing')?.spanContext().spanId);
    expect(logs.lines.find((entry) => entry.msg === 'operation')).toMatchObject({ traceId: clientTrace, requestId: expect.any(String) as string, operationName: 'Spanning' });
  });
});
