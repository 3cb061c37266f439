import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, userPrincipal, type SubgraphHarness } from '@jobgraph/kit/testing';
import { assistant } from '../src/index.ts';

let database: TestDatabase;
let harness: SubgraphHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(assistant, database);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const saveBase = `mutation ($input: SaveBaseResumeInput!) { saveBaseResume(input: $input) { resumeVersion { id } errors { code } } }`;
const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ResumeVersion { id title sections } } }`;

describe('resume versions as federation entities', () => {
  it('resolve for their owner only: another user, or a caller without one, gets null for the same id', async () => {
    const [ada, mallory] = [crypto.randomUUID(), crypto.randomUUID()];
    const saved = await harness.request<{ saveBaseResume: { resumeVersion: { id: string } } }>(saveBase, { input: { sections: { summary: 'Private words' } } }, userPrincipal(ada));
    const id = saved.data?.saveBaseResume.resumeVersion.id ?? '';
    const representations = { r: [{ __typename: 'ResumeVersion', id }] };
    const own = await harness.request<{ _entities: unknown[] }>(entities, representations, userPrincipal(ada));
    expect(own.data?._entities).toEqual([{ id, title: 'Base resume', sections: { summary: 'Private words' } }]);
    const other = await harness.request<{ _entities: unknown[] }>(entities, representations, userPrincipal(mallory));
    expect(other.data?._entities).toEqual([null]);
    const anonymous = await harness.request<{ _entities: unknown[] }>(entities, representations);
    expect(anonymous.data?._entities).toEqual([null]);
  });
});

describe('hidden candidates through _entities', () => {
  const discovery = `mutation ($input: UpdateDiscoverySettingsInput!) { updateDiscoverySettings(input: $input) { errors { code } } }`;
  const profileOf = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { careerProfile { id skills discovery { discoverable contactEmail } } } } }`;

  it('never shows another user’s profile or contact, hidden or discoverable: discovery is the only way in', async () => {
    const [hidden, shown, employer] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await harness.request(discovery, { input: { discoverable: false, shareContact: true, contactEmail: 'hidden@example.com' } }, userPrincipal(hidden));
    await harness.request(discovery, { input: { discoverable: true, shareContact: true, contactEmail: 'shown@example.com' } }, userPrincipal(shown));
    const seen = await harness.request<{ _entities: { careerProfile: unknown }[] }>(profileOf, { r: [{ __typename: 'User', id: hidden }, { __typename: 'User', id: shown }] }, userPrincipal(employer));
    expect(seen.data?._entities).toEqual([{ careerProfile: null }, { careerProfile: null }]);
    const own = await harness.request<{ _entities: { careerProfile: { discovery: unknown } }[] }>(profileOf, { r: [{ __typename: 'User', id: hidden }] }, userPrincipal(hidden));
    expect(own.data?._entities[0]?.careerProfile.discovery).toEqual({ discoverable: false, contactEmail: 'hidden@example.com' });
  });
});
