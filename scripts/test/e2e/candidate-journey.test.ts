import { describe, expect, it } from 'vitest';
import { dataOf } from './graphql-client.ts';
import { candidateHome, createCompany, move, postJob, updateProfile } from './operations.ts';
import { createInProcessTransport, createLogger } from '@jobgraph/kit';
import { applyWhenListed } from './pipeline-story.ts';
import { useStory, type Member } from './story.ts';

/** Catalog's listing events reach pipeline's projection in-process: a listing must be known before anyone applies to it. */
const story = useStory({ events: () => createInProcessTransport(createLogger('events', 'silent')) });

interface Ids {
  companyId: string;
  jobId: string;
}

async function employerPostsAJob(employer: Member, title: string): Promise<Ids> {
  const company = dataOf(await employer.request<{ createCompany: { company: { id: string } | null; errors: unknown[] } }>(createCompany, { input: { name: `Acme ${title}` } }));
  expect(company.createCompany.errors).toEqual([]);
  const companyId = company.createCompany.company?.id ?? '';
  const listing = dataOf(
    await employer.request<{ createJobListing: { jobListing: { id: string; status: string } | null; errors: unknown[] } }>(postJob, {
      input: { companyId, title, description: 'Build the graph that hires people.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', tags: ['graphql', 'postgres'], publish: true },
    }),
  );
  expect(listing.createJobListing.errors).toEqual([]);
  expect(listing.createJobListing.jobListing?.status).toBe('OPEN');
  return { companyId, jobId: listing.createJobListing.jobListing?.id ?? '' };
}

describe('a candidate’s journey through the gateway', () => {
  it('signs up, applies to an employer’s listing, and reads all five subgraphs in one query', async () => {
    const employer = await story().employer('Erin Employer');
    const { jobId } = await employerPostsAJob(employer, 'Staff GraphQL Engineer');

    const ada = await story().candidate('Ada');
    const profile = dataOf(await ada.request<{ updateCareerProfile: { errors: unknown[] } }>(updateProfile, { input: { headline: 'Engineer who likes graphs', skills: ['GraphQL', 'TypeScript', 'graphql'] } }));
    expect(profile.updateCareerProfile.errors).toEqual([]);
    const applied = await applyWhenListed(ada, jobId);
    expect(applied.stage.kind).toBe('APPLIED');

    const result = await ada.request(candidateHome);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      viewer: {
        __typename: 'User',
        id: ada.id,
        displayName: 'Ada',
        careerProfile: { headline: 'Engineer who likes graphs', skills: ['GraphQL', 'TypeScript'] },
        subscription: { status: 'ACTIVE', plan: { code: 'free', name: 'Free', price: { amountCents: 0, currency: 'USD' } } },
        applications: {
          edges: [
            {
              cursor: expect.any(String),
              node: {
                __typename: 'Application',
                id: applied.id,
                stage: { name: 'Applied', kind: 'APPLIED' },
                job: { __typename: 'JobListing', id: jobId, title: 'Staff GraphQL Engineer', company: { __typename: 'Company', id: expect.any(String), name: 'Acme Staff GraphQL Engineer' } },
              },
            },
          ],
          pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
        },
      },
    });
  });

  it('moves an application along the pipeline and keeps its history', async () => {
    const employer = await story().employer('Hiring Hal');
    const { jobId } = await employerPostsAJob(employer, 'Data Engineer');
    const grace = await story().candidate('Grace');
    const applied = { createApplication: { application: await applyWhenListed(grace, jobId) } };
    const stages = dataOf(await grace.request<{ viewer: { applicationStages: { id: string; kind: string }[] } }>('{ viewer { applicationStages { id kind } } }'));
    const interview = stages.viewer.applicationStages.find((stage) => stage.kind === 'INTERVIEW');
    const moved = dataOf(await grace.request<{ moveApplication: { application: { stage: { kind: string }; history: { toStage: { name: string } }[] }; errors: unknown[] } }>(move, { input: { applicationId: applied.createApplication.application.id, stageId: interview?.id, note: 'Phone screen went well' } }));
    expect(moved.moveApplication.errors).toEqual([]);
    expect(moved.moveApplication.application.stage.kind).toBe('INTERVIEW');
    expect(moved.moveApplication.application.history.map((h) => h.toStage.name)).toEqual(['Applied', 'Interview']);
  });
});

describe('one candidate cannot read another’s applications', () => {
  it('by id, through the viewer of someone else, or by moving it', async () => {
    const employer = await story().employer('Owner Olga');
    const { jobId } = await employerPostsAJob(employer, 'Backend Engineer');
    const ada = await story().candidate('Ada Private');
    const eve = await story().candidate('Eve Curious');
    const applicationId = (await applyWhenListed(ada, jobId)).id;

    const byId = await eve.request<{ application: unknown }>('query ($id: UUID!) { application(id: $id) { id notes } }', { id: applicationId });
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.application).toBeNull();

    const adasOwn = await ada.request<{ application: { id: string } | null }>('query ($id: UUID!) { application(id: $id) { id } }', { id: applicationId });
    expect(adasOwn.data?.application?.id).toBe(applicationId);

    const eveStages = dataOf(await eve.request<{ viewer: { applicationStages: { id: string }[] } }>('{ viewer { applicationStages { id } } }'));
    const moved = await eve.request<{ moveApplication: { application: unknown; errors: { code: string }[] } }>(move, { input: { applicationId, stageId: eveStages.viewer.applicationStages[1]?.id } });
    expect(moved.data?.moveApplication).toEqual({ application: null, errors: [expect.objectContaining({ code: 'NOT_FOUND' })] });

    // Eve's own view of the listing shows no application, even though Ada has one.
    const listing = dataOf(await eve.request<{ job: { viewerApplication: unknown } }>('query ($id: UUID!) { job(id: $id) { viewerApplication { id } } }', { id: jobId }));
    expect(listing.job.viewerApplication).toBeNull();
  });

  it('rejects a malformed UUID before any resolver runs', async () => {
    const eve = await story().candidate('Eve Malformed');
    const result = await eve.request('query ($id: UUID!) { application(id: $id) { id } }', { id: 'not-a-uuid' });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
