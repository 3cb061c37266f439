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
