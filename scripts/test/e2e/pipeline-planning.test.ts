import { describe, expect, it } from 'vitest';
import { createInProcessTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { dataOf, refusedAtTheEdge } from './graphql-client.ts';
import { apply } from './operations.ts';
import { applyWhenListed, postListing } from './pipeline-story.ts';
import { useStory, type Member } from './story.ts';

/** Outreach (PI-21), saved jobs and comparisons (PI-23, PI-24) through the gateway; catalog's events reach pipeline in-process. */
const story = useStory({ events: () => createInProcessTransport(createLogger('events', 'silent')) });

interface UserErrorData {
  readonly code: string;
  readonly field: readonly string[];
}
type Payload<K extends string> = Record<K, { readonly errors: readonly UserErrorData[] } & Record<string, unknown>>;
const mutate = async <K extends string>(member: Member, key: K, query: string, variables: Record<string, unknown>) => dataOf(await member.request<Payload<K>>(query, variables))[key];

const track = async (member: Member, title: string) => {
  const result = dataOf(await member.request<{ createApplication: { application: { id: string } | null; errors: UserErrorData[] } }>(apply, { input: { manualJob: { title, companyName: `${title} Ltd` } } }));
  expect(result.createApplication.errors).toEqual([]);
  return result.createApplication.application?.id ?? '';
};

const contactFields = 'id name role profileUrl channel messages { id subject body status sentAt answeredAt }';
const addContact = `mutation ($i: AddContactInput!) { addContact(input: $i) { contact { ${contactFields} } errors { code field } } }`;
const updateContact = `mutation ($i: UpdateContactInput!) { updateContact(input: $i) { contact { ${contactFields} } errors { code field } } }`;
const deleteContact = `mutation ($i: ContactIdInput!) { deleteContact(input: $i) { contact { id } errors { code field } } }`;
const messageFields = 'id subject body status sentAt answeredAt contact { id name }';
const draft = `mutation ($i: DraftOutreachMessageInput!) { draftOutreachMessage(input: $i) { message { ${messageFields} } errors { code field } } }`;
const editMessage = `mutation ($i: UpdateOutreachMessageInput!) { updateOutreachMessage(input: $i) { message { ${messageFields} } errors { code field } } }`;
const moveMessage = `mutation ($i: MoveOutreachMessageInput!) { moveOutreachMessage(input: $i) { message { ${messageFields} } errors { code field } } }`;
const contactsOf = async (member: Member, id: string) =>
  dataOf(await member.request<{ application: { contacts: { id: string; name: string; messages: { status: string }[] }[] } | null }>(`query ($id: UUID!) { application(id: $id) { contacts { ${contactFields} } } }`, { id })).application?.contacts ?? null;

const saveJob = 'mutation ($i: SaveJobInput!) { saveJob(input: $i) { savedJob { id priority note job { id title } } errors { code field } } }';
const updateSaved = 'mutation ($i: UpdateSavedJobInput!) { updateSavedJob(input: $i) { savedJob { id priority note } errors { code field } } }';
const unsave = 'mutation ($i: SavedJobIdInput!) { unsaveJob(input: $i) { savedJob { id } errors { code field } } }';
const createComparison = 'mutation ($i: CreateComparisonInput!) { createComparison(input: $i) { comparison { id name jobs { id } } errors { code field } } }';
const updateComparison = 'mutation ($i: UpdateComparisonInput!) { updateComparison(input: $i) { comparison { id name jobs { id } } errors { code field } } }';
const deleteComparison = 'mutation ($i: ComparisonIdInput!) { deleteComparison(input: $i) { comparison { id } errors { code field } } }';
const shortlistQuery = /* GraphQL */ `
  {
    viewer {
      savedJobs(first: 10) { edges { node { id priority note job { id title } } } }
      comparisons {
        id name
        jobs { id title company { name } salary { minCents maxCents currency } location remoteType tags viewerApplication { stage { kind } } }
      }
    }
  }
`;
interface ShortlistData {
  viewer: {
    savedJobs: { edges: { node: { id: string; priority: string; note: string | null; job: { id: string; title: string } } }[] };
    comparisons: { id: string; name: string; jobs: { id: string; title: string; company: { name: string }; salary: unknown; location: string | null; remoteType: string; tags: string[]; viewerApplication: { stage: { kind: string } } | null }[] }[];
  };
}
const shortlistOf = async (member: Member) => dataOf(await member.request<ShortlistData>(shortlistQuery)).viewer;

describe('outreach (PI-21)', () => {
  it('keeps contacts per application and moves a message draft → queued → sent → replied, refusing any other move', async () => {
    const ada = await story().candidate('Ada Outreach');
    const id = await track(ada, 'Reachable');
    const added = await mutate(ada, 'addContact', addContact, { i: { applicationId: id, name: ' Grace  Hopper ', role: 'Hiring manager', profileUrl: 'https://www.linkedin.com/in/grace', channel: 'LINKEDIN' } });
    expect(added).toMatchObject({ contact: { name: 'Grace Hopper', role: 'Hiring manager', profileUrl: 'https://www.linkedin.com/in/grace', channel: 'LINKEDIN', messages: [] }, errors: [] });
    const contactId = (added['contact'] as { id: string }).id;
    expect((await mutate(ada, 'addContact', addContact, { i: { applicationId: id, name: 'x', channel: 'EMAIL', profileUrl: 'javascript:alert(1)' } })).errors).toEqual([{ code: 'INVALID_URL', field: ['input', 'profileUrl'] }]);
    expect((await mutate(ada, 'updateContact', updateContact, { i: { contactId, role: null, channel: 'EMAIL' } }))['contact']).toMatchObject({ role: null, channel: 'EMAIL' });

    const drafted = await mutate(ada, 'draftOutreachMessage', draft, { i: { contactId, subject: 'Following up', body: 'Hello Grace, ...' } });
    expect(drafted).toMatchObject({ message: { status: 'DRAFT', sentAt: null, contact: { id: contactId, name: 'Grace Hopper' } }, errors: [] });
    const messageId = (drafted['message'] as { id: string }).id;
    const to = async (status: string) => mutate(ada, 'moveOutreachMessage', moveMessage, { i: { messageId, status } });

    expect((await to('SENT')).errors).toEqual([{ code: 'INVALID_TRANSITION', field: ['input', 'status'] }]);
    expect((await to('QUEUED'))['message']).toMatchObject({ status: 'QUEUED' });
    expect((await mutate(ada, 'updateOutreachMessage', editMessage, { i: { messageId, body: 'changed' } })).errors).toEqual([{ code: 'NOT_DRAFT', field: ['input', 'messageId'] }]);
    expect((await to('DRAFT'))['message']).toMatchObject({ status: 'DRAFT' });
    expect((await mutate(ada, 'updateOutreachMessage', editMessage, { i: { messageId, body: '  Hello Grace, a shorter note.  ' } }))['message']).toMatchObject({ body: 'Hello Grace, a shorter note.' });
    await to('QUEUED');
    expect((await to('SENT'))['message']).toMatchObject({ status: 'SENT', sentAt: expect.any(String), answeredAt: null });
    expect((await to('REPLIED'))['message']).toMatchObject({ status: 'REPLIED', answeredAt: expect.any(String) });
    expect((await to('BOUNCED')).errors).toEqual([{ code: 'INVALID_TRANSITION', field: ['input', 'status'] }]);
    expect((await mutate(ada, 'draftOutreachMessage', draft, { i: { contactId, body: '   ' } })).errors).toEqual([{ code: 'INVALID_BODY', field: ['input', 'body'] }]);
    expect(refusedAtTheEdge(await ada.request(draft, { i: { contactId, body: 'nul \u0000 byte' } }))).toBe('BAD_USER_INPUT');

    expect((await contactsOf(ada, id))?.map((c) => [c.name, c.messages.map((m) => m.status)])).toEqual([['Grace Hopper', ['REPLIED']]]);
    expect((await mutate(ada, 'deleteContact', deleteContact, { i: { contactId } })).errors).toEqual([]);
    expect(await contactsOf(ada, id)).toEqual([]);
  });
});

describe('saved jobs and comparisons (PI-23, PI-24)', () => {
  it('saves listings with a priority and a note, and compares them side by side with the viewer’s stage', async () => {
    const erin = await story().employer('Erin Shortlist');
    const first = await postListing(erin, 'Platform Lead');
    const second = await postListing(erin, 'Data Engineer');
    const ada = await story().candidate('Ada Shortlist');
    await applyWhenListed(ada, second.jobId);

    const saved = await mutate(ada, 'saveJob', saveJob, { i: { jobId: first.jobId, priority: 'HIGH', note: 'Ask about equity' } });
    expect(saved).toMatchObject({ savedJob: { priority: 'HIGH', note: 'Ask about equity', job: { id: first.jobId, title: 'Platform Lead' } }, errors: [] });
    const savedId = (saved['savedJob'] as { id: string }).id;
    expect((await mutate(ada, 'saveJob', saveJob, { i: { jobId: first.jobId } })).errors).toEqual([{ code: 'ALREADY_SAVED', field: ['input', 'jobId'] }]);
    expect((await mutate(ada, 'saveJob', saveJob, { i: { jobId: crypto.randomUUID() } })).errors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'jobId'] }]);
    expect((await mutate(ada, 'updateSavedJob', updateSaved, { i: { savedJobId: savedId, priority: 'LOW', note: null } }))['savedJob']).toMatchObject({ priority: 'LOW', note: null });

    const made = await mutate(ada, 'createComparison', createComparison, { i: { name: 'Berlin offers', jobIds: [second.jobId, first.jobId] } });
    expect(made).toMatchObject({ comparison: { name: 'Berlin offers', jobs: [{ id: second.jobId }, { id: first.jobId }] }, errors: [] });
    const comparisonId = (made['comparison'] as { id: string }).id;
    const view = await shortlistOf(ada);
    expect(view.savedJobs.edges.map((e) => e.node.job.title)).toEqual(['Platform Lead']);
    expect(view.comparisons[0]?.jobs).toEqual([
      { id: second.jobId, title: 'Data Engineer', company: { name: 'Data Engineer Inc' }, salary: null, location: null, remoteType: 'REMOTE', tags: ['graphql'], viewerApplication: { stage: { kind: 'APPLIED' } } },
      { id: first.jobId, title: 'Platform Lead', company: { name: 'Platform Lead Inc' }, salary: null, location: null, remoteType: 'REMOTE', tags: ['graphql'], viewerApplication: null },
    ]);

    const reordered = await mutate(ada, 'updateComparison', updateComparison, { i: { comparisonId, jobIds: [first.jobId, second.jobId] } });
    expect(reordered['comparison']).toMatchObject({ jobs: [{ id: first.jobId }, { id: second.jobId }] });
    for (const [jobIds, code] of [
      [[first.jobId], 'TOO_FEW_JOBS'],
      [[first.jobId, first.jobId], 'DUPLICATE_JOB'],
      [Array.from({ length: 11 }, () => crypto.randomUUID()), 'TOO_MANY_JOBS'],
    ] as const) {
      expect((await mutate(ada, 'createComparison', createComparison, { i: { name: 'x', jobIds } })).errors.map((e) => e.code)).toEqual([code]);
    }
    const draftListing = await postListing(erin, 'Hidden Draft', { publish: false });
    const withDraft = await mutate(ada, 'createComparison', createComparison, { i: { name: 'sneaky', jobIds: [first.jobId, draftListing.jobId] } });
    expect(withDraft.errors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'jobIds', '1'] }]);

    expect((await mutate(ada, 'unsaveJob', unsave, { i: { savedJobId: savedId } })).errors).toEqual([]);
    expect((await mutate(ada, 'deleteComparison', deleteComparison, { i: { comparisonId } })).errors).toEqual([]);
    expect(await shortlistOf(ada)).toEqual({ savedJobs: { edges: [] }, comparisons: [] });
  });
});

