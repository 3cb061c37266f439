import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import type { Database } from '../src/db/types.ts';
import { useTracker } from './seed.ts';

const tracker = useTracker();

/** Writes what catalog's events would have projected: listings of one company, and a member of it. */
async function project(companyId: string, listingIds: readonly string[], memberId: string): Promise<void> {
  const db = createKysely<Database>({ url: tracker.database.urlFor('pipeline') });
  try {
    const now = new Date();
    await db.insertInto('listing_ownership').values(listingIds.map((id) => ({ job_listing_id: id, company_id: companyId, title: 'Engineer', status: 'open' as const, updated_at: now }))).execute();
    await db.insertInto('company_members').values({ company_id: companyId, user_id: memberId, role: 'recruiter', updated_at: now }).execute();
  } finally {
    await db.destroy();
  }
}

const statementsOn = (table: string) => tracker.harness.queries.filter((q) => q.query.sql.includes(`from "${table}"`));

describe('batching', () => {
  it('resolves N Application entities, with their stages and timelines, in one statement each', async () => {
    const ada = tracker.candidate();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ada.track({ title: `Job ${i}` })).id);
    tracker.harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id stage { name } history { toStage { name } } } } }';
    const result = await ada.request<{ _entities: ({ id: string } | null)[] }>(query, { r: [...ids, 'not-a-uuid'].map((id) => ({ __typename: 'Application', id })) });
    expect(result.data?._entities.map((a) => a?.id ?? null)).toEqual([...ids, null]);
    expect(statementsOn('applications')).toHaveLength(1);
    expect(statementsOn('application_stages')).toHaveLength(1);
    expect(statementsOn('application_stage_changes')).toHaveLength(1);
    expect(tracker.harness.queries).toHaveLength(3);
  });

  it('resolves viewerApplication for N listings in one statement', async () => {
    const ada = tracker.candidate();
    const listings = Array.from({ length: 5 }, () => crypto.randomUUID());
    const applied = await ada.applyTo(listings[1] ?? '');
    const other = await ada.applyTo(listings[3] ?? '');
    tracker.harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on JobListing { id viewerApplication { id } } } }';
    const result = await ada.request<{ _entities: { viewerApplication: { id: string } | null }[] }>(query, { r: listings.map((id) => ({ __typename: 'JobListing', id })) });
    expect(result.data?._entities.map((l) => l.viewerApplication?.id ?? null)).toEqual([null, applied.id, null, other.id, null]);
    expect(tracker.harness.queries).toHaveLength(1);
  });

  it('lists User.applications with stages in one statement per table', async () => {
    const ada = tracker.candidate();
    for (let i = 0; i < 3; i++) await ada.track({ title: `Job ${i}` });
    tracker.harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { applications(first: 10) { edges { node { id stage { name } } } } } } }';
    const result = await ada.request(query, { r: [{ __typename: 'User', id: ada.id }, { __typename: 'User', id: ada.id }] });
    expect(result.errors).toBeUndefined();
    expect(statementsOn('applications')).toHaveLength(1);
    expect(statementsOn('application_stages')).toHaveLength(1);
  });

  it('resolves JobListing.applications for N listings, with their nodes, in one statement per table', async () => {
    const employer = tracker.candidate(crypto.randomUUID(), 'employer');
    const listings = Array.from({ length: 4 }, () => crypto.randomUUID());
    await project(crypto.randomUUID(), listings, employer.id);
    for (const listingId of listings) {
      await tracker.candidate().applyTo(listingId);
      await tracker.candidate().applyTo(listingId);
    }
    tracker.harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on JobListing { applications(first: 5) { edges { node { id applicant { id } stage { kind } history { note } } } } } } }';
    const result = await employer.request<{ _entities: { applications: { edges: unknown[] } }[] }>(query, { r: listings.map((id) => ({ __typename: 'JobListing', id })) });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((l) => l.applications.edges.length)).toEqual([2, 2, 2, 2]);
    expect(statementsOn('listing_ownership')).toHaveLength(1);
    expect(statementsOn('applications')).toHaveLength(1);
    expect(statementsOn('application_stages')).toHaveLength(1);
    expect(statementsOn('application_stage_changes')).toHaveLength(1);
    expect(tracker.harness.queries).toHaveLength(4);
  });

  it('resolves N Application entities for a company member in one statement', async () => {
    const employer = tracker.candidate(crypto.randomUUID(), 'employer');
    const listings = Array.from({ length: 3 }, () => crypto.randomUUID());
    await project(crypto.randomUUID(), listings, employer.id);
    const ids: string[] = [];
    for (const listingId of listings) ids.push((await tracker.candidate().applyTo(listingId)).id);
    const stranger = (await tracker.candidate().applyTo(crypto.randomUUID())).id;
    tracker.harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id } } }';
    const result = await employer.request<{ _entities: ({ id: string } | null)[] }>(query, { r: [...ids, stranger].map((id) => ({ __typename: 'Application', id })) });
    expect(result.data?._entities).toEqual([...ids.map((id) => ({ id })), null]);
    expect(tracker.harness.queries).toHaveLength(1);
  });
});
