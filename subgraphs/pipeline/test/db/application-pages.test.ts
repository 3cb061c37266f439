import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely, LogEvent } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { selectApplicationPages, type ApplicationPageQuery } from '../../src/db/application-pages.ts';
import type { Database } from '../../src/db/types.ts';
import { ensureDefaultStages } from '../../src/domain/default-stages.ts';

let database: TestDatabase;
let db: Kysely<Database>;
const statements: LogEvent[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createKysely<Database>({ url: database.urlFor('pipeline'), onQuery: (event) => statements.push(event) });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function userWithApplications(count: number): Promise<string> {
  const userId = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await ensureDefaultStages(trx, userId);
    const stage = await trx.selectFrom('application_stages').select('id').where('user_id', '=', userId).orderBy('position').executeTakeFirstOrThrow();
    for (let i = 0; i < count; i++) {
      // One transaction shares one now(): the ids break the tie, as the index does.
      await trx.insertInto('applications').values({ user_id: userId, stage_id: stage.id, manual_title: `Job ${i}` }).execute();
    }
  });
  return userId;
}

const firstPage = (limit: number): ApplicationPageQuery => ({ limit, after: null, filter: { stageIds: null, stageKinds: null, search: null, deleted: false } });

describe('selectApplicationPages', () => {
  it('pages many users’ lists in one statement, each cut at limit + 1', async () => {
    const users = [await userWithApplications(5), await userWithApplications(1), await userWithApplications(0)];
    statements.splice(0);
    const rows = await selectApplicationPages(db, users, firstPage(2));
    expect(statements).toHaveLength(1);
    expect(statements[0]?.query.sql).toMatch(/row_number\(\) over\s?\(partition by "applications"."user_id"/);
    const perUser = users.map((id) => rows.filter((row) => row.user_id === id).length);
    expect(perUser).toEqual([3, 1, 0]);
  });

  it('breaks ties on creation time by id, so rows created together still page exactly once', async () => {
    const userId = await userWithApplications(6);
    const seen: string[] = [];
    let after: ApplicationPageQuery['after'] = null;
    for (;;) {
      const rows = await selectApplicationPages(db, [userId], { ...firstPage(2), after });
      seen.push(...rows.slice(0, 2).map((row) => row.id));
      const last = rows.slice(0, 2).at(-1);
      if (rows.length <= 2 || !last) break;
      after = { createdAt: last.cursor_key, id: last.id };
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('keys the cursor by creation time to the microsecond', async () => {
    const userId = await userWithApplications(1);
    const [row] = await selectApplicationPages(db, [userId], firstPage(1));
    expect(row?.cursor_key).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(Math.abs(Date.parse(row?.cursor_key ?? '') - (row?.created_at.getTime() ?? 0))).toBeLessThanOrEqual(1);
  });
});
