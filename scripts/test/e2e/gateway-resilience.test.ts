import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { graphql, refusedAtTheEdge } from './graphql-client.ts';
import { useStory } from './story.ts';

const story = useStory();
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real HTTP server on 127.0.0.1 standing in for a subgraph that misbehaves; counts the calls it gets. */
async function misbehaving(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((request, response) => {
    hits += 1;
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, hits: () => hits };
}

async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

async function gatewayWithCatalogAt(catalogUrl: string, resilience: Record<string, number> = {}) {
  const urls = Object.fromEntries(Object.values(story().stack.subgraphs).map((service) => [service.name, service.url]));
  return story().stack.startGateway({ subgraphUrls: { ...urls, catalog: catalogUrl }, resilience: { timeoutMs: 300, retryDelayMs: 10, breakerResetMs: 60_000, ...resilience } });
}

const spanning = '{ viewer { id displayName } company(slug: "no-such-company") { id name } }';

describe('a subgraph that fails answers partial data and one masked error', () => {
  const cases: Array<[string, () => Promise<string>]> = [
    ['hangs', async () => (await misbehaving(() => {})).url],
    ['answers 500', async () => (await misbehaving((_request, response) => response.writeHead(500, { 'content-type': 'text/plain' }).end('secret-body: stack trace at db.internal:5432'))).url],
    ['refuses connections', refusingUrl],
  ];
  for (const [behaviour, make] of cases) {
    it(`keeps the viewer when catalog ${behaviour}`, async () => {
      const catalogUrl = await make();
      const gateway = await gatewayWithCatalogAt(catalogUrl);
      const ada = await story().candidate(`Partial ${behaviour}`);
      const result = await graphql<{ viewer: { id: string }; company: null }>(gateway.url, spanning, {}, ada.accessToken);
      expect(result.status).toBe(200);
      expect(result.data).toEqual({ viewer: { id: ada.id, displayName: `Partial ${behaviour}` }, company: null });
      expect(result.errors).toEqual([{ message: 'A service this operation needs (catalog) is unavailable; try again shortly.', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }]);
      const text = JSON.stringify(result);
      expect(text).not.toContain(new URL(catalogUrl).port);
      expect(text).not.toMatch(/secret-body|5432|Internal Server Error|"500"|ECONNREFUSED|aborted/i);
    });
  }
});

describe('retries and the circuit breaker', () => {
  it('retries a query once, never a mutation', async () => {
    const failing = await misbehaving((_request, response) => response.writeHead(503).end());
    const gateway = await gatewayWithCatalogAt(failing.url, { queryRetries: 1, breakerVolumeThreshold: 100 });
    const boss = await story().employer('Retry Boss');
    await graphql(gateway.url, '{ company(slug: "x") { id } }', {}, boss.accessToken);
    expect(failing.hits()).toBe(2);
    const mutation = await graphql(gateway.url, 'mutation { createCompany(input: { name: "Retry Co" }) { company { id } errors { code } } }', {}, boss.accessToken);
    expect(mutation.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(failing.hits()).toBe(3);
  });

  it('opens after repeated failures: later calls fail fast without reaching the subgraph', async () => {
    const failing = await misbehaving((_request, response) => response.writeHead(500).end());
    const gateway = await gatewayWithCatalogAt(failing.url, { queryRetries: 0, breakerVolumeThreshold: 3, breakerErrorPercentage: 50 });
    for (let i = 0; i < 3; i += 1) await graphql(gateway.url, '{ company(slug: "x") { id } }');
    const before = failing.hits();
    expect(before).toBe(3);
    for (let i = 0; i < 5; i += 1) {
      const result = await graphql(gateway.url, '{ company(slug: "x") { id } }');
      expect(result.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    }
    expect(failing.hits()).toBe(before);
  });
});

describe('in-flight operation limit (admission control)', () => {
  /** A catalog that holds every call until the test answers it, in arrival order. */
  async function heldCatalog() {
    const held: ServerResponse[] = [];
    const catalog = await misbehaving((request, response) => {
      request.resume();
      held.push(response);
    });
    const answerNext = () => held.shift()?.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"company":null}}');
    return { ...catalog, answerNext, held: () => held.length };
  }
  /** A gateway with these admission settings whose catalog is `heldCatalog`, the other subgraphs the story's. */
  async function gatewayOverHeldCatalog(admission: { maxInFlight: number; maxQueued: number; maxWaitMs: number; maxHoldMs: number }) {
    const catalog = await heldCatalog();
    const urls = Object.fromEntries(Object.values(story().stack.subgraphs).map((service) => [service.name, service.url]));
    const gateway = await story().stack.startGateway({ subgraphUrls: { ...urls, catalog: catalog.url }, admission });
    return { catalog, gateway };
  }
  const company = (slug: string) => `{ company(slug: "${slug}") { id } }`;
  const until = async (condition: () => boolean) => {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 5000) throw new Error('condition not reached in 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('executes at most N operations, starts the next in arrival order, and refuses beyond the queue with 503 OVERLOADED', async () => {
    const { catalog, gateway } = await gatewayOverHeldCatalog({ maxInFlight: 1, maxQueued: 1, maxWaitMs: 10_000, maxHoldMs: 60_000 });
    const first = graphql(gateway.url, company('first'));
    await until(() => catalog.hits() === 1);
    const second = graphql(gateway.url, company('second'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(catalog.hits()).toBe(1); // waiting, not executing

    const third = await graphql(gateway.url, company('third'));
    expect(third.status).toBe(503);
    expect(refusedAtTheEdge(third)).toBe('OVERLOADED');
    expect(third.headers.get('retry-after')).toBe('1');
    expect(catalog.hits()).toBe(1);

    catalog.answerNext();
    expect(await first).toMatchObject({ status: 200, data: { company: null } });
    await until(() => catalog.hits() === 2);
    catalog.answerNext();
    const answered = await second;
    expect(answered.status).toBe(200);
    expect(answered.errors).toBeUndefined();
    expect(answered.data).toEqual({ company: null });
  });

  it('refuses an operation whose wait for a slot runs out', async () => {
    const { catalog, gateway } = await gatewayOverHeldCatalog({ maxInFlight: 1, maxQueued: 1, maxWaitMs: 500, maxHoldMs: 60_000 });
    const first = graphql(gateway.url, company('holder'));
    await until(() => catalog.hits() === 1);
    const started = Date.now();
    const late = await graphql(gateway.url, company('late'));
    expect(late.status).toBe(503);
    expect(refusedAtTheEdge(late)).toBe('OVERLOADED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    catalog.answerNext();
    expect(await first).toMatchObject({ status: 200, data: { company: null } });
    expect(catalog.hits()).toBe(1); // the refused operation never ran
  });

  it('an operation stuck on a slow subgraph gives its slot up after maxHoldMs: the others are not stalled behind it', async () => {
    const { catalog, gateway } = await gatewayOverHeldCatalog({ maxInFlight: 1, maxQueued: 5, maxWaitMs: 10_000, maxHoldMs: 200 });
    const sent = Date.now();
    const slow = graphql(gateway.url, company('slow'));
    await until(() => catalog.hits() === 1);
    const other = await graphql(gateway.url, '{ __typename }');
    expect(other).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    expect(Date.now() - sent).toBeGreaterThanOrEqual(190); // it waited for the slow operation's lease, not for the slow subgraph
    expect(catalog.held()).toBe(1); // the slow operation is still running
    catalog.answerNext();
    expect(await slow).toMatchObject({ status: 200, data: { company: null } });
  });

  it('frees the queue place of a client that hung up while waiting; its operation never runs', async () => {
    const { catalog, gateway } = await gatewayOverHeldCatalog({ maxInFlight: 1, maxQueued: 1, maxWaitMs: 30_000, maxHoldMs: 60_000 });
    const first = graphql(gateway.url, company('holder'));
    await until(() => catalog.hits() === 1);
    const hangUp = new AbortController();
    const gone = fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: company('gone') }), signal: hangUp.signal }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    hangUp.abort();
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = graphql(gateway.url, company('next'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(catalog.hits()).toBe(1); // `next` waits in the place the hung-up client left: not refused, not running
    catalog.answerNext();
    expect(await first).toMatchObject({ status: 200, data: { company: null } });
    await until(() => catalog.hits() === 2);
    catalog.answerNext();
    expect(await next).toMatchObject({ status: 200, data: { company: null } });
    expect(catalog.hits()).toBe(2); // the abandoned operation never ran
  });
});

describe('health and readiness', () => {
  it('/healthz answers while alive; /readyz is 200 with every subgraph up and 503 naming the one that is not', async () => {
    const origin = new URL(story().stack.gatewayUrl).origin;
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', supergraph: 'loaded', subgraphs: { identity: 'reachable', catalog: 'reachable' } });
    const broken = await gatewayWithCatalogAt(await refusingUrl());
    const notReady = await fetch(`${new URL(broken.url).origin}/readyz`);
    expect(notReady.status).toBe(503);
    const body = await notReady.text();
    expect(JSON.parse(body)).toMatchObject({ status: 'unavailable', subgraphs: { catalog: 'unreachable', identity: 'reachable' } });
    expect(body).not.toContain('127.0.0.1');
  });
});

describe('webhook forwarding', () => {
  it('forwards the raw body and headers to the subgraph’s /webhooks route, adds no internal token, and passes its status back', async () => {
    const seen: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
    // Stands in for billing's own HTTP server and its `/webhooks/stripe` route.
    const billing = await misbehaving((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({ url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const signed = request.headers['stripe-signature'] === 't=1,v1=abc';
        response.writeHead(signed ? 200 : 400, { 'content-type': 'application/json', location: 'http://127.0.0.1:1/internal' }).end(JSON.stringify({ received: signed }));
      });
    });
    const urls = Object.fromEntries(Object.values(story().stack.subgraphs).map((service) => [service.name, service.url]));
    const gateway = await story().stack.startGateway({ subgraphUrls: { ...urls, billing: billing.url }, maxWebhookBodyBytes: 10_000 });
    const origin = new URL(gateway.url).origin;
    const raw = '{"id":"evt_1",  "type":"invoice.paid"}';
    const ok = await fetch(`${origin}/webhooks/billing/stripe?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc' }, body: raw });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true });
    expect(ok.headers.get('location')).toBeNull();
    expect(seen[0]).toMatchObject({ url: '/webhooks/stripe?x=1', body: raw });
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(seen[0]?.headers['stripe-signature']).toBe('t=1,v1=abc');

    const unsigned = await fetch(`${origin}/webhooks/billing/stripe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(unsigned.status).toBe(400);
    expect((await fetch(`${origin}/webhooks/billing/stripe`, { method: 'POST', body: 'x'.repeat(20_000) })).status).toBe(413);
    expect((await fetch(`${origin}/webhooks/nowhere/stripe`, { method: 'POST', body: raw })).status).toBe(404);
    expect((await fetch(`${origin}/webhooks/billing/..%2F..%2Fgraphql`, { method: 'POST', body: raw })).status).toBe(404);
    expect((await fetch(`${origin}/webhooks/billing/stripe`)).status).toBe(405);
    expect(seen).toHaveLength(2);

    const down = await story().stack.startGateway({ subgraphUrls: { ...urls, billing: await refusingUrl() } });
    const unreachable = await fetch(`${new URL(down.url).origin}/webhooks/billing/stripe`, { method: 'POST', body: raw });
    expect(unreachable.status).toBe(502);
    expect(await unreachable.text()).not.toContain('127.0.0.1');
  });
});
