import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import {
  ApplicationCreated,
  ApplicationStageChanged,
  CompanyMemberAdded,
  JobPosted,
  TaskCompleted,
  TaskCreated,
  UserErased,
  UserRegistered,
  identityUserTopic,
  type ApplicationCreatedData,
  type ApplicationStageChangedData,
  type CloudEvent,
  type JobListingSnapshot,
  type TaskCompletedData,
  type TaskCreatedData,
} from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { loadEventContracts } from '@jobgraph/kit/testing';
import type { Database } from '../src/db/types.ts';
import { useTracker, type Candidate } from './seed.ts';

const tracker = useTracker({ events: true });
let db: Kysely<Database>;

beforeAll(() => {
  db = createKysely<Database>({ url: tracker.database.urlFor('pipeline') });
});
afterAll(async () => {
  await db?.destroy();
});

const dayMs = 24 * 60 * 60 * 1000;

const stageCount = async (userId: string) =>
  Number((await db.selectFrom('application_stages').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n);

const registered = (userId: string) => ({ userId, roles: ['candidate' as const], registeredAt: new Date().toISOString() });

export const listing = (listingId: string, companyId: string, status: JobListingSnapshot['status'] = 'open'): JobListingSnapshot => ({
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

const publishedOfType = <Data>(type: string, match: (data: Data) => boolean) =>
  eventually(async () => tracker.events.published.find((e): e is CloudEvent<string, Data> => e.type === type && match(e.data as Data)));

const tasksQuery = /* GraphQL */ `
  query ($r: [_Any!]!, $includeCompleted: Boolean) {
    _entities(representations: $r) {
      ... on User { tasks(includeCompleted: $includeCompleted) { edges { node { id kind title dueAt completedAt application { id } } } } }
    }
  }
`;
interface TaskData {
  id: string;
  kind: string;
  title: string;
  dueAt: string | null;
  completedAt: string | null;
  application: { id: string } | null;
}
async function tasksOf(candidate: Candidate, includeCompleted = false): Promise<TaskData[]> {
  const result = await candidate.request<{ _entities: { tasks: { edges: { node: TaskData }[] } }[] }>(tasksQuery, { r: [{ __typename: 'User', id: candidate.id }], includeCompleted });
  const tasks = result.data?._entities[0]?.tasks;
  if (!tasks) throw new Error(JSON.stringify(result.errors));
  return tasks.edges.map((e) => e.node);
}

describe('UserRegistered', () => {
  it('gives the new user the default stages once, even when the event is delivered twice', async () => {
    const userId = crypto.randomUUID();
    const event = await tracker.events.inject(UserRegistered, userId, registered(userId));
    await tracker.events.deliver(event, identityUserTopic);
    // A later event on the same topic is handled after both deliveries.
    const sentinel = crypto.randomUUID();
    await tracker.events.inject(UserRegistered, sentinel, registered(sentinel));
    await eventually(async () => (await stageCount(sentinel)) === 7);
    expect(await stageCount(userId)).toBe(7);
    const inbox = await db.selectFrom('inbox').selectAll().where('event_id', '=', event.id).execute();
    expect(inbox).toHaveLength(1);
  });

  it('creates nothing more when the same user is announced again under a new event id', async () => {
    const userId = crypto.randomUUID();
    await tracker.events.inject(UserRegistered, userId, registered(userId));
    await eventually(async () => (await stageCount(userId)) === 7);
    await tracker.events.inject(UserRegistered, userId, registered(userId));
    const sentinel = crypto.randomUUID();
    await tracker.events.inject(UserRegistered, sentinel, registered(sentinel));
    await eventually(async () => (await stageCount(sentinel)) === 7);
    expect(await stageCount(userId)).toBe(7);
  });
});

describe('what pipeline publishes', () => {
  it('announces a new application as ApplicationCreated, keyed by the application, with a lower-case stage kind', async () => {
    const ada = tracker.candidate();
    const listingId = crypto.randomUUID();
    const application = await ada.applyTo(listingId, { notes: 'Recruiter: ada.lovelace@example.com' });
    const event = await publishedOfType<ApplicationCreatedData>(ApplicationCreated.type, (d) => d.applicationId === application.id);
    expect(event).toMatchObject({
      source: '/jobgraph/pipeline',
      subject: application.id,
      data: { applicationId: application.id, userId: ada.id, jobListingId: listingId, stageId: application.stage.id, stageKind: 'applied', appliedAt: application.appliedAt },
    });
  });

  it('announces a move as ApplicationStageChanged, from and to, with the time of the change', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const moved = await ada.move(application.id, 'Screening', 'Call with ada@example.com');
    const change = moved.application?.history.at(-1);
    const event = await publishedOfType<ApplicationStageChangedData>(ApplicationStageChanged.type, (d) => d.applicationId === application.id);
    expect(event.subject).toBe(application.id);
    expect(event.data).toEqual({
      applicationId: application.id,
      userId: ada.id,
      jobListingId: null,
      fromStageId: application.stage.id,
      fromStageKind: 'applied',
      toStageId: moved.application?.stage.id,
      toStageKind: 'screening',
      changedAt: change?.changedAt,
    });
  });

  it('publishes nothing for a refused change', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    expect((await ada.move(application.id, 'Applied')).errors[0]?.code).toBe('NO_CHANGE');
    await ada.move(application.id, 'Screening');
    await publishedOfType<ApplicationStageChangedData>(ApplicationStageChanged.type, (d) => d.applicationId === application.id);
    const changes = tracker.events.published.filter((e) => e.type === ApplicationStageChanged.type && e.subject === application.id);
    expect(changes).toHaveLength(1);
  });
});

describe('follow-up tasks', () => {
  it('creates one when an application enters an interview stage, due a day after the change, and announces it', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const moved = await ada.move(application.id, 'Interview');
    const changedAt = Date.parse(moved.application?.history.at(-1)?.changedAt ?? '');

    const task = await eventually(async () => (await tasksOf(ada)).find((t) => t.kind === 'INTERVIEW_PREPARATION'));
    expect(task).toEqual({
      id: expect.any(String),
      kind: 'INTERVIEW_PREPARATION',
      title: 'Prepare for the interview',
      dueAt: new Date(changedAt + dayMs).toISOString(),
      completedAt: null,
      application: { id: application.id },
    });
    const event = await publishedOfType<TaskCreatedData>(TaskCreated.type, (d) => d.taskId === task?.id);
    expect(event).toMatchObject({
      source: '/jobgraph/pipeline',
      subject: task?.id,
      data: { taskId: task?.id, userId: ada.id, applicationId: application.id, kind: 'interview_preparation', dueAt: task?.dueAt },
    });
  });

  it('follows an offer with "Respond to the offer" in 3 days and a return to applied with a follow-up in 7', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const offer = await ada.move(application.id, 'Offer');
    const applied = await ada.move(application.id, 'Applied');
    const times = [offer, applied].map((payload) => Date.parse(payload.application?.history.at(-1)?.changedAt ?? ''));
    const created = Date.parse(offer.application?.history[0]?.changedAt ?? '');
    const tasks = await eventually(async () => {
      const found = await tasksOf(ada);
      return found.length === 3 && found;
    });
    // The first follow-up is the one the application's creation into Applied called for.
    expect(tasks.map((t) => [t.kind, t.title, t.dueAt])).toEqual([
      ['OFFER_RESPONSE', 'Respond to the offer', new Date((times[0] ?? 0) + 3 * dayMs).toISOString()],
      ['APPLICATION_FOLLOW_UP', 'Follow up on your application', new Date(created + 7 * dayMs).toISOString()],
      ['APPLICATION_FOLLOW_UP', 'Follow up on your application', new Date((times[1] ?? 0) + 7 * dayMs).toISOString()],
    ]);
  });

  it('gives an application created straight into APPLIED its follow-up in 7 days, from when the user applied', async () => {
    const ada = tracker.candidate();
    const appliedAt = new Date(Date.now() - 2 * dayMs);
    const application = await ada.track({ title: 'Engineer' }, { appliedAt: appliedAt.toISOString() });
    const [task] = await eventually(async () => {
      const found = await tasksOf(ada);
      return found.length > 0 && found;
    });
    expect(task).toMatchObject({ kind: 'APPLICATION_FOLLOW_UP', dueAt: new Date(appliedAt.getTime() + 7 * dayMs).toISOString(), application: { id: application.id } });
  });

  it('creates none for a stage that calls for nothing, and none twice for a redelivered change', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    await ada.move(application.id, 'Screening');
    const screening = await publishedOfType<ApplicationStageChangedData>(ApplicationStageChanged.type, (d) => d.applicationId === application.id);
    await ada.move(application.id, 'Interview');
    const interview = await publishedOfType<ApplicationStageChangedData>(ApplicationStageChanged.type, (d) => d.applicationId === application.id && d.toStageKind === 'interview');
    // Applied (its creation) and Interview call for one each; Screening for none.
    await eventually(async () => (await tasksOf(ada)).length === 2);
    // The same envelopes once more, as after a crash before the offsets were committed.
    await tracker.events.deliver(screening, ApplicationStageChanged.topic);
    await tracker.events.deliver(interview, ApplicationStageChanged.topic);
    const sentinel = tracker.candidate();
    const other = await sentinel.track({ title: 'Engineer' });
    await sentinel.move(other.id, 'Interview');
    await eventually(async () => (await tasksOf(sentinel)).length === 2);
    expect(await tasksOf(ada)).toHaveLength(2);
  });

  it('lets the owner complete a task, idempotently; another user gets NOT_FOUND', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    await ada.move(application.id, 'Interview');
    const task = await eventually(async () => (await tasksOf(ada)).find((t) => t.kind === 'INTERVIEW_PREPARATION'));
    await eventually(async () => (await tasksOf(ada)).length === 2);
    const complete = 'mutation ($id: UUID!) { completeTask(input: { taskId: $id }) { task { id completedAt } errors { field code } } }';
    type Payload = { completeTask: { task: { id: string; completedAt: string } | null; errors: { field: string[]; code: string }[] } };

    const mallory = await tracker.candidate().request<Payload>(complete, { id: task?.id });
    expect(mallory.data?.completeTask).toEqual({ task: null, errors: [{ field: ['input', 'taskId'], code: 'NOT_FOUND' }] });

    const first = await ada.request<Payload>(complete, { id: task?.id });
    expect(first.data?.completeTask.errors).toEqual([]);
    expect(first.data?.completeTask.task?.completedAt).toEqual(expect.any(String));
    const again = await ada.request<Payload>(complete, { id: task?.id });
    expect(again.data?.completeTask.task?.completedAt).toBe(first.data?.completeTask.task?.completedAt);
    // The first completion is announced, keyed by the task; the repeat publishes nothing.
    const completed = await publishedOfType<TaskCompletedData>(TaskCompleted.type, (d) => d.taskId === task?.id);
    expect(completed).toMatchObject({ subject: task?.id, data: { userId: ada.id, applicationId: application.id, completedAt: new Date(first.data?.completeTask.task?.completedAt ?? '').toISOString() } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tracker.events.published.filter((e) => e.type === TaskCompleted.type && e.subject === task?.id)).toHaveLength(1);

    expect((await tasksOf(ada)).map((t) => t.kind)).toEqual(['APPLICATION_FOLLOW_UP']);
    expect((await tasksOf(ada, true)).map((t) => t.id)).toContain(task?.id);
  });
});

