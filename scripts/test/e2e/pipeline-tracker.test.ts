import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createInProcessTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { dataOf } from './graphql-client.ts';
import { apply, move } from './operations.ts';
import { applyWhenListed, postListing } from './pipeline-story.ts';
import { useStory, type Member } from './story.ts';

/** Catalog's events reach pipeline in-process: the listing projection is what applications are checked against. */
const story = useStory({ events: () => createInProcessTransport(createLogger('events', 'silent')) });

interface ErrorsOnly {
  readonly errors: readonly { code: string; field: string[] }[];
}

const details = /* GraphQL */ `
  fragment Details on Application {
    id notes deadline followUpOn salary { minCents maxCents currency } source sourceLabel employerRespondedAt appliedAt deletedAt
    stage { id name kind }
    manualJob { title companyName }
    listingSnapshot { title companyName status remoteType tags }
  }
`;

const update = /* GraphQL */ `
  mutation ($input: UpdateApplicationInput!) { updateApplication(input: $input) { application { ...Details } errors { field code message } } }
  ${details}
`;
const remove = /* GraphQL */ `mutation ($id: UUID!) { deleteApplication(input: { applicationId: $id }) { application { id deletedAt } errors { field code } } }`;
const restore = /* GraphQL */ `mutation ($id: UUID!) { restoreApplication(input: { applicationId: $id }) { application { id deletedAt } errors { field code } } }`;
const read = /* GraphQL */ `query ($id: UUID!) { application(id: $id) { ...Details } } ${details}`;
const list = /* GraphQL */ `
  query ($filter: ApplicationFilter, $first: Int) { viewer { applications(first: $first, filter: $filter) { edges { node { id } } pageInfo { hasNextPage } } } }
`;
const stagesQuery = '{ viewer { applicationStages { id name kind position } } }';
const board = /* GraphQL */ `
  query ($perStage: Int) {
    viewer { applicationBoard(perStage: $perStage) { totalCount columns { stage { id name kind archivedAt } count applications { edges { node { id stage { id } } } pageInfo { hasNextPage endCursor } } } } }
  }
`;

type ApplicationView = Record<string, unknown> & { id: string; stage: { id: string; name: string; kind: string } };
interface Stage {
  id: string;
  name: string;
  kind: string;
  position: number;
}
interface Board {
  viewer: { applicationBoard: { totalCount: number; columns: { stage: { id: string; name: string; kind: string; archivedAt: string | null }; count: number; applications: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }[] } };
}

const track = async (member: Member, title: string, input: Record<string, unknown> = {}) => {
  const result = dataOf(await member.request<{ createApplication: { application: { id: string } | null } & ErrorsOnly }>(apply, { input: { manualJob: { title, companyName: `${title} GmbH` }, ...input } }));
  expect(result.createApplication.errors).toEqual([]);
  return result.createApplication.application?.id ?? '';
};
const ids = async (member: Member, filter: Record<string, unknown> = {}) =>
  dataOf(await member.request<{ viewer: { applications: { edges: { node: { id: string } }[] } } }>(list, { filter })).viewer.applications.edges.map((e) => e.node.id);
const stagesOf = async (member: Member) => dataOf(await member.request<{ viewer: { applicationStages: Stage[] } }>(stagesQuery)).viewer.applicationStages;
const readOwn = async (member: Member, id: string) => dataOf(await member.request<{ application: ApplicationView | null }>(read, { id })).application;
const mutate = async <K extends string>(member: Member, query: string, variables: Record<string, unknown>, key: K) =>
  dataOf(await member.request<Record<K, ErrorsOnly & Record<string, unknown>>>(query, variables))[key] as ErrorsOnly & Record<string, unknown>;

async function adminSql<T>(run: (db: ReturnType<typeof createKysely<unknown>>) => Promise<T>): Promise<T> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

