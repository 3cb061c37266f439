import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, userPrincipal, type SubgraphHarness } from '@jobgraph/kit/testing';
import { catalog } from '../src/index.ts';
import { forgetUser } from '../src/domain/forget-user.ts';
import type { Database } from '../src/db/types.ts';
import { catalogStory, codeOf, type UserErrorData } from './story.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let story: ReturnType<typeof catalogStory>;
let companyId: string;
const owner = userPrincipal(crypto.randomUUID(), 'employer');
const admin = userPrincipal(crypto.randomUUID(), 'admin');

const reviewFields = 'id rating title body anonymous author { id } viewerIsAuthor status rejectionReason';
const submit = `mutation ($input: SubmitCompanyReviewInput!) { submitCompanyReview(input: $input) { review { ${reviewFields} } errors { field code } } }`;
const edit = `mutation ($input: EditCompanyReviewInput!) { editCompanyReview(input: $input) { review { ${reviewFields} } errors { field code } } }`;
const moderate = `mutation ($input: ModerateCompanyReviewInput!) { moderateCompanyReview(input: $input) { review { ${reviewFields} } errors { field code } } }`;
const companyReviews = `query ($id: UUID!) { company(id: $id) { rating { average count } reviews(first: 10) { edges { node { ${reviewFields} } } } } }`;
const queue = `query ($status: CompanyReviewStatus) { companyReviewsForModeration(status: $status, first: 50) { edges { node { ${reviewFields} } } } }`;

type Review = { id: string; rating: number; author: { id: string } | null; status: string | null; viewerIsAuthor: boolean; [key: string]: unknown };
type Payload<K extends string> = { [P in K]: { review: Review | null; errors: UserErrorData[] } };

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(catalog, database);
  story = catalogStory(harness);
  companyId = (await story.createCompany(owner, 'Reviewed Works')).id;
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

async function submitted(author: ReturnType<typeof userPrincipal>, input: Record<string, unknown>): Promise<Review> {
  const result = await harness.request<Payload<'submitCompanyReview'>>(submit, { input: { companyId, rating: 4, title: 'Good place', body: 'Kind people.', ...input } }, author);
  expect(result.data?.submitCompanyReview.errors).toEqual([]);
  return result.data?.submitCompanyReview.review as Review;
}