describe('hostile ids in outreach, saved jobs and comparisons (answered as not found, nothing changed)', () => {
  it('refuses another user’s application, contact, message, saved job and comparison ids', async () => {
    const erin = await story().employer('Erin Hostile');
    const one = await postListing(erin, 'Target One');
    const two = await postListing(erin, 'Target Two');
    const ada = await story().candidate('Ada Guarded');
    const eve = await story().candidate('Eve Snooping');
    const id = await track(ada, 'Guarded');
    const contactId = ((await mutate(ada, 'addContact', addContact, { i: { applicationId: id, name: 'Secret Referrer', channel: 'PHONE' } }))['contact'] as { id: string }).id;
    const messageId = ((await mutate(ada, 'draftOutreachMessage', draft, { i: { contactId, body: 'private words' } }))['message'] as { id: string }).id;
    await applyWhenListed(ada, one.jobId);
    const savedId = ((await mutate(ada, 'saveJob', saveJob, { i: { jobId: two.jobId, note: 'private note' } }))['savedJob'] as { id: string }).id;
    const comparisonId = ((await mutate(ada, 'createComparison', createComparison, { i: { name: 'Private set', jobIds: [one.jobId, two.jobId] } }))['comparison'] as { id: string }).id;
    const before = { contacts: await contactsOf(ada, id), shortlist: await shortlistOf(ada) };

    const attempts: [string, string, Record<string, unknown>, string][] = [
      ['addContact', addContact, { i: { applicationId: id, name: 'Eve', channel: 'EMAIL' } }, 'applicationId'],
      ['updateContact', updateContact, { i: { contactId, name: 'pwned' } }, 'contactId'],
      ['deleteContact', deleteContact, { i: { contactId } }, 'contactId'],
      ['draftOutreachMessage', draft, { i: { contactId, body: 'pwned' } }, 'contactId'],
      ['updateOutreachMessage', editMessage, { i: { messageId, body: 'pwned' } }, 'messageId'],
      ['moveOutreachMessage', moveMessage, { i: { messageId, status: 'QUEUED' } }, 'messageId'],
      ['updateSavedJob', updateSaved, { i: { savedJobId: savedId, note: 'pwned' } }, 'savedJobId'],
      ['unsaveJob', unsave, { i: { savedJobId: savedId } }, 'savedJobId'],
      ['updateComparison', updateComparison, { i: { comparisonId, name: 'pwned' } }, 'comparisonId'],
      ['deleteComparison', deleteComparison, { i: { comparisonId } }, 'comparisonId'],
    ];
    for (const [key, query, variables, field] of attempts) {
      const payload = await mutate(eve, key, query, variables);
      expect(payload?.errors, key).toEqual([{ code: 'NOT_FOUND', field: ['input', field] }]);
      expect(JSON.stringify(payload), key).not.toMatch(/Secret Referrer|private/);
    }
    expect(await contactsOf(eve, id)).toBeNull();
    expect({ contacts: await contactsOf(ada, id), shortlist: await shortlistOf(ada) }).toEqual(before);
    expect(await shortlistOf(eve)).toEqual({ savedJobs: { edges: [] }, comparisons: [] });
  });
});