describe('application details through the gateway (PI-03, PI-04, PI-05, PI-11)', () => {
  it('keeps a snapshot of the listing, edits details, and refuses dates out of order', async () => {
    const erin = await story().employer('Erin Details');
    const { jobId } = await postListing(erin, 'Tracker Engineer');
    const ada = await story().candidate('Ada Details');
    const applied = await applyWhenListed(ada, jobId, { source: 'REFERRAL', sourceLabel: 'Grace from the meetup', salary: { minCents: 9_000_000, maxCents: 11_000_000, currency: 'EUR' } });
    const before = await readOwn(ada, applied.id);
    expect(before).toMatchObject({
      source: 'REFERRAL',
      sourceLabel: 'Grace from the meetup',
      salary: { minCents: 9_000_000, maxCents: 11_000_000, currency: 'EUR' },
      listingSnapshot: { title: 'Tracker Engineer', companyName: 'Tracker Engineer Inc', status: 'open', remoteType: 'remote', tags: ['graphql'] },
    });

    // The listing changes later; the snapshot stays as it was when Ada applied.
    dataOf(await erin.request('mutation ($i: UpdateJobListingInput!) { updateJobListing(input: $i) { errors { code } } }', { i: { id: jobId, title: 'Renamed Engineer' } }));
    const edited = await mutate(ada, update, { input: { applicationId: applied.id, deadline: '2027-01-15', followUpOn: '2026-12-01', notes: 'Ask about the on-call rota', sourceLabel: null } }, 'updateApplication');
    expect(edited.errors).toEqual([]);
    expect(edited['application']).toMatchObject({ deadline: '2027-01-15', followUpOn: '2026-12-01', notes: 'Ask about the on-call rota', sourceLabel: null, source: 'REFERRAL', listingSnapshot: { title: 'Tracker Engineer' } });

    const appliedAt = String(before?.['appliedAt']);
    const early = new Date(Date.parse(appliedAt) - 86_400_000).toISOString();
    const outOfOrder = await mutate(ada, update, { input: { applicationId: applied.id, employerRespondedAt: early } }, 'updateApplication');
    expect(outOfOrder.errors).toEqual([expect.objectContaining({ code: 'DATES_OUT_OF_ORDER', field: ['input', 'employerRespondedAt'] })]);
    const badSalary = await mutate(ada, update, { input: { applicationId: applied.id, salary: { minCents: 5, maxCents: 4, currency: 'EUR' } } }, 'updateApplication');
    expect(badSalary.errors).toEqual([expect.objectContaining({ code: 'INVALID_SALARY_RANGE' })]);
    const future = await mutate(ada, update, { input: { applicationId: applied.id, employerRespondedAt: new Date(Date.now() + 86_400_000).toISOString() } }, 'updateApplication');
    expect(future.errors).toEqual([expect.objectContaining({ code: 'DATE_IN_FUTURE' })]);
    expect(await readOwn(ada, applied.id)).toMatchObject({ employerRespondedAt: null, salary: { minCents: 9_000_000 } });
  });

  it('moves an application to the trash and back, and searches company, title and notes', async () => {
    const ada = await story().candidate('Ada Trash');
    const kept = await track(ada, 'Platform Engineer', { notes: 'Kubernetes heavy' });
    const binned = await track(ada, 'Frontend Developer');
    expect(await ids(ada, { search: 'platform' })).toEqual([kept]);
    expect(await ids(ada, { search: 'kubernetes' })).toEqual([kept]);
    expect(await ids(ada, { search: 'Developer GmbH' })).toEqual([binned]);

    const deleted = await mutate(ada, remove, { id: binned }, 'deleteApplication');
    expect(deleted.errors).toEqual([]);
    expect(await ids(ada)).toEqual([kept]);
    expect(await ids(ada, { deleted: true })).toEqual([binned]);
    expect(await readOwn(ada, binned)).toBeNull();
    expect((await mutate(ada, remove, { id: binned }, 'deleteApplication')).errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);

    const restored = await mutate(ada, restore, { id: binned }, 'restoreApplication');
    expect(restored).toEqual({ application: { id: binned, deletedAt: null }, errors: [] });
    expect(await ids(ada)).toEqual([binned, kept]);

    const tooLong = await ada.request(list, { filter: { search: 'x'.repeat(201) } });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nul = await ada.request(list, { filter: { search: 'a\u0000b' } });
    expect(nul.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('stages and the board (PI-06, PI-07, PI-10)', () => {
  it('adds a wishlist, renames, reorders, archives with a move-to stage, and shows the board in one round trip', async () => {
    const ada = await story().candidate('Ada Board');
    const added = await mutate(ada, 'mutation ($i: AddApplicationStageInput!) { addApplicationStage(input: $i) { stage { id name kind } errors { code field } } }', { i: { name: 'Someday', kind: 'WISHLIST' } }, 'addApplicationStage');
    expect(added.errors).toEqual([]);
    const wishlistId = (added['stage'] as { id: string }).id;
    const dream = await track(ada, 'Dream Job', { stageId: wishlistId });
    expect(await readOwn(ada, dream)).toMatchObject({ appliedAt: null, stage: { kind: 'WISHLIST' } });
    const real = await track(ada, 'Real Job');

    const clash = await mutate(ada, 'mutation ($i: AddApplicationStageInput!) { addApplicationStage(input: $i) { errors { code } } }', { i: { name: 'someday', kind: 'APPLIED' } }, 'addApplicationStage');
    expect(clash.errors).toEqual([expect.objectContaining({ code: 'NAME_TAKEN' })]);

    const stages = await stagesOf(ada);
    const screening = stages.find((s) => s.kind === 'SCREENING');
    const applied = stages.find((s) => s.kind === 'APPLIED');
    const renamed = await mutate(ada, 'mutation ($i: UpdateApplicationStageInput!) { updateApplicationStage(input: $i) { stage { name kind } errors { code } } }', { i: { stageId: screening?.id, name: 'Phone screen' } }, 'updateApplicationStage');
    expect(renamed).toEqual({ stage: { name: 'Phone screen', kind: 'SCREENING' }, errors: [] });

    const order = [wishlistId, ...stages.filter((s) => s.id !== wishlistId).map((s) => s.id)];
    const reordered = await mutate(ada, 'mutation ($i: ReorderApplicationStagesInput!) { reorderApplicationStages(input: $i) { stages { id } errors { code } } }', { i: { stageIds: order } }, 'reorderApplicationStages');
    expect((reordered['stages'] as { id: string }[]).map((s) => s.id)).toEqual(order);
    const partial = await mutate(ada, 'mutation ($i: ReorderApplicationStagesInput!) { reorderApplicationStages(input: $i) { errors { code } } }', { i: { stageIds: order.slice(1) } }, 'reorderApplicationStages');
    expect(partial.errors).toEqual([expect.objectContaining({ code: 'INCOMPLETE_ORDER' })]);

    const archive = 'mutation ($i: ArchiveApplicationStageInput!) { archiveApplicationStage(input: $i) { stage { archivedAt } movedCount errors { code field } } }';
    const refused = await mutate(ada, archive, { i: { stageId: applied?.id } }, 'archiveApplicationStage');
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'STAGE_NOT_EMPTY', field: ['input', 'moveToStageId'] })]);
    expect(await readOwn(ada, real)).toMatchObject({ stage: { kind: 'APPLIED' } });

    const archived = await mutate(ada, archive, { i: { stageId: applied?.id, moveToStageId: screening?.id } }, 'archiveApplicationStage');
    expect(archived).toMatchObject({ movedCount: 1, errors: [] });
    expect(await readOwn(ada, real)).toMatchObject({ stage: { name: 'Phone screen' } });

    const seen = dataOf(await ada.request<Board>(board, { perStage: 5 })).viewer.applicationBoard;
    expect(seen.totalCount).toBe(2);
    expect(seen.columns.map((c) => [c.stage.name, c.count])).toEqual([
      ['Someday', 1],
      ['Phone screen', 1],
      ['Interview', 0],
      ['Offer', 0],
      ['Hired', 0],
      ['Rejected', 0],
      ['Withdrawn', 0],
    ]);
    expect(seen.columns[1]?.applications.edges.map((e) => e.node.id)).toEqual([real]);
  });

  it('shows a board of 10,000 applications with exact counts and bounded columns', async () => {
    const ada = await story().candidate('Ada Ten Thousand');
    const stages = await stagesOf(ada);
    const applied = stages.find((s) => s.kind === 'APPLIED');
    await adminSql((db) =>
      sql`insert into pipeline.applications (user_id, stage_id, manual_title, created_at)
          select ${ada.id}::uuid, ${applied?.id}::uuid, 'Job ' || n, now() - make_interval(secs => n) from generate_series(1, 10000) as n`.execute(db),
    );
    const seen = dataOf(await ada.request<Board>(board, { perStage: 100 })).viewer.applicationBoard;
    expect(seen.totalCount).toBe(10_000);
    const column = seen.columns.find((c) => c.stage.id === applied?.id);
    expect(column?.count).toBe(10_000);
    expect(column?.applications.edges).toHaveLength(100);
    expect(column?.applications.pageInfo.hasNextPage).toBe(true);
    const next = dataOf(await ada.request<{ viewer: { applications: { edges: { node: { id: string } }[] } } }>(
      'query ($after: String, $filter: ApplicationFilter) { viewer { applications(first: 100, after: $after, filter: $filter) { edges { node { id } } } } }',
      { after: column?.applications.pageInfo.endCursor, filter: { stageIds: [applied?.id] } },
    ));
    expect(next.viewer.applications.edges).toHaveLength(100);
    expect(new Set([...next.viewer.applications.edges, ...(column?.applications.edges ?? [])].map((e) => e.node.id)).size).toBe(200);
    const tooMany = await ada.request(board, { perStage: 101 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('hostile ids and listings (answered as not found, nothing changed)', () => {
  it('refuses another user’s application and stage ids in every mutation that takes one', async () => {
    const ada = await story().candidate('Ada Victim');
    const eve = await story().candidate('Eve Attacker');
    const adas = await track(ada, 'Private Job', { notes: 'mine' });
    const adaStages = await stagesOf(ada);
    const eveStages = await stagesOf(eve);
    const adaStage = adaStages[1]?.id;

    const attempts: [string, string, Record<string, unknown>][] = [
      ['updateApplication', update, { input: { applicationId: adas, notes: 'pwned' } }],
      ['deleteApplication', remove, { id: adas }],
      ['restoreApplication', restore, { id: adas }],
      ['moveApplication', move, { input: { applicationId: adas, stageId: eveStages[1]?.id } }],
      ['updateApplicationStage', 'mutation ($i: UpdateApplicationStageInput!) { updateApplicationStage(input: $i) { stage { id } errors { code } } }', { i: { stageId: adaStage, name: 'pwned' } }],
      ['archiveApplicationStage', 'mutation ($i: ArchiveApplicationStageInput!) { archiveApplicationStage(input: $i) { stage { id } errors { code } } }', { i: { stageId: adaStage } }],
    ];
    for (const [key, query, variables] of attempts) {
      const payload = await mutate(eve, query, variables, key);
      expect(payload.errors, key).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
      expect(JSON.stringify(payload), key).not.toContain('mine');
    }
    const reorder = await mutate(eve, 'mutation ($i: ReorderApplicationStagesInput!) { reorderApplicationStages(input: $i) { errors { code } } }', { i: { stageIds: adaStages.map((s) => s.id) } }, 'reorderApplicationStages');
    expect(reorder.errors).toEqual([expect.objectContaining({ code: 'STAGE_NOT_FOUND' })]);
    const archiveInto = await mutate(eve, 'mutation ($i: ArchiveApplicationStageInput!) { archiveApplicationStage(input: $i) { errors { code field } } }', { i: { stageId: eveStages[6]?.id, moveToStageId: adaStage } }, 'archiveApplicationStage');
    expect(archiveInto.errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'moveToStageId'] })]);

    expect(await readOwn(ada, adas)).toMatchObject({ notes: 'mine', deletedAt: null, stage: { id: adaStages[0]?.id } });
    expect(await stagesOf(ada)).toEqual(adaStages);
  });

  it('refuses a listing that does not exist and another company’s draft, as not found', async () => {
    const ada = await story().candidate('Ada Drafts');
    const unknown = dataOf(await ada.request<{ createApplication: ErrorsOnly }>(apply, { input: { jobId: crypto.randomUUID() } }));
    expect(unknown.createApplication.errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'jobId'] })]);

    const erin = await story().employer('Erin Drafting');
    const { jobId: draftId } = await postListing(erin, 'Secret Role', { publish: false });
    const { jobId: openId } = await postListing(erin, 'Open Role');
    await applyWhenListed(ada, openId);
    await eventually(() => adminSql(async (db) => (await sql<{ status: string }>`select status from pipeline.listing_ownership where job_listing_id = ${draftId}::uuid`.execute(db)).rows[0]?.status === 'draft'));
    const draft = dataOf(await ada.request<{ createApplication: ErrorsOnly & { application: unknown } }>(apply, { input: { jobId: draftId } }));
    expect(draft.createApplication).toEqual({ application: null, errors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'jobId'] })] });
    expect(await ids(ada)).toHaveLength(1);
  });
});

