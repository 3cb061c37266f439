import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, type SubgraphHarness } from '@jobgraph/kit/testing';
import { catalog } from '../src/index.ts';
import { catalogStory, closeJobListing, codeOf, jobById, publishJobListing, updateJobListing, type ListingData, type UserErrorData } from './story.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let story: ReturnType<typeof catalogStory>;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(catalog, database);
  story = catalogStory(harness);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

type ListingPayload<K extends string> = Record<K, { jobListing: ListingData | null; errors: UserErrorData[] }>;

describe('an employer posting a listing', () => {
  it('creates a company, drafts a listing and publishes it', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Vandelay Industries');
    const draft = await story.postListing(employer, company.id, {
      title: '  Senior   Import/Export Analyst ',
      tags: ['Logistics', 'latex', 'LOGISTICS'],
      salary: { minCents: 9_000_000, maxCents: 12_000_000, currency: 'usd' },
      seniority: 'SENIOR',
      location: 'New York',
      publish: false,
    });
    expect(draft).toMatchObject({
      title: 'Senior Import/Export Analyst',
      status: 'DRAFT',
      postedAt: null,
      tags: ['logistics', 'latex'],
      salary: { minCents: 9_000_000, maxCents: 12_000_000, currency: 'USD' },
      seniority: 'SENIOR',
      company: { id: company.id, name: 'Vandelay Industries' },
    });

    const published = await harness.request<ListingPayload<'publishJobListing'>>(publishJobListing, { id: draft.id }, employer);
    expect(published.data?.publishJobListing.errors).toEqual([]);
    expect(published.data?.publishJobListing.jobListing).toMatchObject({ status: 'OPEN', postedAt: expect.any(String) });
    const publicView = await harness.request<{ job: ListingData | null }>(jobById, { id: draft.id });
    expect(publicView.data?.job?.status).toBe('OPEN');
  });

  it('publishes at once when asked to', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Pied Piper');
    const listing = await story.postListing(employer, company.id, { publish: true });
    expect(listing).toMatchObject({ status: 'OPEN', postedAt: expect.any(String), closedAt: null });
  });

  it('is FORBIDDEN for someone outside the company', async () => {
    const company = await story.createCompany(story.employer(), 'Soylent Corp');
    const result = await story.createJobListing(story.employer(), {
      companyId: company.id,
      title: 'Food Scientist',
      description: 'It is people.',
      employmentType: 'FULL_TIME',
      remoteType: 'ONSITE',
    });
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('reports every invalid field on its own path', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Tyrell Corporation');
    const result = await story.createJobListing(employer, {
      companyId: company.id,
      title: 'QA',
      description: '   ',
      employmentType: 'CONTRACT',
      remoteType: 'HYBRID',
      salary: { minCents: 500_000, maxCents: 100_000, currency: 'EUR' },
      tags: ['ok', ''],
      expiresAt: '2001-01-01T00:00:00Z',
    });
    const errors = result.data?.createJobListing.errors ?? [];
    expect(result.data?.createJobListing.jobListing).toBeNull();
    expect(errors.map((e) => [e.code, e.field.join('.')])).toEqual([
      ['INVALID_TITLE', 'input.title'],
      ['INVALID_DESCRIPTION', 'input.description'],
      ['SALARY_RANGE_INVERTED', 'input.salary.maxCents'],
      ['INVALID_TAGS', 'input.tags.1'],
      ['INVALID_EXPIRY', 'input.expiresAt'],
    ]);
  });

  it('rejects an unknown currency before any resolver runs', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Weyland-Yutani');
    harness.resetQueries();
    const result = await story.createJobListing(employer, {
      companyId: company.id,
      title: 'Science Officer',
      description: 'Deep space.',
      employmentType: 'FULL_TIME',
      remoteType: 'ONSITE',
      salary: { minCents: 1, currency: 'XYZ' },
    });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(harness.queries).toHaveLength(0);
  });
});