describe('analytics (PI-29)', () => {
  const statsQuery = /* GraphQL */ `
    query ($period: StatsPeriod!) {
      viewer {
        pipelineStats(period: $period) {
          period periodStart computedAt
          total { source activeApplications applications responseRate interviewRate offerRate averageDaysToFirstResponse }
          bySource { source activeApplications applications responseRate interviewRate offerRate }
        }
      }
    }
  `;
  interface Stats {
    viewer: {
      pipelineStats: {
        period: string;
        periodStart: string;
        computedAt: string | null;
        total: { source: null; activeApplications: number; applications: number; responseRate: number | null; interviewRate: number | null; offerRate: number | null; averageDaysToFirstResponse: number | null };
        bySource: { source: string | null; activeApplications: number; applications: number; responseRate: number | null; interviewRate: number | null; offerRate: number | null }[];
      };
    };
  }
  const statsOf = async (member: Member, period: string) => dataOf(await member.request<Stats>(statsQuery, { period })).viewer.pipelineStats;
  const moveTo = async (member: Member, applicationId: string, kind: string) => {
    const stages = dataOf(await member.request<{ viewer: { applicationStages: { id: string; kind: string }[] } }>('{ viewer { applicationStages { id kind } } }')).viewer.applicationStages;
    const result = dataOf(await member.request<{ moveApplication: { errors: UserErrorData[] } }>('mutation ($i: MoveApplicationInput!) { moveApplication(input: $i) { errors { code field } } }', { i: { applicationId, stageId: stages.find((s) => s.kind === kind)?.id } }));
    expect(result.moveApplication.errors).toEqual([]);
  };
  const create = async (member: Member, title: string, source?: string) => {
    const result = dataOf(await member.request<{ createApplication: { application: { id: string } | null; errors: UserErrorData[] } }>(apply, { input: { manualJob: { title }, ...(source ? { source } : {}) } }));
    expect(result.createApplication.errors).toEqual([]);
    return result.createApplication.application?.id ?? '';
  };

  it('recomputes the week’s and the month’s rates from events, overall and by source', async () => {
    const ada = await story().candidate('Ada Analytics');
    expect((await statsOf(ada, 'WEEK')).total).toMatchObject({ applications: 0, responseRate: null });
    const interviewed = await create(ada, 'Referred A', 'REFERRAL');
    const offered = await create(ada, 'Referred B', 'REFERRAL');
    const answered = await create(ada, 'Board C', 'JOB_BOARD');
    const rejected = await create(ada, 'Unknown D');
    await moveTo(ada, interviewed, 'SCREENING');
    await moveTo(ada, interviewed, 'INTERVIEW');
    await moveTo(ada, offered, 'OFFER');
    await moveTo(ada, rejected, 'REJECTED');
    const updated = dataOf(await ada.request<{ updateApplication: { errors: UserErrorData[] } }>('mutation ($i: UpdateApplicationInput!) { updateApplication(input: $i) { errors { code } } }', { i: { applicationId: answered, employerRespondedAt: new Date().toISOString() } }));
    expect(updated.updateApplication.errors).toEqual([]);

    for (const period of ['WEEK', 'MONTH']) {
      const stats = await eventually(
        async () => {
          const seen = await statsOf(ada, period);
          return seen.total.applications === 4 && seen.total.offerRate === 0.25 && seen.total.responseRate === 1 && seen;
        },
        20_000,
        250,
      );
      expect(stats.computedAt).toEqual(expect.any(String));
      expect(stats.total).toMatchObject({ source: null, activeApplications: 3, applications: 4, responseRate: 1, interviewRate: 0.5, offerRate: 0.25 });
      expect(stats.total.averageDaysToFirstResponse).toBeGreaterThanOrEqual(0);
      expect(stats.total.averageDaysToFirstResponse).toBeLessThan(0.1);
      expect(stats.bySource).toEqual([
        { source: 'JOB_BOARD', activeApplications: 1, applications: 1, responseRate: 1, interviewRate: 0, offerRate: 0 },
        { source: null, activeApplications: 0, applications: 1, responseRate: 1, interviewRate: 0, offerRate: 0 },
        { source: 'REFERRAL', activeApplications: 2, applications: 2, responseRate: 1, interviewRate: 1, offerRate: 0.5 },
      ]);
    }
    // Another candidate's numbers are their own.
    const eve = await story().candidate('Eve Analytics');
    expect((await statsOf(eve, 'WEEK')).total).toMatchObject({ applications: 0 });
  });
});
