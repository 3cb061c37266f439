import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import {
  EntitlementsChanged,
  FeaturedListingPurchased,
  billingEntitlementsTopic,
  billingPurchaseTopic,
  createCloudEvent,
  createKafkaTransport,
  createLogger,
  type EventTransport,
} from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf, type GraphQLResponse } from './graphql-client.ts';
import { apply, createCompany } from './operations.ts';
import { useStory, type Member } from './story.ts';

let transport: EventTransport | undefined;
/** The whole stack on the real broker; the test speaks for billing by publishing its events. */
const story = useStory({
  events: () => {
    transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-catalog-listings', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` });
    return transport;
  },
});

const listingFields = `id slug status visibility featured featuredUntil viewCount applicationCount department requirements responsibilities benefits eligibilityNotes workAuthorizationNotes salary { minCents currency period }`;
const post = /* GraphQL */ `mutation ($input: CreateJobListingInput!) { createJobListing(input: $input) { jobListing { ${listingFields} } errors { field code } } }`;
const publish = /* GraphQL */ `mutation ($id: UUID!) { publishJobListing(id: $id) { jobListing { status } errors { field code } } }`;
const close = /* GraphQL */ `mutation ($id: UUID!) { closeJobListing(id: $id) { errors { code } } }`;
const byId = /* GraphQL */ `query ($id: UUID!) { job(id: $id) { ${listingFields} } }`;
const bySlug = /* GraphQL */ `query ($slug: String!) { job(slug: $slug) { id } }`;
const view = /* GraphQL */ `mutation ($id: UUID!) { recordJobListingView(id: $id) { jobListing { viewCount } errors { code } } }`;
const search = /* GraphQL */ `query ($query: String, $filter: JobFilter) { jobs(query: $query, filter: $filter, first: 50) { edges { node { id featured } } } }`;

type Listing = { id: string; slug: string; status: string; visibility: string; featured: boolean; featuredUntil: string | null; viewCount: number; applicationCount: number; [field: string]: unknown };
type PostData = { createJobListing: { jobListing: Listing | null; errors: { field: string[]; code: string }[] } };

const suffix = crypto.randomUUID().slice(0, 6);
const base = { description: 'A listing of the listings suite.', employmentType: 'FULL_TIME', remoteType: 'REMOTE' };

async function companyOf(owner: Member, name: string): Promise<string> {
  return dataOf(await owner.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `${name} ${suffix}` } })).createCompany.company.id;
}

async function posted(owner: Member, input: Record<string, unknown>): Promise<Listing> {
  const result = dataOf(await owner.request<PostData>(post, { input: { ...base, publish: true, ...input } }));
  expect(result.createJobListing.errors).toEqual([]);
  return result.createJobListing.jobListing as Listing;
}

async function billingSays(topic: string, key: string, event: unknown): Promise<void> {
  if (!transport) throw new Error('no transport');
  await transport.publish([{ topic, key, value: JSON.stringify(event), headers: {} }]);
}

const entitlements = (companyId: string, activeListings: number | null, version: number) =>
  createCloudEvent(EntitlementsChanged, companyId, {
    account: { kind: 'company', id: companyId },
    subscriptionId: crypto.randomUUID(),
    planCode: activeListings === null ? 'employer-scale' : 'employer-starter',
    status: 'active',
    limits: { aiCreditsPerPeriod: null, activeListings, seats: null, savedSearches: null, featuredListings: null },
    version,
    effectiveAt: new Date().toISOString(),
  });

/** The entitlement version catalog's projection holds for the company (read as the database admin). */
async function projectedVersion(companyId: string): Promise<number | null> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    const row = (await sql<{ version: string }>`select version from catalog.company_entitlements where company_id = ${companyId}::uuid`.execute(db)).rows[0];
    return row ? Number(row.version) : null;
  } finally {
    await db.destroy();
  }
}

const codes = (response: GraphQLResponse<unknown>, key: string) => (dataOf(response) as Record<string, { errors: { code: string }[] }>)[key]?.errors.map((error) => error.code);

