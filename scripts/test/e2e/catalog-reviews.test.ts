import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { dataOf, refusedAtTheEdge, type GraphQLResponse } from './graphql-client.ts';
import { createCompany } from './operations.ts';
import { platformAdmin } from './platform-admin.ts';
import { useStory, type Member } from './story.ts';

const story = useStory();

const reviewFields = 'id rating title body anonymous author { id displayName } viewerIsAuthor status rejectionReason company { id name }';
const submit = /* GraphQL */ `mutation ($input: SubmitCompanyReviewInput!) { submitCompanyReview(input: $input) { review { ${reviewFields} } errors { field code } } }`;
const edit = /* GraphQL */ `mutation ($input: EditCompanyReviewInput!) { editCompanyReview(input: $input) { review { ${reviewFields} } errors { field code } } }`;
const moderate = /* GraphQL */ `mutation ($input: ModerateCompanyReviewInput!) { moderateCompanyReview(input: $input) { review { ${reviewFields} } errors { field code } } }`;
const page = /* GraphQL */ `query ($id: UUID!) { company(id: $id) { rating { average count } reviews(first: 20) { edges { node { ${reviewFields} } } } } }`;
const queue = /* GraphQL */ `query { companyReviewsForModeration(first: 100) { edges { node { ${reviewFields} } } } }`;
const mine = /* GraphQL */ `query { viewer { companyReviews(first: 10) { edges { node { id status anonymous } } } } }`;

type Review = { id: string; author: { id: string } | null; status: string | null; [key: string]: unknown };
type Errors = { errors: { field: string[]; code: string }[] };

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;