describe('UserErased', () => {
  it('leaves no row with the user’s id in any pipeline table, and the rows of others alone', async () => {
    const ada = tracker.candidate();
    const companyId = crypto.randomUUID();
    const listingId = crypto.randomUUID();
    await tracker.events.inject(UserRegistered, ada.id, registered(ada.id));
    await tracker.events.inject(CompanyMemberAdded, companyId, { companyId, userId: ada.id, role: 'owner' });
    await tracker.events.inject(JobPosted, listingId, listing(listingId, companyId));
    const tracked = await ada.track({ title: 'Engineer' }, { notes: 'mine' });
    const applied = await ada.applyTo(crypto.randomUUID());
    await ada.move(tracked.id, 'Interview', 'Went well');
    await ada.move(applied.id, 'Offer');
    await eventually(async () => (await tasksOf(ada)).length === 4);
    // Someone else applies to Ada's company's listing: theirs stays.
    const grace = tracker.candidate();
    const gracesApplication = await grace.applyTo(listingId);
    await publishedOfType<TaskCreatedData>(TaskCreated.type, (d) => d.userId === ada.id && d.kind === 'offer_response');

    expect(await rowsMentioning(ada.id)).not.toEqual({});
    await tracker.events.inject(UserErased, ada.id, { userId: ada.id, erasedAt: new Date().toISOString() });
    // On timeout, say which tables still hold the id.
    await eventually(async () => Object.keys(await rowsMentioning(ada.id)).length === 0).catch(async () => expect(await rowsMentioning(ada.id)).toEqual({}));

    const still = await grace.request<{ application: { id: string } | null }>('query ($id: UUID!) { application(id: $id) { id } }', { id: gracesApplication.id });
    expect(still.data?.application?.id).toBe(gracesApplication.id);
    expect(await db.selectFrom('listing_ownership').select('company_id').where('job_listing_id', '=', listingId).executeTakeFirst()).toEqual({ company_id: companyId });
  });
});