describe('personal tasks (PI-19)', () => {
  const taskFields = 'id title kind priority origin dueAt application { id }';
  const create = `mutation ($i: CreateTaskInput!) { createTask(input: $i) { task { ${taskFields} } errors { code field } } }`;
  const edit = `mutation ($i: UpdateTaskInput!) { updateTask(input: $i) { task { ${taskFields} } errors { code field } } }`;
  const drop = `mutation ($i: TaskIdInput!) { deleteTask(input: $i) { task { id } errors { code field } } }`;
  const complete = `mutation ($i: CompleteTaskInput!) { completeTask(input: $i) { task { id completedAt } errors { code field } } }`;
  const openTasks = '{ viewer { tasks(first: 20) { edges { node { id title priority origin } } } } }';
  // The user's own tasks: pipeline's follow-ups (an application created into Applied gets one) are not the subject here.
  const titles = async (member: Member) =>
    dataOf(await member.request<{ viewer: { tasks: { edges: { node: { title: string; priority: string; origin: string } }[] } } }>(openTasks))
      .viewer.tasks.edges.filter((e) => e.node.origin === 'USER')
      .map((e) => `${e.node.title}:${e.node.priority}`);

  it('creates, edits and deletes a task with a priority, a due date and a kind, about an application or none', async () => {
    const ada = await story().candidate('Ada Tasks');
    const app = await track(ada, 'Research Co');
    const made = await mutate(ada, create, { i: { title: 'Read their engineering blog', kind: 'RESEARCH', priority: 'HIGH', dueAt: '2026-12-01T09:00:00.000Z', applicationId: app } }, 'createTask');
    expect(made).toMatchObject({ task: { title: 'Read their engineering blog', kind: 'RESEARCH', priority: 'HIGH', origin: 'USER', dueAt: '2026-12-01T09:00:00.000Z', application: { id: app } }, errors: [] });
    const taskId = (made['task'] as { id: string }).id;
    const edited = await mutate(ada, edit, { i: { taskId, title: 'Read the blog and the docs', priority: 'LOW', dueAt: null, applicationId: null } }, 'updateTask');
    expect(edited).toMatchObject({ task: { title: 'Read the blog and the docs', priority: 'LOW', dueAt: null, application: null, kind: 'RESEARCH' }, errors: [] });
    expect(await titles(ada)).toEqual(['Read the blog and the docs:LOW']);
    const blank = await mutate(ada, edit, { i: { taskId, title: '   ' } }, 'updateTask');
    expect(blank.errors).toEqual([expect.objectContaining({ code: 'INVALID_TITLE' })]);
    expect((await mutate(ada, drop, { i: { taskId } }, 'deleteTask')).errors).toEqual([]);
    expect(await titles(ada)).toEqual([]);
  });

  it('answers another user’s task or application id as not found, and changes nothing', async () => {
    const ada = await story().candidate('Ada Task Owner');
    const eve = await story().candidate('Eve Task Thief');
    const adasApp = await track(ada, 'Owned Co');
    const made = await mutate(ada, create, { i: { title: 'Send thanks', kind: 'THANK_YOU', applicationId: adasApp } }, 'createTask');
    const taskId = (made['task'] as { id: string }).id;

    expect((await mutate(eve, create, { i: { title: 'Hijack', kind: 'APPLY', applicationId: adasApp } }, 'createTask')).errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'applicationId'] })]);
    for (const [key, query, variables] of [
      ['updateTask', edit, { i: { taskId, title: 'pwned' } }],
      ['deleteTask', drop, { i: { taskId } }],
      ['completeTask', complete, { i: { taskId } }],
    ] as const) {
      const payload = await mutate(eve, query, variables, key);
      expect(payload, key).toEqual({ task: null, errors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'taskId'] })] });
    }
    const evesOwn = await mutate(eve, create, { i: { title: 'Mine', kind: 'APPLY' } }, 'createTask');
    const moveToAda = await mutate(eve, edit, { i: { taskId: (evesOwn['task'] as { id: string }).id, applicationId: adasApp } }, 'updateTask');
    expect(moveToAda.errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'applicationId'] })]);
    expect(await titles(ada)).toEqual(['Send thanks:MEDIUM']);
  });
});
