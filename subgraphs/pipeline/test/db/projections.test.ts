import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { projectListing, projectMemberAdded, projectMemberRemoved } from '../../src/db/projections.ts';
import type { Database } from '../../src/db/types.ts';

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

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute));
const listingRow = (listingId: string) => db.selectFrom('listing_ownership').select(['company_id', 'title', 'status', 'updated_at']).where('job_listing_id', '=', listingId).executeTakeFirst();
const memberRow = (companyId: string, userId: string) => db.selectFrom('company_members').select(['role', 'updated_at']).where('company_id', '=', companyId).where('user_id', '=', userId).executeTakeFirst();

describe('listing_ownership', () => {
  it('takes each snapshot in turn, and the same one twice changes nothing', async () => {
    const listingId = crypto.randomUUID();
    const companyId = crypto.randomUUID();
    await projectListing(db, { listingId, companyId, title: 'Engineer', status: 'draft' }, at(1));
    await projectListing(db, { listingId, companyId, title: 'Staff Engineer', status: 'open' }, at(2));
    await projectListing(db, { listingId, companyId, title: 'Staff Engineer', status: 'open' }, at(2));
    expect(await listingRow(listingId)).toEqual({ company_id: companyId, title: 'Staff Engineer', status: 'open', updated_at: at(2) });
  });

  it('ignores a snapshot older than the one it holds', async () => {
    const listingId = crypto.randomUUID();
    const companyId = crypto.randomUUID();
    await projectListing(db, { listingId, companyId, title: 'Engineer', status: 'closed' }, at(5));
    await projectListing(db, { listingId, companyId, title: 'Engineer', status: 'open' }, at(3));
    expect(await listingRow(listingId)).toMatchObject({ status: 'closed', updated_at: at(5) });
  });
});

describe('company_members', () => {
  it('adds a member once, takes a newer role, and ignores an older one', async () => {
    const companyId = crypto.randomUUID();
    const userId = crypto.randomUUID();
    await projectMemberAdded(db, { companyId, userId, role: 'member' }, at(1));
    await projectMemberAdded(db, { companyId, userId, role: 'member' }, at(1));
    await projectMemberAdded(db, { companyId, userId, role: 'admin' }, at(2));
    await projectMemberAdded(db, { companyId, userId, role: 'recruiter' }, at(1));
    expect(await memberRow(companyId, userId)).toEqual({ role: 'admin', updated_at: at(2) });
  });

  it('removes a member, but not for a removal older than the membership it would remove', async () => {
    const companyId = crypto.randomUUID();
    const userId = crypto.randomUUID();
    await projectMemberAdded(db, { companyId, userId, role: 'member' }, at(4));
    await projectMemberRemoved(db, { companyId, userId }, at(3));
    expect(await memberRow(companyId, userId)).toBeDefined();
    await projectMemberRemoved(db, { companyId, userId }, at(5));
    await projectMemberRemoved(db, { companyId, userId }, at(5));
    expect(await memberRow(companyId, userId)).toBeUndefined();
  });
});

describe('the tasks table', () => {
  it('refuses a task on another user’s application, and goes with its application', async () => {
    const [ada, grace] = [crypto.randomUUID(), crypto.randomUUID()];
    const stage = await db.insertInto('application_stages').values({ user_id: ada, name: 'Applied', position: 1, kind: 'applied' }).returning('id').executeTakeFirstOrThrow();
    const application = await db.insertInto('applications').values({ user_id: ada, stage_id: stage.id, manual_title: 'x' }).returning('id').executeTakeFirstOrThrow();
    const task = { application_id: application.id, kind: 'interview_preparation' as const, title: 'Prepare for the interview' };
    await expect(db.insertInto('tasks').values({ ...task, user_id: grace }).execute()).rejects.toThrow(/tasks_application_of_owner_fkey/);
    await db.insertInto('tasks').values({ ...task, user_id: ada }).execute();
    await expect(db.insertInto('tasks').values({ ...task, user_id: ada, kind: 'nap' as never }).execute()).rejects.toThrow(/check/);
    await expect(db.insertInto('tasks').values({ ...task, user_id: ada, title: '' }).execute()).rejects.toThrow(/check/);
    await db.deleteFrom('applications').where('id', '=', application.id).execute();
    expect(await db.selectFrom('tasks').select('id').where('user_id', '=', ada).execute()).toEqual([]);
  });
});
