import { buildSchema, parse } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { EdgeCall } from '../src/edge.ts';
import { demandControl } from '../src/plugins/demand-control/index.ts';
import { defaultCostModel, operationCost } from '../src/plugins/demand-control/cost.ts';
import { memoryTokenBuckets, redisTokenBuckets } from '../src/plugins/demand-control/token-bucket.ts';

// Provided by scripts/src/testing/global-setup.ts (a real Redis from infra/redis).
declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

const schema = buildSchema(`
  type Query { jobs(first: Int): JobConnection! company(slug: String): Company viewer: User }
  type Mutation { apply(jobId: ID!): Application }
  type User { id: ID! name: String tags: [String!]! }
  type Company { id: ID! name: String! jobs(first: Int): JobConnection! }
  type JobConnection { edges: [JobEdge!]! totalCount: Int! }
  type JobEdge { node: Job! cursor: String! }
  type Job { id: ID! title: String! company: Company! }
  type Application { id: ID! job: Job! }
`);
const cost = (query: string, variables: Record<string, unknown> = {}, model = defaultCostModel) => operationCost(schema, parse(query), undefined, variables, model)?.cost;

describe('static cost', () => {
  it('weighs object fields, not scalars', () => {
    expect(cost('{ viewer { id name tags } }')).toBe(1);
    expect(cost('{ company(slug: "a") { id name } viewer { id } }')).toBe(2);
  });

  it('multiplies by `first`, capped, and by the default size without it; edges do not count twice', () => {
    // jobs(1) + first × (edges(1) + node(1) + company(1)) = 1 + 10 × 3
    expect(cost('{ jobs(first: 10) { edges { node { id company { id } } } } }')).toBe(31);
    expect(cost('{ jobs { edges { node { id } } } }')).toBe(1 + 20 * 2);
    expect(cost('{ jobs(first: 100000) { edges { node { id } } } }')).toBe(1 + 100 * 2);
    expect(cost('query ($n: Int) { jobs(first: $n) { edges { node { id } } } }', { n: 5 })).toBe(11);
  });

  it('expands fragments (each priced once) and weighs mutations', () => {
    const fragments = '{ jobs(first: 10) { edges { node { ...J } } } } fragment J on Job { company { ...C } } fragment C on Company { jobs(first: 10) { edges { node { id } } } }';
    // 1 + 10 × (edges 1 + node 1 + company (1 + jobs (1 + 10 × 2)))
    expect(cost(fragments)).toBe(1 + 10 * (1 + 1 + 1 + 1 + 10 * 2));
    expect(cost('mutation { apply(jobId: "1") { id job { id } } }')).toBe(11);
    expect(cost('{ viewer { id } }', {}, { ...defaultCostModel, fieldWeights: { 'Query.viewer': 7 } })).toBe(7);
  });

  it('prices a fragment bomb without walking it', () => {
    let bomb = '{ jobs(first: 100) { edges { node { ...F0 } } } }';
    for (let i = 0; i < 200; i += 1) bomb += i < 199 ? ` fragment F${i} on Job { ...F${i + 1} ...F${i + 1} }` : ` fragment F${i} on Job { company { id } }`;
    expect(cost(bomb)).toBeGreaterThan(1e11);
  });
});

describe('the demand-control plugin', () => {
  it('prices an operation whose list size is a variable anew for other variables, and once for the same ones', async () => {
    const plugin = demandControl({ budgets: memoryTokenBuckets({ capacity: 1_000_000, refillPerSecond: 1 }), maxOperationCost: 5000, schema: () => schema });
    const query = 'query Jobs($n: Int) { jobs(first: $n) { edges { node { id } } } }';
    const prepared = { hash: 'jobs', document: parse(query), memo: new Map<string, unknown>() };
    const priced = async (n: number) => {
      const call = { endpoint: 'internal', ip: '203.0.113.9', principal: { kind: 'anonymous' }, apiKeyId: null, operation: { query, variables: { n }, operationName: 'Jobs' }, responseExtensions: {}, responseHeaders: {} } as unknown as EdgeCall;
      await plugin.onOperation?.(call, prepared);
      return (call.responseExtensions.cost as { requested: number }).requested;
    };
    expect([await priced(5), await priced(5), await priced(10), await priced(10), await priced(5), await priced(100), await priced(1000)]).toEqual([11, 11, 21, 21, 11, 201, 201]);
  });
});

describe('token buckets', () => {
  it('in memory: takes whole costs, refuses with a retry-after, refills over time', async () => {
    let now = 0;
    const buckets = memoryTokenBuckets({ capacity: 100, refillPerSecond: 10 }, () => now);
    expect(await buckets.take('a', 60)).toEqual({ allowed: true, remaining: 40, retryAfterSeconds: 0 });
    expect(await buckets.take('a', 60)).toEqual({ allowed: false, remaining: 40, retryAfterSeconds: 2 });
    expect((await buckets.take('b', 60)).allowed).toBe(true);
    now = 2000;
    expect(await buckets.take('a', 60)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });

  const redis = new Redis(inject('redisUrl'));
  const otherInstance = new Redis(inject('redisUrl'));
  afterAll(async () => {
    await redis.quit();
    await otherInstance.quit();
  });

  it('in Redis: two gateways drawing from one key share one budget', async () => {
    const shape = { capacity: 100, refillPerSecond: 1 };
    const prefix = `test:${crypto.randomUUID()}:`;
    const first = redisTokenBuckets(redis, shape, prefix);
    const second = redisTokenBuckets(otherInstance, shape, prefix);
    expect((await first.take('key', 70)).allowed).toBe(true);
    const refused = await second.take('key', 70);
    expect(refused.allowed).toBe(false);
    expect(refused.remaining).toBe(30);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(39);
    expect((await second.take('other-key', 70)).allowed).toBe(true);
  });
});
