import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { encodeCursor } from '@jobgraph/kit';
import type { Database, DbTaskKind } from '../src/db/types.ts';
import { useTracker, type Candidate } from './seed.ts';

// Tasks come from events (see events.test.ts); here they are written directly to test the list.
const tracker = useTracker();
let db: Kysely<Database>;

beforeAll(() => {
  db = createKysely<Database>({ url: tracker.database.urlFor('pipeline') });
});
afterAll(async () => {
  await db?.destroy();
});

const pageQuery = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String, $includeCompleted: Boolean) {
    _entities(representations: $r) {
      ... on User {
        tasks(first: $first, after: $after, includeCompleted: $includeCompleted) {
          edges { cursor node { id title dueAt completedAt kind application { id } } }
          pageInfo { hasNextPage hasPreviousPage endCursor }
        }
      }
    }
  }
`;

interface Page {
  edges: { node: { id: string; title: string; dueAt: string | null; completedAt: string | null; kind: string; application: { id: string } | null } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

const page = (candidate: Candidate, variables: Record<string, unknown> = {}, userId = candidate.id) =>
  candidate.request<{ _entities: ({ tasks: Page } | null)[] }>(pageQuery, { r: [{ __typename: 'User', id: userId }], ...variables });

async function pageOf(candidate: Candidate, variables: Record<string, unknown> = {}): Promise<Page> {
  const result = await page(candidate, variables);
  const tasks = result.data?._entities[0]?.tasks;
  if (!tasks) throw new Error(JSON.stringify(result.errors));
  return tasks;
}

interface TaskExtras {
  readonly completed?: boolean;
  readonly application_id?: string;
  readonly kind?: DbTaskKind;
}

const addTask = (userId: string, title: string, dueAt: string | null, { completed = false, ...more }: TaskExtras = {}) =>
  db
    .insertInto('tasks')
    .values({
      user_id: userId,
      kind: 'application_follow_up',
      title,
      due_at: dueAt === null ? null : sql<Date>`${dueAt}::timestamptz`,
      completed_at: completed ? sql<Date>`now()` : null,
      ...more,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

describe('User.tasks', () => {
  it('lists open tasks soonest due first, undated last, and pages through them without a gap', async () => {
    const ada = tracker.candidate();
    await addTask(ada.id, 'Later', '2025-05-01T10:00:00.000001Z');
    await addTask(ada.id, 'Undated', null);
    await addTask(ada.id, 'Soonest', '2025-04-01T10:00:00Z');
    await addTask(ada.id, 'Same time A', '2025-04-15T10:00:00Z');
    await addTask(ada.id, 'Same time B', '2025-04-15T10:00:00Z');
    await addTask(ada.id, 'Done', '2025-03-01T10:00:00Z', { completed: true });

    const all = await pageOf(ada);
    expect(all.edges.map((e) => e.node.title).slice(0, 1)).toEqual(['Soonest']);
    expect(all.edges.map((e) => e.node.title).slice(3)).toEqual(['Later', 'Undated']);
    expect(all.edges).toHaveLength(5);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const current: Page = await pageOf(ada, { first: 2, after });
      seen.push(...current.edges.map((e) => e.node.title));
      after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.edges.map((e) => e.node.title));
  });

  it('includes completed tasks when asked', async () => {
    const ada = tracker.candidate();
    await addTask(ada.id, 'Open', '2025-04-01T10:00:00Z');
    await addTask(ada.id, 'Done', '2025-03-01T10:00:00Z', { completed: true });
    expect((await pageOf(ada)).edges.map((e) => e.node.title)).toEqual(['Open']);
    const everything = await pageOf(ada, { includeCompleted: true });
    expect(everything.edges.map((e) => [e.node.title, e.node.completedAt !== null])).toEqual([
      ['Done', true],
      ['Open', false],
    ]);
  });

  it('links the task to its application', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    await addTask(ada.id, 'Prepare for the interview', '2025-04-01T10:00:00Z', { application_id: application.id, kind: 'interview_preparation' });
    expect((await pageOf(ada)).edges[0]?.node).toMatchObject({ kind: 'INTERVIEW_PREPARATION', application: { id: application.id } });
  });

  it('is FORBIDDEN for anyone but the user, UNAUTHENTICATED for anonymous', async () => {
    const ada = tracker.candidate();
    await addTask(ada.id, 'Private', null);
    const mallory = await page(tracker.candidate(), {}, ada.id);
    expect(mallory.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(mallory)).not.toContain('Private');
    const anonymous = await tracker.harness.request(pageQuery, { r: [{ __typename: 'User', id: ada.id }] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a cursor it did not issue, and first > 100, before any SQL', async () => {
    const ada = tracker.candidate();
    tracker.harness.resetQueries();
    for (const variables of [{ after: 'garbage' }, { after: encodeCursor({ key: 'soon', id: crypto.randomUUID() }) }, { after: encodeCursor({ key: 'infinity', id: 'x' }) }, { first: 101 }]) {
      expect((await page(ada, variables)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(tracker.harness.queries).toHaveLength(0);
  });
});

describe('completeTask', () => {
  const complete = 'mutation ($id: UUID!) { completeTask(input: { taskId: $id }) { task { id completedAt } errors { field code } } }';

  it('answers NOT_FOUND for an unknown task, and UNAUTHENTICATED for anonymous', async () => {
    const unknown = await tracker.candidate().request<{ completeTask: unknown }>(complete, { id: crypto.randomUUID() });
    expect(unknown.data?.completeTask).toEqual({ task: null, errors: [{ field: ['input', 'taskId'], code: 'NOT_FOUND' }] });
    const anonymous = await tracker.harness.request(complete, { id: crypto.randomUUID() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('does not touch another user’s task', async () => {
    const ada = tracker.candidate();
    const task = await addTask(ada.id, 'Mine', null);
    const mallory = await tracker.candidate().request<{ completeTask: { errors: { code: string }[] } }>(complete, { id: task.id });
    expect(mallory.data?.completeTask.errors[0]?.code).toBe('NOT_FOUND');
    expect(await db.selectFrom('tasks').select('completed_at').where('id', '=', task.id).executeTakeFirst()).toEqual({ completed_at: null });
  });
});
