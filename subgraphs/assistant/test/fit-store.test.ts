import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import type { Database } from '../src/db/types.ts';
import { careerProfileId } from '../src/domain/career-profile-id.ts';
import { loadFitProfile, recomputeFitForUser } from '../src/domain/fit/fit-store.ts';
import { fitListing } from '../src/domain/fit/fit-rows.ts';
import { computeFit } from '../src/domain/fit/fit-score.ts';

let database: TestDatabase;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createKysely<Database>({ url: database.urlFor('assistant'), maxConnections: 2 });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const companyId = '00000000-0000-4000-8000-0000000000c0';
const listing = (title: string, tags: string[]) => ({
  listing_id: crypto.randomUUID(),
  company_id: companyId,
  title,
  status: 'open' as const,
  employment_type: 'full_time',
  remote_type: 'remote',
  seniority: 'senior',
  tags,
  posted_at: new Date('2026-01-05T00:00:00Z'),
  event_time: new Date('2026-01-05T00:00:00Z'),
});

const recompute = (userId: string) => db.transaction().execute((trx) => recomputeFitForUser(trx, userId));
const scores = (userId: string) =>
  db.selectFrom('fit_scores').select(['listing_id', 'score', 'rationale', 'viewed_at', 'updated_at']).where('user_id', '=', userId).orderBy('listing_id').execute();

describe('recomputing a user’s fit scores (AS-12, AS-13)', () => {
  it('scores every open listing, skips an edit that moves no fit input, and follows one that does', async () => {
    const userId = crypto.randomUUID();
    const listings = Array.from({ length: 12 }, (_, i) => listing(i % 2 ? 'Backend Engineer' : 'Data Analyst', i % 3 ? ['typescript', 'kafka'] : ['excel', "o'reilly \"quoted\" {skill}"]));
    await db.insertInto('listing_features').values(listings).execute();
    await db.insertInto('career_profiles').values({ id: careerProfileId(userId), user_id: userId, skills: ['TypeScript'], desired_titles: ['Backend Engineer'], years_of_experience: 6 }).execute();

    expect(await recompute(userId)).toBe(12);
    const first = await scores(userId);
    expect(first).toHaveLength(12);
    expect(new Set(first.map((row) => row.score)).size).toBeGreaterThan(1);
    await db.updateTable('fit_scores').set({ viewed_at: new Date('2026-02-01T00:00:00Z') }).where('user_id', '=', userId).where('listing_id', '=', first[0]?.listing_id ?? '').execute();

    // A new headline moves no fit input: nothing is recomputed or rewritten.
    await db.updateTable('career_profiles').set({ headline: 'Builds reliable systems' }).where('user_id', '=', userId).execute();
    expect(await recompute(userId)).toBe(0);
    const untouched = await scores(userId);
    expect(untouched.map((row) => row.updated_at)).toEqual(first.map((row) => row.updated_at));

    // More years: every seniority explanation moves; rows are updated in place, viewed marks stay.
    await db.updateTable('career_profiles').set({ years_of_experience: 12 }).where('user_id', '=', userId).execute();
    expect(await recompute(userId)).toBe(12);
    const moved = await scores(userId);
    expect(moved.map((row) => row.listing_id)).toEqual(first.map((row) => row.listing_id));
    expect(moved.every((row, i) => row.rationale !== first[i]?.rationale || row.score !== first[i]?.score)).toBe(true);
    expect(moved[0]?.viewed_at).toEqual(new Date('2026-02-01T00:00:00Z'));

    // Nothing to match on: scores and digest go; the next matchable profile is scored again.
    await db.updateTable('career_profiles').set({ skills: [], desired_titles: [] }).where('user_id', '=', userId).execute();
    expect(await recompute(userId)).toBe(0);
    expect(await scores(userId)).toEqual([]);
    expect(await db.selectFrom('fit_profile_digests').selectAll().where('user_id', '=', userId).execute()).toEqual([]);
    await db.updateTable('career_profiles').set({ skills: ['TypeScript'], desired_titles: ['Backend Engineer'], years_of_experience: 6 }).where('user_id', '=', userId).execute();
    expect(await recompute(userId)).toBe(12);
    expect((await scores(userId)).map((row) => [row.listing_id, row.score, row.rationale])).toEqual(first.map((row) => [row.listing_id, row.score, row.rationale]));
  });

  it('stores exactly the fit computed alone, quotes and braces included', async () => {
    const userId = crypto.randomUUID();
    await db.insertInto('career_profiles').values({ id: careerProfileId(userId), user_id: userId, skills: ['Excel'], desired_titles: ['Data Analyst'] }).execute();
    await recompute(userId);
    const awkward = await db.selectFrom('listing_features').selectAll().where(sql<boolean>`'excel' = any(tags)`).execute();
    expect(awkward.length).toBeGreaterThan(0);
    const profile = await loadFitProfile(db, userId);
    for (const row of awkward) {
      const stored = await db.selectFrom('fit_scores').select(['score', 'factors', 'rationale', 'salary_estimate_cents']).where('user_id', '=', userId).where('listing_id', '=', row.listing_id).executeTakeFirstOrThrow();
      const alone = computeFit(profile ?? fail(), fitListing(row));
      expect(stored).toEqual({ score: alone.score, factors: alone.factors, rationale: alone.rationale, salary_estimate_cents: alone.salaryEstimateCents });
      expect(stored.rationale + JSON.stringify(stored.factors)).toContain(`o'reilly`);
    }
  });
});

const fail = (): never => {
  throw new Error('no profile');
};
