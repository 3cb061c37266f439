import { describe, expect, it } from 'vitest';
import { CompanyMemberAdded, CompanyMemberRemoved, JobClosed, JobListingDrafted, JobPosted, JobUpdated, type JobListingSnapshot } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { useTracker, type Candidate } from './seed.ts';

const tracker = useTracker({ events: true });

const listing = (listingId: string, companyId: string, status: JobListingSnapshot['status'] = 'open'): JobListingSnapshot => ({
  listingId,
  companyId,
  title: 'Staff Engineer',
  status,
  employmentType: 'full_time',
  remoteType: 'remote',
  seniority: null,
  location: null,
  tags: [],
  salary: null,
  postedAt: null,
  closedAt: null,
  expiresAt: null,
});

const applicantsQuery = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on JobListing {
        id
        applications(first: $first, after: $after) {
          edges { node { id applicant { id } job { id } notes stage { kind } history { note toStage { kind } } } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

interface ApplicantsPage {
  edges: { node: { id: string; applicant: { id: string }; job: { id: string }; notes: string | null; stage: { kind: string }; history: { note: string | null }[] } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

type ApplicantsResult = Awaited<ReturnType<typeof applicants>>;

function applicants(viewer: Candidate | null, listingId: string, variables: Record<string, unknown> = {}) {
  const request = viewer ? viewer.request.bind(viewer) : tracker.harness.request.bind(tracker.harness);
  return request<{ _entities: ({ id: string; applications: ApplicantsPage | null } | null)[] }>(applicantsQuery, { r: [{ __typename: 'JobListing', id: listingId }], ...variables });
}

const pageOf = (result: ApplicantsResult) => result.data?._entities[0]?.applications ?? null;

/** Waits until `viewer` sees the applications to `listingId`, as the projections catch up. */
const seesApplicants = (viewer: Candidate, listingId: string, count: number) =>
  eventually(async () => {
    const page = pageOf(await applicants(viewer, listingId));
    return page !== null && page.edges.length === count && page;
  });

/** A company with a listing, an employer on its team (in that order), and two candidates who applied. */
async function hiringCompany() {
  const companyId = crypto.randomUUID();
  const listingId = crypto.randomUUID();
  const employer = tracker.candidate(crypto.randomUUID(), 'employer');
  await tracker.events.inject(JobPosted, listingId, listing(listingId, companyId));
  await tracker.events.inject(CompanyMemberAdded, companyId, { companyId, userId: employer.id, role: 'recruiter' });
  const ada = tracker.candidate();
  const grace = tracker.candidate();
  const adas = await ada.applyTo(listingId, { notes: 'Salary floor 90k, do not tell them' });
  const graces = await grace.applyTo(listingId);
  await ada.move(adas.id, 'Interview', 'Private: I prefer the other offer');
  return { companyId, listingId, employer, ada, grace, adas, graces };
}

describe('JobListing.applications', () => {
  it('shows a member of the owning company who applied, newest first, without the candidates’ notes', async () => {
    const { listingId, employer, ada, grace, adas, graces } = await hiringCompany();
    const page = await seesApplicants(employer, listingId, 2);
    expect(page.edges.map((e) => [e.node.id, e.node.applicant.id])).toEqual([
      [graces.id, grace.id],
      [adas.id, ada.id],
    ]);
    const adasNode = page.edges[1]?.node;
    expect(adasNode).toMatchObject({ job: { id: listingId }, notes: null, stage: { kind: 'INTERVIEW' } });
    expect(adasNode?.history.map((h) => h.note)).toEqual([null, null]);
    expect(JSON.stringify(page)).not.toContain('Private');
  });

  it('pages with cursors', async () => {
    const { listingId, employer, adas, graces } = await hiringCompany();
    await seesApplicants(employer, listingId, 2);
    const first = pageOf(await applicants(employer, listingId, { first: 1 }));
    expect(first?.edges.map((e) => e.node.id)).toEqual([graces.id]);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const second = pageOf(await applicants(employer, listingId, { first: 1, after: first?.pageInfo.endCursor }));
    expect(second?.edges.map((e) => e.node.id)).toEqual([adas.id]);
    expect(second?.pageInfo.hasNextPage).toBe(false);
  });

  it('is FORBIDDEN for anyone else: a candidate, a member of another company, a candidate who applied; anonymous is UNAUTHENTICATED', async () => {
    const { listingId, employer, ada } = await hiringCompany();
    await seesApplicants(employer, listingId, 2);
    const otherCompany = crypto.randomUUID();
    const rival = tracker.candidate(crypto.randomUUID(), 'employer');
    await tracker.events.inject(CompanyMemberAdded, otherCompany, { companyId: otherCompany, userId: rival.id, role: 'owner' });
    const rivalListing = crypto.randomUUID();
    await tracker.events.inject(JobPosted, rivalListing, listing(rivalListing, otherCompany));
    await seesApplicants(rival, rivalListing, 0);

    for (const viewer of [rival, ada, tracker.candidate(crypto.randomUUID(), 'admin')]) {
      const result = await applicants(viewer, listingId);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data?._entities).toEqual([{ id: listingId, applications: null }]);
      expect(JSON.stringify(result)).not.toContain(ada.id);
    }
    const anonymous = await applicants(null, listingId);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('is FORBIDDEN for a listing the projection does not know', async () => {
    const employer = tracker.candidate(crypto.randomUUID(), 'employer');
    const result = await applicants(employer, crypto.randomUUID());
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('comes to the same access whichever arrives first, the member or the listing, and follows drafts, updates and closing', async () => {
    const companyId = crypto.randomUUID();
    const listingId = crypto.randomUUID();
    const employer = tracker.candidate(crypto.randomUUID(), 'employer');
    // The member first, then the listing: across topics nothing is ordered.
    await tracker.events.inject(CompanyMemberAdded, companyId, { companyId, userId: employer.id, role: 'member' });
    await tracker.events.inject(JobListingDrafted, listingId, listing(listingId, companyId, 'draft'));
    const candidate = tracker.candidate();
    // A draft is not public: applying to it answers as for a listing that does not exist.
    await seesApplicants(employer, listingId, 0);
    expect((await candidate.create({ jobId: listingId })).errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'jobId'] })]);
    await tracker.events.inject(JobPosted, listingId, listing(listingId, companyId, 'open'));
    await eventually(async () => (await candidate.create({ jobId: listingId })).errors.length === 0);
    await seesApplicants(employer, listingId, 1);
    await tracker.events.inject(JobUpdated, listingId, { ...listing(listingId, companyId, 'open'), title: 'Principal Engineer' });
    await tracker.events.inject(JobClosed, listingId, listing(listingId, companyId, 'closed'));
    // A closed listing's applicants stay visible to its company.
    await seesApplicants(employer, listingId, 1);
  });

  it('stops showing applicants once the member leaves the company', async () => {
    const { companyId, listingId, employer } = await hiringCompany();
    await seesApplicants(employer, listingId, 2);
    await tracker.events.inject(CompanyMemberRemoved, companyId, { companyId, userId: employer.id });
    await eventually(async () => (await applicants(employer, listingId)).errors?.[0]?.extensions?.code === 'FORBIDDEN');
  });
});

describe('an application to a listing, read by id', () => {
  const byId = 'query ($id: UUID!) { application(id: $id) { id notes applicant { id } } }';
  const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id notes } } }';

  it('is readable by a member of the company that owns the listing, notes hidden; by the candidate with them', async () => {
    const { listingId, employer, ada, adas } = await hiringCompany();
    await seesApplicants(employer, listingId, 2);
    expect((await employer.request(byId, { id: adas.id })).data).toEqual({ application: { id: adas.id, notes: null, applicant: { id: ada.id } } });
    expect((await employer.request(entities, { r: [{ __typename: 'Application', id: adas.id }] })).data).toEqual({ _entities: [{ id: adas.id, notes: null }] });
    expect((await ada.request(byId, { id: adas.id })).data).toEqual({ application: { id: adas.id, notes: 'Salary floor 90k, do not tell them', applicant: { id: ada.id } } });
  });

  it('is null for another candidate who applied to the same listing, and for a member of another company', async () => {
    const { listingId, employer, grace, adas } = await hiringCompany();
    await seesApplicants(employer, listingId, 2);
    const otherCompany = crypto.randomUUID();
    const rival = tracker.candidate(crypto.randomUUID(), 'employer');
    await tracker.events.inject(CompanyMemberAdded, otherCompany, { companyId: otherCompany, userId: rival.id, role: 'owner' });
    const rivalListing = crypto.randomUUID();
    await tracker.events.inject(JobPosted, rivalListing, listing(rivalListing, otherCompany));
    await seesApplicants(rival, rivalListing, 0);
    for (const viewer of [grace, rival]) {
      expect((await viewer.request(byId, { id: adas.id })).data).toEqual({ application: null });
      expect((await viewer.request(entities, { r: [{ __typename: 'Application', id: adas.id }] })).data).toEqual({ _entities: [null] });
    }
  });

  it('is not readable by a company member when the application was entered by hand', async () => {
    const { listingId, employer } = await hiringCompany();
    await seesApplicants(employer, listingId, 2);
    const manual = await tracker.candidate().track({ title: 'Staff Engineer', companyName: 'The same company' });
    expect((await employer.request(byId, { id: manual.id })).data).toEqual({ application: null });
  });
});
