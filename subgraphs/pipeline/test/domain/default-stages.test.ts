import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import type { Database } from '../../src/db/types.ts';
import { defaultStages, ensureDefaultStages } from '../../src/domain/default-stages.ts';

let database: TestDatabase;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createKysely<Database>({ url: database.urlFor('pipeline') });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const stagesOf = (userId: string) => db.selectFrom('application_stages').select(['name', 'kind', 'position']).where('user_id', '=', userId).orderBy('position').execute();

describe('ensureDefaultStages', () => {
  it('creates the seven default stages in order the first time', async () => {
    const userId = crypto.randomUUID();
    const created = await db.transaction().execute((trx) => ensureDefaultStages(trx, userId));
    expect(created).toBe(7);
    expect(await stagesOf(userId)).toEqual(defaultStages.map((stage, i) => ({ ...stage, position: i + 1 })));
  });

  it('is idempotent: a second call creates nothing', async () => {
    const userId = crypto.randomUUID();
    await db.transaction().execute((trx) => ensureDefaultStages(trx, userId));
    expect(await db.transaction().execute((trx) => ensureDefaultStages(trx, userId))).toBe(0);
    expect(await stagesOf(userId)).toHaveLength(7);
  });

  it('creates them once when two transactions race for the same new user', async () => {
    const userId = crypto.randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => db.transaction().execute((trx) => ensureDefaultStages(trx, userId))));
    expect([...results].sort()).toEqual([0, 0, 7]);
    expect(await stagesOf(userId)).toHaveLength(7);
  });

  it('leaves a user who has stages of their own alone, archived ones included', async () => {
    const userId = crypto.randomUUID();
    await db.insertInto('application_stages').values({ user_id: userId, name: 'Wishlist', position: 1, kind: 'applied', archived_at: new Date() }).execute();
    expect(await db.transaction().execute((trx) => ensureDefaultStages(trx, userId))).toBe(0);
    expect(await stagesOf(userId)).toEqual([{ name: 'Wishlist', kind: 'applied', position: 1 }]);
  });

  it('rolls back with the transaction it ran in', async () => {
    const userId = crypto.randomUUID();
    await expect(
      db.transaction().execute(async (trx) => {
        await ensureDefaultStages(trx, userId);
        throw new Error('the change that needed the stages failed');
      }),
    ).rejects.toThrow('failed');
    expect(await stagesOf(userId)).toEqual([]);
  });
});

describe('the stage and application tables', () => {
  it('refuse an unknown stage kind and a duplicate name in another case', async () => {
    const userId = crypto.randomUUID();
    await expect(sql`insert into application_stages (user_id, name, position, kind) values (${userId}, 'Ghosted', 1, 'ghosted')`.execute(db)).rejects.toThrow(/check/);
    await db.insertInto('application_stages').values({ user_id: userId, name: 'Applied', position: 1, kind: 'applied' }).execute();
    await expect(db.insertInto('application_stages').values({ user_id: userId, name: 'APPLIED', position: 2, kind: 'applied' }).execute()).rejects.toThrow(/application_stages_user_name_key/);
  });

  it('refuse an application with both or neither of a listing and a manual title', async () => {
    const userId = crypto.randomUUID();
    const stage = await db.insertInto('application_stages').values({ user_id: userId, name: 'Applied', position: 1, kind: 'applied' }).returning('id').executeTakeFirstOrThrow();
    const both = db.insertInto('applications').values({ user_id: userId, stage_id: stage.id, job_listing_id: crypto.randomUUID(), manual_title: 'x' }).execute();
    await expect(both).rejects.toThrow(/applications_listing_or_manual/);
    const neither = db.insertInto('applications').values({ user_id: userId, stage_id: stage.id }).execute();
    await expect(neither).rejects.toThrow(/applications_listing_or_manual/);
  });

  it('refuse an application in a stage of another user', async () => {
    const [ada, grace] = [crypto.randomUUID(), crypto.randomUUID()];
    const gracesStage = await db.insertInto('application_stages').values({ user_id: grace, name: 'Applied', position: 1, kind: 'applied' }).returning('id').executeTakeFirstOrThrow();
    const insert = db.insertInto('applications').values({ user_id: ada, stage_id: gracesStage.id, manual_title: 'x' }).execute();
    await expect(insert).rejects.toThrow(/applications_stage_of_owner_fkey/);
  });
});
