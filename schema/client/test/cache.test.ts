import { readFileSync } from 'node:fs';
import { InMemoryCache } from '@apollo/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiSchemaPath, loadApiSchema, printApiSchema } from '../src/api-schema.ts';
import { possibleTypesOf, typesWithoutIdentity } from '../src/cache-policies.ts';
import { createJobgraphCache } from '../src/create-cache.ts';
import { possibleTypes, typesWithoutIdentity as generatedTypesWithoutIdentity } from '../src/generated/cache-shape.ts';
import { CandidateHomeQuery, CreditHistoryQuery } from '../src/operations/candidate-home.ts';

const userId = '7f5f0a5e-4a51-4f26-9a7e-6f3f0d1c2b3a';
const home = {
  viewer: {
    __typename: 'User',
    id: userId,
    displayName: 'Ada',
    careerProfile: { __typename: 'CareerProfile', id: 'p1', headline: 'Engineer', skills: ['GraphQL'] },
    subscription: { __typename: 'BillingSubscription', id: 's1', status: 'ACTIVE', plan: { __typename: 'Plan', id: 'plan-free', code: 'free', name: 'Free' } },
    credits: { __typename: 'CreditBalance', balance: 20 },
    applications: { __typename: 'ApplicationConnection', edges: [] },
  },
} as const;
const history = {
  viewer: {
    __typename: 'User',
    id: userId,
    credits: {
      __typename: 'CreditBalance',
      ledger: { __typename: 'CreditLedgerConnection', edges: [{ __typename: 'CreditLedgerEdge', node: { __typename: 'CreditLedgerEntry', id: 'e1', amount: 20, reason: 'PLAN_GRANT' } }] },
    },
  },
} as const;

/** What a frontend sees: the home screen, then a history screen reading other fields of the same `credits`. */
function twoScreens(cache: InMemoryCache) {
  cache.writeQuery({ query: CandidateHomeQuery, data: home as never });
  cache.writeQuery({ query: CreditHistoryQuery, data: history as never });
  return { home: cache.readQuery({ query: CandidateHomeQuery }), history: cache.readQuery({ query: CreditHistoryQuery }) };
}

afterEach(() => vi.restoreAllMocks());

describe('the Apollo Client cache for Jobgraph', () => {
  it('keeps both screens’ fields of User.credits, with no warning about lost data', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const screens = twoScreens(createJobgraphCache());
    expect(warn).not.toHaveBeenCalled();
    expect(screens.home?.viewer?.credits.balance).toBe(20);
    expect(screens.history?.viewer?.credits.ledger.edges[0]?.node.amount).toBe(20);
  });

  it('without the policies, Apollo Client warns that cache data may be lost and the first screen loses its data', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const screens = twoScreens(new InMemoryCache());
    expect(warn.mock.calls.flat().join(' ')).toMatch(/Cache data may be lost/);
    expect(screens.home).toBeNull();
  });

  it('is generated from the committed supergraph (run `pnpm codegen` when this fails)', () => {
    const schema = loadApiSchema();
    expect(readFileSync(apiSchemaPath, 'utf8')).toBe(printApiSchema(schema));
    expect(possibleTypes).toEqual(possibleTypesOf(schema));
    expect(generatedTypesWithoutIdentity).toEqual(typesWithoutIdentity(schema));
  });
});