describe('changing a listing', () => {
  it('updates the given fields, clears a salary with null and keeps the rest', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Dunder Mifflin');
    const listing = await story.postListing(employer, company.id, { salary: { maxCents: 5_000_000, currency: 'USD' }, location: 'Scranton' });
    const result = await harness.request<ListingPayload<'updateJobListing'>>(updateJobListing, { input: { id: listing.id, title: 'Regional Manager', salary: null } }, employer);
    expect(result.data?.updateJobListing).toMatchObject({ errors: [], jobListing: { title: 'Regional Manager', salary: null, location: 'Scranton', status: 'OPEN' } });
  });

  it('answers NOT_FOUND to a stranger trying to edit or close another company’s listing', async () => {
    const owner = story.employer();
    const company = await story.createCompany(owner, 'Oscorp');
    const listing = await story.postListing(owner, company.id, { title: 'Lab Assistant' });
    const stranger = story.employer();

    const edit = await harness.request<ListingPayload<'updateJobListing'>>(updateJobListing, { input: { id: listing.id, title: 'Hacked' } }, stranger);
    const close = await harness.request<ListingPayload<'closeJobListing'>>(closeJobListing, { id: listing.id }, stranger);
    expect(edit.data?.updateJobListing).toEqual({ jobListing: null, errors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })] });
    expect(close.data?.closeJobListing).toEqual({ jobListing: null, errors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['id'] })] });

    const unchanged = await harness.request<{ job: ListingData }>(jobById, { id: listing.id });
    expect(unchanged.data?.job).toMatchObject({ title: 'Lab Assistant', status: 'OPEN' });
  });

  it('answers a stranger the same for a listing that does not exist', async () => {
    const result = await harness.request<ListingPayload<'closeJobListing'>>(closeJobListing, { id: crypto.randomUUID() }, story.employer());
    expect(result.data?.closeJobListing.errors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['id'] });
  });

  it('closes an open listing for good', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Massive Dynamic');
    const listing = await story.postListing(employer, company.id);

    const closed = await harness.request<ListingPayload<'closeJobListing'>>(closeJobListing, { id: listing.id }, employer);
    expect(closed.data?.closeJobListing.jobListing).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });

    const again = await harness.request<ListingPayload<'closeJobListing'>>(closeJobListing, { id: listing.id }, employer);
    const reopen = await harness.request<ListingPayload<'publishJobListing'>>(publishJobListing, { id: listing.id }, employer);
    const edit = await harness.request<ListingPayload<'updateJobListing'>>(updateJobListing, { input: { id: listing.id, title: 'Reopened?' } }, employer);
    expect(again.data?.closeJobListing.errors[0]?.code).toBe('INVALID_TRANSITION');
    expect(reopen.data?.publishJobListing.errors[0]?.code).toBe('INVALID_TRANSITION');
    expect(edit.data?.updateJobListing.errors[0]?.code).toBe('LISTING_CLOSED');
  });

  it('refuses to publish an open listing again', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Hanso Foundation');
    const listing = await story.postListing(employer, company.id);
    const result = await harness.request<ListingPayload<'publishJobListing'>>(publishJobListing, { id: listing.id }, employer);
    expect(result.data?.publishJobListing.errors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['id'] })]);
  });
});

describe('who sees a listing', () => {
  it('hides a draft from the public and strangers, and shows it to the company', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Gringotts');
    const draft = await story.postListing(employer, company.id, { title: 'Vault Keeper', publish: false });

    const anonymous = await harness.request<{ job: ListingData | null }>(jobById, { id: draft.id });
    const stranger = await harness.request<{ job: ListingData | null }>(jobById, { id: draft.id }, story.employer());
    const member = await harness.request<{ job: ListingData | null }>(jobById, { id: draft.id }, employer);
    expect(anonymous.data?.job).toBeNull();
    expect(stranger.data?.job).toBeNull();
    expect(member.data?.job).toMatchObject({ id: draft.id, status: 'DRAFT' });

    const entities = /* GraphQL */ `query ($r: [_Any!]!) { _entities(representations: $r) { ... on JobListing { id } } }`;
    const asEntity = await harness.request<{ _entities: unknown[] }>(entities, { r: [{ __typename: 'JobListing', id: draft.id }] });
    expect(asEntity.data?._entities).toEqual([null]);
  });

  it('lists unpublished listings of a company to its members only', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Sirius Cybernetics');
    await story.postListing(employer, company.id, { title: 'Door Designer', publish: false });
    await story.postListing(employer, company.id, { title: 'Elevator Engineer' });
    const query = /* GraphQL */ `
      query ($id: UUID!, $statuses: [JobListingStatus!]) { company(id: $id) { jobs(statuses: $statuses) { edges { node { title status } } } } }
    `;
    const publicList = await harness.request<{ company: { jobs: { edges: { node: { title: string } }[] } } }>(query, { id: company.id });
    expect(publicList.data?.company.jobs.edges.map((e) => e.node.title)).toEqual(['Elevator Engineer']);

    const all = await harness.request<{ company: { jobs: { edges: { node: { title: string } }[] } } }>(query, { id: company.id, statuses: ['DRAFT', 'OPEN'] }, employer);
    expect(all.data?.company.jobs.edges.map((e) => e.node.title).sort()).toEqual(['Door Designer', 'Elevator Engineer']);

    const stranger = await harness.request(query, { id: company.id, statuses: ['DRAFT'] }, story.employer());
    expect(codeOf(stranger)).toBe('FORBIDDEN');
  });

  it('treats an invalid UUID as BAD_USER_INPUT before any SQL runs', async () => {
    harness.resetQueries();
    const result = await harness.request(jobById, { id: 'not-a-uuid' });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(harness.queries).toHaveLength(0);
  });
});
