import { describe, expect, inject, it } from 'vitest';
import { graphql } from './graphql-client.ts';
import { useStory } from './story.ts';

const story = useStory();
const jobs = '{ jobs(first: 10) { edges { node { id title company { id name } } } } }';

describe('demand control', () => {
  it('announces the cost and the budget left in extensions.cost', async () => {
    const gateway = await story().stack.startGateway({ demandControl: { budgetCapacity: 1000, budgetRefillPerSecond: 0.001 } });
    const ada = await story().candidate('Costly Ada');
    const first = (await graphql(gateway.url, jobs, {}, ada.accessToken)) as unknown as { extensions?: { cost?: { requested: number; budgetRemaining: number } } };
    const second = (await graphql(gateway.url, jobs, {}, ada.accessToken)) as unknown as { extensions?: { cost?: { requested: number; budgetRemaining: number } } };
    expect(first.extensions?.cost?.requested).toBe(31);
    expect(second.extensions?.cost?.requested).toBe(31);
    expect(first.extensions?.cost?.budgetRemaining).toBe(1000 - 31);
    expect(second.extensions?.cost?.budgetRemaining).toBe(1000 - 62);
  });

  it('over budget answers 429 RATE_LIMITED with Retry-After and executes nothing; two gateways share the budget in Redis', async () => {
    const settings = { redisUrl: inject('redisUrl'), demandControl: { budgetCapacity: 40, budgetRefillPerSecond: 0.001 } };
    const one = await story().stack.startGateway(settings);
    const two = await story().stack.startGateway(settings);
    const boss = await story().employer('Budget Boss');
    const create = 'mutation ($name: String!) { createCompany(input: { name: $name }) { company { id } errors { code } } }';
    // 10 (mutation) + 1 (company) + 1 (errors) = 12 each: three fit in 40 across both instances, the fourth does not.
    for (const [gateway, name] of [[one, 'Budget A'], [two, 'Budget B'], [one, 'Budget C']] as const) {
      const result = await graphql(gateway.url, create, { name }, boss.accessToken);
      expect(result.errors, JSON.stringify(result)).toBeUndefined();
    }
    const refused = await graphql(two.url, create, { name: 'Budget D' }, boss.accessToken);
    expect(refused.status, JSON.stringify(refused)).toBe(429);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ cost: { requested: 12, budgetRemaining: 4 } });
    const mine = await boss.request('{ viewer { companyMemberships { company { name } } } }');
    const names = JSON.stringify(mine.data);
    expect(names).toContain('Budget C');
    expect(names).not.toContain('Budget D');
  });

  it('refuses an operation dearer than any budget with COST_LIMIT_EXCEEDED', async () => {
    const dear = `{ jobs(first: 100) { edges { node { company { jobs(first: 100) { edges { node { id } } } } } } } }`;
    const result = await story().anonymous(dear);
    expect(result.status).toBe(400);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['COST_LIMIT_EXCEEDED']);
  });
});

describe('request-rate limits', () => {
  it('a flood from one caller is refused while another caller’s requests still pass', async () => {
    const gateway = await story().stack.startGateway({ redisUrl: inject('redisUrl'), rateLimits: { perPrincipal: { requests: 5, perSeconds: 60 }, perIp: { requests: 1000, perSeconds: 60 } } });
    const flooder = await story().candidate('Flooder');
    const patient = await story().candidate('Patient');
    const answers = await Promise.all(Array.from({ length: 12 }, () => graphql(gateway.url, '{ viewer { id } }', {}, flooder.accessToken)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(7);
    expect(refused[0]?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused[0]?.headers.get('retry-after')).toBeTruthy();
    const other = await graphql<{ viewer: { id: string } }>(gateway.url, '{ viewer { id } }', {}, patient.accessToken);
    expect(other.data?.viewer.id).toBe(patient.id);
  });

  it('limits requests per IP', async () => {
    const gateway = await story().stack.startGateway({ rateLimits: { perIp: { requests: 3, perSeconds: 60 } } });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await graphql(gateway.url, '{ __typename }')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