async function companyOf(owner: Member): Promise<string> {
  return dataOf(await owner.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Reviewed ${crypto.randomUUID().slice(0, 8)}` } })).createCompany.company.id;
}

async function reviews(author: Member, input: Record<string, unknown>): Promise<Review> {
  const result = dataOf(await author.request<{ submitCompanyReview: Errors & { review: Review } }>(submit, { input: { rating: 4, title: 'Fair place', body: 'Clear goals, good people.', ...input } }));
  expect(result.submitCompanyReview.errors).toEqual([]);
  return result.submitCompanyReview.review;
}

describe('company reviews through the gateway (CA-25, CA-26)', () => {
  it('lets candidates review once and edit, admins approve or reject from the queue, and counts approved reviews only', async () => {
    const owner = await story().employer('Reviewed Owner');
    const companyId = await companyOf(owner);
    const admin = await platformAdmin(story(), 'Review Admin');
    const [ann, bob] = [await story().candidate('Ann Reviewer'), await story().candidate('Bob Reviewer')];
    const a = await reviews(ann, { companyId, rating: 5 });
    expect(a).toMatchObject({ status: 'PENDING', author: { id: ann.id, displayName: 'Ann Reviewer' }, viewerIsAuthor: true });
    const b = await reviews(bob, { companyId, rating: 2, title: 'Chaotic' });

    const twice = dataOf(await ann.request<{ submitCompanyReview: Errors }>(submit, { input: { companyId, rating: 1, title: 'Again', body: 'Again.' } }));
    expect(twice.submitCompanyReview.errors.map((error) => error.code)).toEqual(['ALREADY_REVIEWED']);
    expect(dataOf(await story().anonymous<{ company: unknown }>(page, { id: companyId })).company).toEqual({ rating: { average: null, count: 0 }, reviews: { edges: [] } });

    const pending = dataOf(await admin.request<{ companyReviewsForModeration: { edges: { node: Review }[] } }>(queue)).companyReviewsForModeration.edges.map((edge) => edge.node.id);
    expect(pending).toEqual(expect.arrayContaining([a.id, b.id]));
    dataOf(await admin.request(moderate, { input: { id: a.id, decision: 'APPROVE' } }));
    const rejected = dataOf(await admin.request<{ moderateCompanyReview: Errors & { review: Review } }>(moderate, { input: { id: b.id, decision: 'REJECT', reason: 'Off topic.' } }));
    expect(rejected.moderateCompanyReview.review).toMatchObject({ status: 'REJECTED', rejectionReason: 'Off topic.' });
    const shown = dataOf(await story().anonymous<{ company: { rating: unknown; reviews: { edges: { node: Review }[] } } }>(page, { id: companyId })).company;
    expect(shown.rating).toEqual({ average: 5, count: 1 });
    expect(shown.reviews.edges.map((edge) => [edge.node.id, edge.node.status, edge.node.rejectionReason])).toEqual([[a.id, null, null]]);
    // Bob learns why; nobody else does.
    expect(dataOf(await bob.request<{ viewer: { companyReviews: { edges: { node: { id: string; status: string } }[] } } }>(mine)).viewer.companyReviews.edges.map((edge) => edge.node)).toEqual([
      { id: b.id, status: 'REJECTED', anonymous: false },
    ]);

    const edited = dataOf(await bob.request<{ editCompanyReview: Errors & { review: Review } }>(edit, { input: { id: b.id, title: 'Busy but fair', rating: 3 } }));
    expect(edited.editCompanyReview.review).toMatchObject({ status: 'PENDING', rejectionReason: null, rating: 3 });
    dataOf(await admin.request(moderate, { input: { id: b.id, decision: 'APPROVE' } }));
    expect(dataOf(await story().anonymous<{ company: { rating: unknown } }>(page, { id: companyId })).company.rating).toEqual({ average: 4, count: 2 });
  });

  it('refuses non-candidates, members of the company, strangers editing, non-admins moderating, and hostile input', async () => {
    const owner = await story().employer('Guarded Owner');
    const companyId = await companyOf(owner);
    const carl = await story().candidate('Carl Candidate');
    const review = await reviews(carl, { companyId });
    const input = { companyId, rating: 5, title: 'Great', body: 'Great.' };
    expect(codeOf(await owner.request(submit, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await story().anonymous(submit, { input }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await carl.request(moderate, { input: { id: review.id, decision: 'APPROVE' } }))).toBe('FORBIDDEN');
    expect(codeOf(await owner.request(queue))).toBe('FORBIDDEN');
    expect(codeOf(await story().anonymous(queue))).toBe('UNAUTHENTICATED');
    const stranger = await story().candidate('Stranger');
    expect(dataOf(await stranger.request<{ editCompanyReview: Errors }>(edit, { input: { id: review.id, rating: 1 } })).editCompanyReview.errors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect(dataOf(await stranger.request<{ submitCompanyReview: Errors }>(submit, { input: { ...input, companyId: crypto.randomUUID() } })).submitCompanyReview.errors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    const hostile = dataOf(await stranger.request<{ submitCompanyReview: Errors }>(submit, { input: { companyId, rating: 50, title: 'x'.repeat(10_000), body: 'y'.repeat(10_000) } }));
    expect(hostile.submitCompanyReview.errors.map((error) => error.code)).toEqual(['INVALID_RATING', 'INVALID_TITLE', 'INVALID_BODY']);
    const sqlish = await reviews(stranger, { companyId, title: "'); drop table catalog.company_reviews; --", body: '.* %_ \\ <script>alert(1)</script>' });
    expect(sqlish.title).toBe("'); drop table catalog.company_reviews; --");
    expect(refusedAtTheEdge(await stranger.request(edit, { input: { id: sqlish.id, body: 'nul\u0000byte' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await stranger.request(edit, { input: { id: 'not-a-uuid', rating: 1 } }))).toBe('BAD_USER_INPUT');
  });

  it('never exposes the author of an anonymous review: its fields, the company page, the queue, the author list, teammates, the events', async () => {
    const owner = await story().employer('Watched Owner');
    const companyId = await companyOf(owner);
    const admin = await platformAdmin(story(), 'Curious Admin');
    const whistle = await story().candidate('Whistle Blower');
    const review = await reviews(whistle, { companyId, anonymous: true, rating: 1, title: 'Unpaid overtime' });
    expect(review).toMatchObject({ author: null, anonymous: true, viewerIsAuthor: true });

    const queued = dataOf(await admin.request<{ companyReviewsForModeration: { edges: { node: Review }[] } }>(queue));
    const node = queued.companyReviewsForModeration.edges.find((edge) => edge.node.id === review.id)?.node;
    expect(node).toMatchObject({ author: null, viewerIsAuthor: false, status: 'PENDING' });
    expect(JSON.stringify(queued)).not.toContain(whistle.id);
    dataOf(await admin.request(moderate, { input: { id: review.id, decision: 'APPROVE' } }));

    for (const reader of [owner, admin, await story().candidate('Reader')]) {
      const seen = await reader.request(page, { id: companyId });
      expect(JSON.stringify(seen.data)).toContain(review.id);
      expect(JSON.stringify(seen)).not.toContain(whistle.id);
      expect(JSON.stringify(seen)).not.toContain('Whistle Blower');
    }
    // The company's team cannot reach it through their own people either.
    const team = await owner.request('query ($id: UUID!) { company(id: $id) { members { edges { node { user { id companyReviews { edges { node { id } } } } } } } } }', { id: companyId });
    expect(JSON.stringify(team.data)).not.toContain(review.id);
    // Turning a public review anonymous hides the author from then on, and no event ever named them.
    const later = await story().candidate('Later Shy');
    const shy = await reviews(later, { companyId, title: 'Public at first' });
    const hidden = dataOf(await later.request<{ editCompanyReview: Errors & { review: Review } }>(edit, { input: { id: shy.id, anonymous: true } }));
    expect(hidden.editCompanyReview.review.author).toBeNull();

    const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
    try {
      const { rows } = await sql<{ type: string; envelope: unknown }>`select type, envelope from catalog.outbox where key = ${companyId} and type like 'jobgraph.catalog.company.review-%'`.execute(db);
      expect(rows.map((row) => row.type).sort()).toEqual([
        'jobgraph.catalog.company.review-edited.v1',
        'jobgraph.catalog.company.review-moderated.v1',
        'jobgraph.catalog.company.review-submitted.v1',
        'jobgraph.catalog.company.review-submitted.v1',
      ]);
      const payloads = JSON.stringify(rows);
      for (const id of [whistle.id, later.id]) expect(payloads).not.toContain(id);
    } finally {
      await db.destroy();
    }
  });
});