describe('everything pipeline published', () => {
  // These run last: everything the earlier tests made (notes with addresses among them) has been published by now.
  it('conforms to the JSON Schema of its type (schema/events)', () => {
    const contracts = loadEventContracts();
    const types = new Set(tracker.events.published.map((event) => event.type));
    expect([...types].sort()).toEqual([ApplicationCreated.type, ApplicationStageChanged.type, TaskCompleted.type, TaskCreated.type].sort());
    for (const event of tracker.events.published) expect(contracts.validate(event), event.type).toEqual([]);
  });

  it('carries no email address', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer', url: 'https://jobs.example.com/apply?contact=hr@example.com' }, { notes: 'hr@example.com' });
    await ada.move(application.id, 'Interview', 'Ask grace@example.com');
    await publishedOfType<TaskCreatedData>(TaskCreated.type, (d) => d.applicationId === application.id);
    expect(tracker.events.published.length).toBeGreaterThan(10);
    for (const event of tracker.events.published) expect(JSON.stringify(event)).not.toMatch(/[^\s"@/?=&]+@[^\s"@]+\.[a-z]{2,}/i);
  });
});

/** Every row of every table in pipeline's schema whose text mentions `id`, counted per table. */
async function rowsMentioning(id: string): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = 'pipeline' and table_type = 'BASE TABLE' order by 1`.execute(db);
  expect(tables.rows.map((t) => t.name)).toEqual(expect.arrayContaining(['applications', 'application_stages', 'application_stage_changes', 'tasks', 'company_members', 'listing_ownership', 'outbox', 'inbox']));
  const found: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`pipeline.${name}`)} as t where t::text ilike ${`%${id}%`}`.execute(db);
    const n = result.rows[0]?.n ?? 0;
    if (n > 0) found[name] = n;
  }
  return found;
}
