import { describe, expect, it } from 'vitest';
import { encodeCursor } from '@jobgraph/kit';
import { useTracker, type Candidate } from './seed.ts';

const tracker = useTracker();

const pageQuery = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String, $filter: ApplicationFilter) {
    _entities(representations: $r) {
      ... on User {
        applications(first: $first, after: $after, filter: $filter) {
          edges { cursor node { id manualJob { title } stage { name } } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
    }
  }
`;

interface Page {
  edges: { cursor: string; node: { id: string; manualJob: { title: string }; stage: { name: string } } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

async function page(candidate: Candidate, variables: Record<string, unknown> = {}) {
  return candidate.request<{ _entities: { applications: Page }[] }>(pageQuery, { r: [{ __typename: 'User', id: candidate.id }], ...variables });
}

async function pageOf(candidate: Candidate, variables: Record<string, unknown> = {}): Promise<Page> {
  const result = await page(candidate, variables);
  const applications = result.data?._entities[0]?.applications;
  if (!applications) throw new Error(JSON.stringify(result.errors));
  return applications;
}

describe('User.applications', () => {
  it('pages through every application newest first, with cursors, none twice and none missed', async () => {
    const ada = tracker.candidate();
    const titles = Array.from({ length: 7 }, (_, i) => `Job ${i + 1}`);
    for (const title of titles) await ada.track({ title });

    const first = await pageOf(ada, { first: 3 });
    expect(first.edges.map((e) => e.node.manualJob.title)).toEqual(['Job 7', 'Job 6', 'Job 5']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0]?.cursor, endCursor: first.edges[2]?.cursor });

    const second = await pageOf(ada, { first: 3, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.manualJob.title)).toEqual(['Job 4', 'Job 3', 'Job 2']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const last = await pageOf(ada, { first: 3, after: second.pageInfo.endCursor });
    expect(last.edges.map((e) => e.node.manualJob.title)).toEqual(['Job 1']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('keeps its order when an application moves, so a page never shifts under the client', async () => {
    const ada = tracker.candidate();
    const older = await ada.track({ title: 'Older' });
    await ada.track({ title: 'Newer' });
    const first = await pageOf(ada, { first: 1 });
    await ada.move(older.id, 'Interview');
    const second = await pageOf(ada, { first: 1, after: first.pageInfo.endCursor });
    expect([...first.edges, ...second.edges].map((e) => e.node.manualJob.title)).toEqual(['Newer', 'Older']);
  });

  it('filters by stage and by stage kind', async () => {
    const ada = tracker.candidate();
    const a = await ada.track({ title: 'A' });
    await ada.track({ title: 'B' });
    const c = await ada.track({ title: 'C' });
    await ada.move(a.id, 'Interview');
    await ada.move(c.id, 'Rejected');
    const interview = await ada.stageNamed('Interview');
    const byStage = await pageOf(ada, { filter: { stageIds: [interview.id] } });
    expect(byStage.edges.map((e) => e.node.manualJob.title)).toEqual(['A']);
    const byKind = await pageOf(ada, { filter: { stageKinds: ['REJECTED', 'APPLIED'] } });
    expect(byKind.edges.map((e) => e.node.manualJob.title)).toEqual(['C', 'B']);
    const unfiltered = await pageOf(ada, { filter: { stageIds: [], stageKinds: [] } });
    expect(unfiltered.edges).toHaveLength(3);
  });

  it('answers an empty connection for a user with no applications', async () => {
    const ada = tracker.candidate();
    expect(await pageOf(ada)).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it('refuses first > 100 as BAD_USER_INPUT', async () => {
    const ada = tracker.candidate();
    tracker.harness.resetQueries();
    const result = await page(ada, { first: 101 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tracker.harness.queries).toHaveLength(0);
  });

  it('refuses a cursor it did not issue as BAD_USER_INPUT before any SQL', async () => {
    const ada = tracker.candidate();
    tracker.harness.resetQueries();
    for (const after of ['garbage', encodeCursor({ key: 'yesterday', id: crypto.randomUUID() }), encodeCursor({ key: '2025-01-01T00:00:00.000000Z', id: 'not-a-uuid' })]) {
      const result = await page(ada, { after });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(tracker.harness.queries).toHaveLength(0);
  });
});