describe('rich listings through the gateway (CA-08 to CA-11)', () => {
  it('keeps the content sections, a stable slug, salary period, and hides unlisted listings from search only', async () => {
    const owner = await story().employer('Rich Content');
    const companyId = await companyOf(owner, 'Rich Co');
    const listing = await posted(owner, {
      companyId,
      title: `Platform Engineer ${suffix}`,
      requirements: '5 years of Go.',
      responsibilities: 'Run the platform.',
      benefits: 'Four-day week.',
      department: 'Infrastructure',
      eligibilityNotes: 'Over 18.',
      workAuthorizationNotes: 'EU work permit needed.',
      salary: { minCents: 4_000, maxCents: 6_000, currency: 'EUR', period: 'HOUR' },
    });
    expect(listing).toMatchObject({
      slug: `platform-engineer-${suffix}-${listing.id.slice(0, 8)}`,
      visibility: 'PUBLIC',
      department: 'Infrastructure',
      requirements: '5 years of Go.',
      workAuthorizationNotes: 'EU work permit needed.',
      salary: { minCents: 4_000, currency: 'EUR', period: 'HOUR' },
      featured: false,
      viewCount: 0,
      applicationCount: 0,
    });
    const hourly = dataOf(await story().anonymous<{ jobs: { edges: { node: { id: string } }[] } }>(search, { query: suffix, filter: { minSalary: { amountCents: 5_000, currency: 'EUR', period: 'HOUR' } } }));
    expect(hourly.jobs.edges.map((edge) => edge.node.id)).toEqual([listing.id]);
    const yearly = dataOf(await story().anonymous<{ jobs: { edges: unknown[] } }>(search, { query: suffix, filter: { minSalary: { amountCents: 5_000, currency: 'EUR' } } }));
    expect(yearly.jobs.edges).toEqual([]);

    const hidden = await posted(owner, { companyId, title: `Quiet Role ${suffix}`, visibility: 'UNLISTED' });
    const found = dataOf(await story().anonymous<{ jobs: { edges: { node: { id: string } }[] } }>(search, { query: `Quiet Role ${suffix}` }));
    expect(found.jobs.edges.map((edge) => edge.node.id)).not.toContain(hidden.id);
    expect(dataOf(await story().anonymous<{ job: { id: string } | null }>(bySlug, { slug: hidden.slug })).job?.id).toBe(hidden.id);
    const publicList = dataOf(await story().anonymous<{ company: { jobs: { edges: { node: { id: string } }[] } } }>('query ($id: UUID!) { company(id: $id) { jobs { edges { node { id } } } } }', { id: companyId }));
    expect(publicList.company.jobs.edges.map((edge) => edge.node.id)).toEqual([listing.id]);

    const tagged = await posted(owner, {
      companyId,
      title: `Tagged Role ${suffix}`,
      taggings: [{ name: 'Kafka', level: 4 }, { name: 'Data Platform', kind: 'DEPARTMENT' }, { name: 'Rust', requirement: 'NICE_TO_HAVE', level: 2 }],
    });
    const readTags = '{ job(id: "ID") { tags taggings { name kind requirement level } } }';
    expect(dataOf(await story().anonymous<{ job: unknown }>(readTags.replace('ID', tagged.id))).job).toEqual({
      tags: ['kafka', 'data platform', 'rust'],
      taggings: [
        { name: 'kafka', kind: 'SKILL', requirement: 'REQUIRED', level: 4 },
        { name: 'data platform', kind: 'DEPARTMENT', requirement: 'REQUIRED', level: null },
        { name: 'rust', kind: 'SKILL', requirement: 'NICE_TO_HAVE', level: 2 },
      ],
    });
    const byTag = dataOf(await story().anonymous<{ jobs: { edges: { node: { id: string } }[] } }>(search, { filter: { tags: ['rust', 'kafka'] } }));
    expect(byTag.jobs.edges.map((edge) => edge.node.id)).toContain(tagged.id);
    const retagged = await owner.request('mutation ($input: UpdateJobListingInput!) { updateJobListing(input: $input) { errors { code } } }', { input: { id: tagged.id, tags: ['Go'] } });
    expect(codes(retagged, 'updateJobListing')).toEqual([]);
    expect(dataOf(await story().anonymous<{ job: unknown }>(readTags.replace('ID', tagged.id))).job).toEqual({ tags: ['go'], taggings: [{ name: 'go', kind: 'SKILL', requirement: 'REQUIRED', level: null }] });
    const both = await owner.request(post, { input: { ...base, companyId, title: 'Both Kinds', tags: ['a'], taggings: [{ name: 'b', level: 9 }] } });
    expect(codes(both, 'createJobListing')?.sort()).toEqual(['INVALID_TAGS', 'INVALID_TAG_LEVEL']);

    for (const slug of ["' or 1=1 --", 'x'.repeat(10_000), 'nope-00000000']) {
      expect(dataOf(await story().anonymous<{ job: unknown }>(bySlug, { slug })).job).toBeNull();
    }
    const tooLong = dataOf(await owner.request<PostData>(post, { input: { ...base, companyId, title: 'Too Long', requirements: 'x'.repeat(10_001), department: 'y'.repeat(101) } }));
    expect(tooLong.createJobListing.errors.map((error) => error.code).sort()).toEqual(['INVALID_DEPARTMENT', 'INVALID_REQUIREMENTS']);
  });

  it('counts views and applications (from pipeline\'s events), and features a listing when billing sells it', async () => {
    const owner = await story().employer('Counted Owner');
    const companyId = await companyOf(owner, 'Counted Co');
    const listing = await posted(owner, { companyId, title: `Counted Role ${suffix}` });
    const reader = await story().candidate('Reader');
    for (const who of [reader, owner]) expect(codes(await who.request(view, { id: listing.id }), 'recordJobListingView')).toEqual([]);
    expect(dataOf(await story().anonymous<{ recordJobListingView: { jobListing: { viewCount: number } } }>(view, { id: listing.id })).recordJobListingView.jobListing.viewCount).toBe(3);
    const draft = dataOf(await owner.request<PostData>(post, { input: { ...base, companyId, title: 'Secret Draft', publish: false } })).createJobListing.jobListing as Listing;
    expect(codes(await reader.request(view, { id: draft.id }), 'recordJobListingView')).toEqual(['NOT_FOUND']);

    dataOf(await reader.request(apply, { input: { jobId: listing.id } }));
    await eventually(async () => dataOf(await story().anonymous<{ job: Listing }>(byId, { id: listing.id })).job.applicationCount === 1, 30_000);

    const until = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const purchase = crypto.randomUUID();
    await billingSays(billingPurchaseTopic, purchase, createCloudEvent(FeaturedListingPurchased, purchase, { purchaseId: purchase, companyId, jobListingId: listing.id, featuredUntil: until, amountCents: 4900, currency: 'EUR' }));
    // A purchase naming another company's listing features nothing.
    const stranger = crypto.randomUUID();
    await billingSays(billingPurchaseTopic, stranger, createCloudEvent(FeaturedListingPurchased, stranger, { purchaseId: stranger, companyId: crypto.randomUUID(), jobListingId: draft.id, featuredUntil: until, amountCents: 4900, currency: 'EUR' }));
    const featured = await eventually(async () => {
      const job = dataOf(await story().anonymous<{ job: Listing }>(byId, { id: listing.id })).job;
      return job.featured ? job : null;
    }, 30_000);
    expect(new Date(featured.featuredUntil ?? 0).toISOString()).toBe(until);
    const ownDraft = dataOf(await owner.request<{ job: Listing }>(byId, { id: draft.id })).job;
    expect(ownDraft.featured).toBe(false);
  });

  it('opens listings within the plan billing announced, and nothing over it (CA-30)', async () => {
    const owner = await story().employer('Limited Owner');
    const companyId = await companyOf(owner, 'Limited Co');
    await billingSays(billingEntitlementsTopic, companyId, entitlements(companyId, 2, 5));
    // An older version arriving late changes nothing.
    await billingSays(billingEntitlementsTopic, companyId, entitlements(companyId, 50, 4));
    await eventually(async () => (await projectedVersion(companyId)) === 5, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await projectedVersion(companyId)).toBe(5);

    const one = await posted(owner, { companyId, title: 'First Open' });
    await posted(owner, { companyId, title: 'Second Open' });
    const over = dataOf(await owner.request<PostData>(post, { input: { ...base, companyId, title: 'Third Open', publish: true } }));
    expect(over.createJobListing).toEqual({ jobListing: null, errors: [{ field: ['input', 'publish'], code: 'PLAN_LIMIT_REACHED' }] });
    const draft = dataOf(await owner.request<PostData>(post, { input: { ...base, companyId, title: 'Waiting Draft', publish: false } })).createJobListing.jobListing as Listing;
    expect(codes(await owner.request(publish, { id: draft.id }), 'publishJobListing')).toEqual(['PLAN_LIMIT_REACHED']);
    const open = dataOf(await owner.request<{ company: { jobs: { edges: unknown[] } } }>('query ($id: UUID!) { company(id: $id) { jobs(first: 50) { edges { node { id } } } } }', { id: companyId }));
    expect(open.company.jobs.edges).toHaveLength(2);

    dataOf(await owner.request(close, { id: one.id }));
    expect(codes(await owner.request(publish, { id: draft.id }), 'publishJobListing')).toEqual([]);

    await billingSays(billingEntitlementsTopic, companyId, entitlements(companyId, null, 6));
    await eventually(async () => (await projectedVersion(companyId)) === 6, 30_000);
    for (const title of ['Unlimited One', 'Unlimited Two', 'Unlimited Three']) await posted(owner, { companyId, title });
  });

  it('gives a company billing has not spoken about the Free allowance of 5 open listings', async () => {
    const owner = await story().employer('Free Owner');
    const companyId = await companyOf(owner, 'Free Co');
    for (let n = 1; n <= 5; n += 1) await posted(owner, { companyId, title: `Free Role ${n}` });
    expect(codes(await owner.request(post, { input: { ...base, companyId, title: 'Free Role 6', publish: true } }), 'createJobListing')).toEqual(['PLAN_LIMIT_REACHED']);
  });

  it('places listings in normalized locations and finds them by country and by radius (CA-15)', async () => {
    const owner = await story().employer('Placed Owner');
    const companyId = await companyOf(owner, 'Placed Co');
    const place = (city: string, countryCode: string, latitude: number, longitude: number) => ({ city, countryCode, latitude, longitude, timezone: countryCode === 'FR' ? 'Europe/Paris' : 'Europe/Berlin' });
    const berlin = await posted(owner, { companyId, title: `Placed Berlin ${suffix}`, place: { ...place('Berlin', 'de', 52.52, 13.405), region: 'Berlin' } });
    const potsdam = await posted(owner, { companyId, title: `Placed Potsdam ${suffix}`, place: place('Potsdam', 'DE', 52.3906, 13.0645) });
    const munich = await posted(owner, { companyId, title: `Placed Munich ${suffix}`, place: place('Munich', 'DE', 48.1372, 11.5756) });
    const paris = await posted(owner, { companyId, title: `Placed Paris ${suffix}`, place: place('Paris', 'FR', 48.8566, 2.3522) });
    const ids = async (filter: Record<string, unknown>) =>
      dataOf(await story().anonymous<{ jobs: { edges: { node: { id: string } }[] } }>(search, { query: `Placed ${suffix}`, filter })).jobs.edges.map((edge) => edge.node.id).sort();

    expect(await ids({ near: { latitude: 52.52, longitude: 13.405, radiusKm: 50 } })).toEqual([berlin.id, potsdam.id].sort());
    expect(await ids({ near: { latitude: 52.52, longitude: 13.405, radiusKm: 600 } })).toEqual([berlin.id, potsdam.id, munich.id].sort());
    expect(await ids({ countries: ['fr'] })).toEqual([paris.id]);
    expect(await ids({ countries: ['DE'], near: { latitude: 48.8566, longitude: 2.3522, radiusKm: 700 } })).toEqual([munich.id]);
    const read = dataOf(await story().anonymous<{ job: { place: unknown } }>('query ($id: UUID!) { job(id: $id) { place { city region countryCode latitude longitude timezone } } }', { id: berlin.id }));
    expect(read.job.place).toEqual({ city: 'Berlin', region: 'Berlin', countryCode: 'DE', latitude: 52.52, longitude: 13.405, timezone: 'Europe/Berlin' });

    for (const radiusKm of [-1, 0, 1e9]) {
      const answer = await story().anonymous(search, { query: 'x', filter: { near: { latitude: 52.5, longitude: 13.4, radiusKm } } });
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    for (const filter of [{ near: { latitude: 91, longitude: 0, radiusKm: 5 } }, { countries: ["' or 1=1"] }, { countries: ['x'.repeat(10_000)] }]) {
      expect((await story().anonymous(search, { filter })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const bad = await owner.request(post, { input: { ...base, companyId, title: 'Nowhere', place: { city: '', countryCode: 'Germany', latitude: 95, longitude: 13, timezone: 'Mars/Olympus' } } });
    expect(codes(bad, 'createJobListing')).toEqual(['INVALID_PLACE', 'INVALID_PLACE', 'INVALID_PLACE', 'INVALID_PLACE']);
  });
});
