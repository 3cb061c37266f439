import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anonymous, type Principal } from '@jobgraph/kit';
import { EdgeRefusal, type EdgeCall, type Endpoint } from '../src/edge.ts';
import { authorization } from '../src/plugins/authorization/index.ts';
import { grantOf } from '../src/plugins/authorization/grants.ts';
import { requirementsOf } from '../src/plugins/authorization/requirements.ts';
import { accessRulesOf } from '../src/plugins/authorization/rules.ts';
import { createDocumentCache } from '../src/prepared-documents.ts';

const internal = accessRulesOf(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const publicGraph = accessRulesOf(readFileSync(new URL('../../schema/public.supergraph.graphql', import.meta.url), 'utf8'));
const documents = createDocumentCache({ maxTokens: 20_000 });

const session = (roles: Principal extends infer P ? (P extends { roles: infer R } ? R : never) : never): Principal => ({ kind: 'user', userId: 'u1', roles, scopes: [], sessionId: 's1', plan: null });
const apiKey = (scopes: string[], roles: typeof session extends (r: infer R) => Principal ? R : never = ['admin']): Principal => ({ kind: 'user', userId: 'u2', roles, scopes, sessionId: 'apikey:k1', plan: null });

/** Runs the plugin as the gateway does and answers the refusal (or null). */
function check(query: string, principal: Principal, endpoint: Endpoint = 'internal', operationName?: string): EdgeRefusal | null {
  const plugin = authorization({ rules: (which) => (which === 'internal' ? internal : publicGraph), schema: () => null });
  const prepared = documents.prepare(query);
  const call = { endpoint, principal, apiKeyId: principal.kind === 'user' && principal.sessionId.startsWith('apikey:') ? 'k1' : null, operation: { query, ...(operationName ? { operationName } : {}) } } as unknown as EdgeCall;
  try {
    void plugin.onOperation?.(call, prepared);
    return null;
  } catch (error) {
    if (error instanceof EdgeRefusal) return error;
    throw error;
  }
}

describe('reading the rules from the composed supergraph', () => {
  it('finds @authenticated and @requiresScopes on the annotated fields', () => {
    expect(internal.fields.get('Query')?.get('viewer')?.needs.map((n) => n.kind)).toEqual(['authenticated', 'scopes']);
    expect(internal.fields.get('Mutation')?.get('grantRole')?.needs).toContainEqual(expect.objectContaining({ kind: 'scopes', anyOf: [['role:admin']] }));
    expect(internal.fields.get('JobListing')?.get('applications')?.needs).toContainEqual(expect.objectContaining({ anyOf: [['applications:read']] }));
    expect(internal.fields.get('Query')?.get('plans')?.needs).toEqual([]);
  });

  it('leaves out what the public contract hides, so a hidden field stays a validation error', () => {
    expect(publicGraph.fields.get('Query')?.has('viewer')).toBe(false);
    expect(publicGraph.fields.get('Query')?.get('jobs')?.needs).toEqual([expect.objectContaining({ anyOf: [['jobs:read']] })]);
  });
});

describe('who holds which scope', () => {
  it('maps sessions through their roles, API keys through their own scopes, anonymous to the open ones', () => {
    const admin = grantOf(session(['admin']), null);
    expect([admin.has('role:admin'), admin.has('jobs:write'), admin.has('role:employer')]).toEqual([true, true, false]);
    const key = grantOf(apiKey(['jobs:read']), 'k1');
    expect([key.has('jobs:read'), key.has('jobs:write'), key.has('role:admin'), key.signedIn]).toEqual([true, false, false, true]);
    const nobody = grantOf(anonymous, null);
    expect([nobody.signedIn, nobody.has('jobs:read'), nobody.has('profile:read')]).toEqual([false, true, false]);
  });
});

describe('enforcing them before execution', () => {
  it('refuses an anonymous caller on an @authenticated field with 401, naming the path', () => {
    const refusal = check('{ plans { code } me: viewer { id } }', anonymous);
    expect(refusal).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', path: ['me'] });
    expect(refusal?.message).toContain('Query.viewer');
  });

  it('refuses a wrong scope with 403 FORBIDDEN and the scopes that would do', () => {
    const refusal = check('{ viewer { id applications(first: 1) { edges { node { id } } } } }', apiKey(['profile:read']));
    expect(refusal).toMatchObject({ status: 403, code: 'FORBIDDEN', path: ['viewer', 'applications'], extensions: { requiredScopes: [['applications:read']] } });
    expect(check('{ viewer { id applications(first: 1) { edges { node { id } } } } }', apiKey(['profile:read', 'applications:read']))).toBeNull();
  });

  it('keeps role scopes to sessions: an admin session may, an admin’s API key may not', () => {
    const query = '{ users(first: 1) { edges { node { id } } } }';
    expect(check(query, session(['admin']))).toBeNull();
    expect(check(query, session(['candidate']))).toMatchObject({ code: 'FORBIDDEN', extensions: { requiredScopes: [['role:admin']] } });
    expect(check(query, apiKey(['profile:read', 'jobs:read'], ['admin']))?.code).toBe('FORBIDDEN');
  });

  it('follows fragments and inline fragments, re-rooting the path where they are spread', () => {
    const query = 'query { jobs(first: 1) { edges { node { ...Listing } } } } fragment Listing on JobListing { id ... on JobListing { apps: applications(first: 1) { edges { cursor } } } }';
    expect(check(query, anonymous)).toMatchObject({ code: 'UNAUTHENTICATED', path: ['jobs', 'edges', 'node', 'apps'] });
    expect(check(query, apiKey(['profile:read']))).toMatchObject({ code: 'FORBIDDEN', path: ['jobs'] });
  });

  it('checks the operation named, not its neighbours', () => {
    const query = 'query Open { plans { code } } query Mine { viewer { id } }';
    expect(check(query, anonymous, 'internal', 'Open')).toBeNull();
    expect(check(query, anonymous, 'internal', 'Mine')?.code).toBe('UNAUTHENTICATED');
  });

  it('enforces on the public endpoint too: a partner key without jobs:read cannot search jobs', () => {
    expect(check('{ jobs(first: 1) { edges { node { id } } } }', apiKey(['profile:read']), 'public')).toMatchObject({ code: 'FORBIDDEN', path: ['jobs'] });
    expect(check('{ jobs(first: 1) { edges { node { id } } } }', apiKey(['jobs:read']), 'public')).toBeNull();
  });

  it('walks 24 fragments each spreading the next twice once each (2^24 paths are never expanded)', () => {
    let query = 'query { viewer { ...F0 } }';
    for (let i = 0; i < 24; i += 1) query += i < 23 ? ` fragment F${i} on User { id ...F${i + 1} ...F${i + 1} }` : ' fragment F23 on User { applications(first: 1) { edges { cursor } } }';
    const rules = requirementsOf(internal, documents.prepare(query).document, undefined);
    expect(rules?.map((r) => r.path.length)).toEqual([1, 1, 2]);
    expect(check(query, apiKey(['profile:read']))).toMatchObject({ code: 'FORBIDDEN', path: ['viewer', 'applications'] });
  });
});