describe('company reviews (CA-25, CA-26)', () => {
  it('shows only approved reviews and counts only them in the rating', async () => {
    const [ann, bob, cy] = [userPrincipal(crypto.randomUUID()), userPrincipal(crypto.randomUUID()), userPrincipal(crypto.randomUUID())];
    const a = await submitted(ann, { rating: 5 });
    const b = await submitted(bob, { rating: 2 });
    await submitted(cy, { rating: 1 });
    expect(a).toMatchObject({ status: 'PENDING', viewerIsAuthor: true, author: { id: ann.kind === 'user' ? ann.userId : '' } });
    const before = await harness.request<{ company: { rating: unknown; reviews: { edges: unknown[] } } }>(companyReviews, { id: companyId });
    expect(before.data?.company).toEqual({ rating: { average: null, count: 0 }, reviews: { edges: [] } });

    for (const id of [a.id, b.id]) expect((await harness.request<Payload<'moderateCompanyReview'>>(moderate, { input: { id, decision: 'APPROVE' } }, admin)).data?.moderateCompanyReview.errors).toEqual([]);
    const after = await harness.request<{ company: { rating: unknown; reviews: { edges: { node: Review }[] } } }>(companyReviews, { id: companyId });
    expect(after.data?.company.rating).toEqual({ average: 3.5, count: 2 });
    expect(after.data?.company.reviews.edges.map((edge) => [edge.node.id, edge.node.status])).toEqual([
      [b.id, null],
      [a.id, null],
    ]);

    // An edit sends it back to moderation: out of the list and the rating until approved again.
    const edited = await harness.request<Payload<'editCompanyReview'>>(edit, { input: { id: a.id, body: 'Changed my mind a little.' } }, ann);
    expect(edited.data?.editCompanyReview.review?.status).toBe('PENDING');
    expect((await harness.request<{ company: { rating: unknown } }>(companyReviews, { id: companyId })).data?.company.rating).toEqual({ average: 2, count: 1 });
  });

  it('keeps one review per author and company, lets only its author edit it, and refuses bad fields', async () => {
    const dee = userPrincipal(crypto.randomUUID());
    const review = await submitted(dee, {});
    const again = await harness.request<Payload<'submitCompanyReview'>>(submit, { input: { companyId, rating: 3, title: 'Again', body: 'Again.' } }, dee);
    expect(again.data?.submitCompanyReview.errors.map((error) => error.code)).toEqual(['ALREADY_REVIEWED']);
    const other = await harness.request<Payload<'editCompanyReview'>>(edit, { input: { id: review.id, rating: 1 } }, userPrincipal(crypto.randomUUID()));
    expect(other.data?.editCompanyReview).toEqual({ review: null, errors: [{ field: ['input', 'id'], code: 'NOT_FOUND' }] });
    const bad = await harness.request<Payload<'submitCompanyReview'>>(submit, { input: { companyId, rating: 6, title: ' ', body: 'x'.repeat(5001) } }, userPrincipal(crypto.randomUUID()));
    expect(bad.data?.submitCompanyReview.errors.map((error) => error.code)).toEqual(['INVALID_RATING', 'INVALID_TITLE', 'INVALID_BODY']);
    const own = await harness.request<Payload<'submitCompanyReview'>>(submit, { input: { companyId, rating: 5, title: 'Best', body: 'We are great.' } }, userPrincipal(owner.kind === 'user' ? owner.userId : '', 'candidate'));
    expect(own.data?.submitCompanyReview.errors.map((error) => error.code)).toEqual(['OWN_COMPANY']);
    expect(codeOf(await harness.request(submit, { input: { companyId, rating: 5, title: 'Hi', body: 'Hi.' } }, owner))).toBe('FORBIDDEN');
    expect(codeOf(await harness.request(moderate, { input: { id: review.id, decision: 'APPROVE' } }, dee))).toBe('FORBIDDEN');
    expect(codeOf(await harness.request(queue, {}, dee))).toBe('FORBIDDEN');
    const rejected = await harness.request<Payload<'moderateCompanyReview'>>(moderate, { input: { id: review.id, decision: 'REJECT', reason: 'Names a person.' } }, admin);
    expect(rejected.data?.moderateCompanyReview.review).toMatchObject({ status: 'REJECTED', rejectionReason: 'Names a person.' });
    const reasonOnApprove = await harness.request<Payload<'moderateCompanyReview'>>(moderate, { input: { id: review.id, decision: 'APPROVE', reason: 'Fine.' } }, admin);
    expect(reasonOnApprove.data?.moderateCompanyReview.errors.map((error) => error.code)).toEqual(['REASON_NOT_ALLOWED']);
  });

  it('never names the author of an anonymous review: not in its fields, not to admins, not through _entities, not in events', async () => {
    const hidden = userPrincipal(crypto.randomUUID());
    const hiddenId = hidden.kind === 'user' ? hidden.userId : '';
    const review = await submitted(hidden, { anonymous: true, rating: 3, title: 'Quiet one' });
    expect(review).toMatchObject({ author: null, viewerIsAuthor: true, anonymous: true });

    const pending = await harness.request<{ companyReviewsForModeration: { edges: { node: Review }[] } }>(queue, {}, admin);
    const inQueue = pending.data?.companyReviewsForModeration.edges.find((edge) => edge.node.id === review.id)?.node;
    expect(inQueue).toMatchObject({ author: null, viewerIsAuthor: false, status: 'PENDING' });
    expect(JSON.stringify(pending.data)).not.toContain(hiddenId);
    await harness.request(moderate, { input: { id: review.id, decision: 'APPROVE' } }, admin);
    const listed = await harness.request<{ company: { reviews: unknown } }>(companyReviews, { id: companyId }, userPrincipal(crypto.randomUUID()));
    expect(JSON.stringify(listed.data)).toContain(review.id);
    expect(JSON.stringify(listed.data)).not.toContain(hiddenId);

    // A review is not an entity: the gateway cannot fetch it by id, and a User reference shows others nothing.
    const entity = await harness.request('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ __typename: 'CompanyReview', id: review.id }] });
    expect(entity.errors?.length).toBeGreaterThan(0);
    const asUser = await harness.request<{ _entities: unknown[] }>('query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { companyReviews { edges { node { id } } } } } }', { r: [{ __typename: 'User', id: hiddenId }] }, admin);
    expect(asUser.data?._entities).toEqual([{ companyReviews: null }]);
    const own = await harness.request<{ _entities: { companyReviews: { edges: { node: { id: string } }[] } }[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { companyReviews { edges { node { id } } } } } }',
      { r: [{ __typename: 'User', id: hiddenId }] },
      hidden,
    );
    expect(own.data?._entities[0]?.companyReviews.edges.map((edge) => edge.node.id)).toEqual([review.id]);

    // Turning a public review anonymous later: its earlier events named nobody either.
    const shy = userPrincipal(crypto.randomUUID());
    const shyReview = await submitted(shy, { title: 'Public first' });
    await harness.request(edit, { input: { id: shyReview.id, anonymous: true } }, shy);

    const db = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
    try {
      const { rows } = await sql<{ type: string; envelope: unknown }>`select type, envelope from catalog.outbox where type like 'jobgraph.catalog.company.review-%' order by created_at`.execute(db);
      const mine = rows.filter((row) => JSON.stringify(row.envelope).includes(review.id) || JSON.stringify(row.envelope).includes(shyReview.id));
      expect(mine.map((row) => row.type)).toEqual([
        'jobgraph.catalog.company.review-submitted.v1',
        'jobgraph.catalog.company.review-moderated.v1',
        'jobgraph.catalog.company.review-submitted.v1',
        'jobgraph.catalog.company.review-edited.v1',
      ]);
      const text = JSON.stringify(rows);
      for (const id of [hiddenId, shy.kind === 'user' ? shy.userId : '']) expect(text).not.toContain(id);
    } finally {
      await db.destroy();
    }
  });

  it('forgets an erased author\'s reviews, announcing each without naming them', async () => {
    const gone = userPrincipal(crypto.randomUUID());
    const goneId = gone.kind === 'user' ? gone.userId : '';
    const review = await submitted(gone, { rating: 1 });
    await harness.request(moderate, { input: { id: review.id, decision: 'APPROVE' } }, admin);
    const db = createKysely<Database>({ url: database.urlFor('catalog'), maxConnections: 1 });
    try {
      await db.transaction().execute((trx) => forgetUser(trx, goneId));
      const { rows } = await sql<{ envelope: { data: unknown } }>`select envelope from outbox where type = 'jobgraph.catalog.company.review-removed.v1'`.execute(db);
      expect(rows.map((row) => row.envelope.data)).toEqual([{ reviewId: review.id, companyId }]);
    } finally {
      await db.destroy();
    }
    const listed = await harness.request<{ company: { reviews: { edges: { node: { id: string } }[] } } }>(companyReviews, { id: companyId });
    expect(listed.data?.company.reviews.edges.map((edge) => edge.node.id)).not.toContain(review.id);
  });
});
