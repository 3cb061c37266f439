import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import {
  CareerProfileCreated,
  CareerProfileUpdated,
  JobClosed,
  JobListingDrafted,
  JobPosted,
  JobUpdated,
  UserErased,
  UserRegistered,
  assistantCareerProfileTopic,
  assistantJobDescriptionTopic,
  catalogJobListingTopic,
  pipelineApplicationTopic,
  ApplicationCreated,
  ApplicationDeleted,
  ApplicationPurged,
  ApplicationRestored,
  createCloudEvent,
  identityUserTopic,
  type CareerProfileData,
  type CloudEvent,
  type EventTransport,
  type JobListingSnapshot,
} from '@jobgraph/kit';
import { eventually, startSubgraphHarness, userPrincipal, type SubgraphHarness } from '@jobgraph/kit/testing';
import type { Database } from '../src/db/types.ts';
import { careerProfileId } from '../src/domain/career-profile-id.ts';
import { assistant } from '../src/index.ts';
import { createTestEvents, emailPattern, eventContracts, type TestEvents } from '@jobgraph/kit/testing';

let database: TestDatabase;
let harness: SubgraphHarness;
let transport: EventTransport;
let db: Kysely<Database>;
let admin: Kysely<unknown>;
let events: TestEvents;
let published: CloudEvent<string, CareerProfileData>[] = [];
const violations = eventContracts();

beforeAll(async () => {
  database = await createTestDatabase();
  events = await createTestEvents({ observe: [assistantCareerProfileTopic, assistantJobDescriptionTopic], deliverTo: [identityUserTopic, catalogJobListingTopic, pipelineApplicationTopic] });
  transport = events.transport;
  published = events.published as CloudEvent<string, CareerProfileData>[];
  harness = await startSubgraphHarness(assistant, database, { events: transport });
  db = createKysely<Database>({ url: database.urlFor('assistant'), maxConnections: 2 });
  admin = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
});
afterAll(async () => {
  await harness?.stop();
  await transport?.close();
  await db?.destroy();
  await admin?.destroy();
  await database?.drop();
});

/** What another domain would put on its topic, keyed by the event's subject. */
async function deliver(topic: string, ...envelopes: CloudEvent[]): Promise<void> {
  await events.deliver(topic, ...envelopes);
}

/** Resolves once the assistant's consumer has committed the event (its id is in the inbox). */
async function handled(event: CloudEvent): Promise<void> {
  await eventually(async () => (await db.selectFrom('inbox').select('event_id').where('event_id', '=', event.id).executeTakeFirst()) !== undefined);
}

const registered = (userId: string) => createCloudEvent(UserRegistered, userId, { userId, roles: ['candidate'], registeredAt: new Date().toISOString() });

async function register(userId: string): Promise<void> {
  const event = registered(userId);
  await deliver(identityUserTopic, event);
  await handled(event);
}

const publishedFor = (userId: string) => published.filter((event) => event.data.userId === userId);

const update = `mutation ($input: UpdateCareerProfileInput!) { updateCareerProfile(input: $input) { careerProfile { id updatedAt } errors { code } } }`;
const profileOf = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { careerProfile { id headline skills updatedAt } } } }`;

describe('when a user registers', () => {
  it('stores their empty career profile under the id it always had, and announces it', async () => {
    const userId = crypto.randomUUID();
    await register(userId);
    const rows = await db.selectFrom('career_profiles').selectAll().where('user_id', '=', userId).execute();
    expect(rows).toEqual([expect.objectContaining({ id: careerProfileId(userId), headline: null, summary: null, skills: [], open_to_work: false, remote_preference: 'any' })]);

    const result = await harness.request<{ _entities: { careerProfile: { id: string; updatedAt: string | null } }[] }>(profileOf, { r: [{ __typename: 'User', id: userId }] }, userPrincipal(userId));
    expect(result.data?._entities[0]?.careerProfile).toMatchObject({ id: careerProfileId(userId), skills: [], headline: null });
    expect(result.data?._entities[0]?.careerProfile.updatedAt).not.toBeNull();

    const created = await eventually(async () => published.find((event) => event.type === CareerProfileCreated.type && event.data.userId === userId));
    expect(created).toMatchObject({
      source: '/jobgraph/assistant',
      subject: careerProfileId(userId),
      data: { profileId: careerProfileId(userId), userId, skills: [], openToWork: false, remotePreference: 'any', yearsOfExperience: null },
    });
  });

  it('creates one profile, and announces it once, however often the registration arrives', async () => {
    const userId = crypto.randomUUID();
    const event = registered(userId);
    const again = registered(userId);
    await deliver(identityUserTopic, event, event, again);
    await handled(again);
    expect(await db.selectFrom('career_profiles').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
    await eventually(async () => publishedFor(userId).length > 0);
    expect(publishedFor(userId).map((e) => e.type)).toEqual([CareerProfileCreated.type]);
  });

  it('keeps a profile the user saved before the registration arrived, and announces it once', async () => {
    const userId = crypto.randomUUID();
    const saved = await harness.request<{ updateCareerProfile: { errors: unknown[] } }>(update, { input: { skills: ['Go'] } }, userPrincipal(userId));
    expect(saved.data?.updateCareerProfile.errors).toEqual([]);
    await register(userId);
    expect(await db.selectFrom('career_profiles').select('skills').where('user_id', '=', userId).execute()).toEqual([{ skills: ['Go'] }]);
    await eventually(async () => publishedFor(userId).length > 0);
    expect(publishedFor(userId).map((e) => [e.type, e.data.skills])).toEqual([[CareerProfileCreated.type, ['Go']]]);
  });
});

describe('updating a career profile', () => {
  it('announces CareerProfileUpdated with skills and preferences, never the user’s own words', async () => {
    const userId = crypto.randomUUID();
    await register(userId);
    const headline = 'Staff engineer who ships payments';
    const summary = 'Ten years of Go and Postgres. Write to ada.lovelace@example.com for references.';
    const result = await harness.request<{ updateCareerProfile: { errors: unknown[] } }>(
      update,
      { input: { headline, summary, skills: ['Go', 'PostgreSQL'], desiredTitles: ['Staff Engineer'], remote: 'REMOTE', openToWork: true, yearsOfExperience: 10, desiredSalary: { amountCents: 20_000_000, currency: 'EUR' } } },
      userPrincipal(userId),
    );
    expect(result.data?.updateCareerProfile.errors).toEqual([]);

    const updated = await eventually(async () => published.find((event) => event.type === CareerProfileUpdated.type && event.data.userId === userId));
    expect(updated).toMatchObject({ subject: careerProfileId(userId) });
    expect(updated.data).toEqual({ profileId: careerProfileId(userId), userId, skills: ['Go', 'PostgreSQL'], openToWork: true, remotePreference: 'remote', yearsOfExperience: 10 });
    const text = JSON.stringify(updated);
    for (const words of [headline, summary, 'Staff Engineer', 'ada.lovelace', 'EUR']) expect(text).not.toContain(words);
  });

  it('announces nothing when the input is refused', async () => {
    const userId = crypto.randomUUID();
    await register(userId);
    await eventually(async () => publishedFor(userId).length > 0);
    const result = await harness.request<{ updateCareerProfile: { errors: { code: string }[] } }>(update, { input: { yearsOfExperience: 99 } }, userPrincipal(userId));
    expect(result.data?.updateCareerProfile.errors[0]?.code).toBe('OUT_OF_RANGE');
    // The outbox is the truth: nothing beyond the Created event was committed for this profile.
    const rows = await db.selectFrom('outbox').select('type').where('key', '=', careerProfileId(userId)).execute();
    expect(rows.map((row) => row.type)).toEqual([CareerProfileCreated.type]);
  });
});

describe('when a user is erased', () => {
  /** Rows of every assistant table whose text mentions the id; the outbox is the transport, not state. */
  async function rowsMentioning(userId: string): Promise<Record<string, number>> {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'assistant' and table_type = 'BASE TABLE' and table_name <> 'outbox'`.execute(admin);
    expect(tables.rows.map((t) => t.table_name)).toEqual(expect.arrayContaining(['career_profiles', 'listing_features', 'inbox']));
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables.rows) {
      const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`assistant.${table}`)} as t where t::text ilike ${`%${userId}%`}`.execute(admin);
      const n = result.rows[0]?.n ?? 0;
      if (n > 0) counts[table] = n;
    }
    return counts;
  }

  it('forgets their career profile: no row with their id in any assistant table', async () => {
    const userId = crypto.randomUUID();
    await register(userId);
    await harness.request(update, { input: { headline: 'To be forgotten', skills: ['Rust'] } }, userPrincipal(userId));
    // With a skill the profile can match: once its update is handled, the digest of its fit inputs is stored too.
    await eventually(async () => JSON.stringify(await rowsMentioning(userId)) === JSON.stringify({ career_profiles: 1, fit_profile_digests: 1 }));

    const erased = createCloudEvent(UserErased, userId, { userId, erasedAt: new Date().toISOString() });
    await deliver(identityUserTopic, erased);
    await handled(erased);
    expect(await rowsMentioning(userId)).toEqual({});
  });
});

describe('the listing features projection', () => {
  function snapshot(listingId: string, changes: Partial<JobListingSnapshot> = {}): JobListingSnapshot {
    return {
      listingId,
      companyId: '0b5c3c1e-4f7a-4b8e-9a51-1d2f3e4a5b6c',
      title: 'Backend engineer',
      status: 'draft',
      employmentType: 'full_time',
      remoteType: 'remote',
      seniority: 'senior',
      location: 'Berlin',
      tags: ['go', 'postgres'],
      salary: { minCents: 7_000_000, maxCents: 9_000_000, currency: 'EUR' },
      postedAt: null,
      closedAt: null,
      expiresAt: null,
      ...changes,
    };
  }

  const featuresOf = (listingId: string) => db.selectFrom('listing_features').selectAll().where('listing_id', '=', listingId).executeTakeFirst();

  it('follows a listing from draft to posted, updated and closed', async () => {
    const listingId = crypto.randomUUID();
    const t0 = Date.now();
    const posted = new Date(t0 + 1_000).toISOString();
    const closed = new Date(t0 + 3_000).toISOString();
    const events = [
      createCloudEvent(JobListingDrafted, listingId, snapshot(listingId), new Date(t0)),
      createCloudEvent(JobPosted, listingId, snapshot(listingId, { status: 'open', postedAt: posted }), new Date(t0 + 1_000)),
      createCloudEvent(JobUpdated, listingId, snapshot(listingId, { status: 'open', postedAt: posted, title: 'Senior backend engineer', tags: ['go', 'kafka'], salary: null }), new Date(t0 + 2_000)),
    ];
    await deliver(catalogJobListingTopic, ...events);
    await handled(events[2]!);
    expect(await featuresOf(listingId)).toMatchObject({
      status: 'open',
      title: 'Senior backend engineer',
      tags: ['go', 'kafka'],
      employment_type: 'full_time',
      remote_type: 'remote',
      seniority: 'senior',
      location: 'Berlin',
      salary_min_cents: null,
      salary_max_cents: null,
      salary_currency: null,
      posted_at: new Date(posted),
      event_time: new Date(t0 + 2_000),
    });

    const close = createCloudEvent(JobClosed, listingId, snapshot(listingId, { status: 'closed', postedAt: posted, closedAt: closed }), new Date(t0 + 3_000));
    await deliver(catalogJobListingTopic, close);
    await handled(close);
    expect(await featuresOf(listingId)).toMatchObject({ status: 'closed', closed_at: new Date(closed), title: 'Backend engineer', salary_min_cents: 7_000_000, salary_currency: 'EUR' });
  });

  it('keeps the newer snapshot when an older one arrives after it', async () => {
    const listingId = crypto.randomUUID();
    const t0 = Date.now();
    const posted = new Date(t0).toISOString();
    const newer = createCloudEvent(JobClosed, listingId, snapshot(listingId, { status: 'closed', postedAt: posted, closedAt: new Date(t0 + 5_000).toISOString() }), new Date(t0 + 5_000));
    const older = createCloudEvent(JobUpdated, listingId, snapshot(listingId, { status: 'open', postedAt: posted, title: 'Stale title' }), new Date(t0 + 1_000));
    await deliver(catalogJobListingTopic, newer, older);
    await handled(older);
    expect(await featuresOf(listingId)).toMatchObject({ status: 'closed', title: 'Backend engineer', event_time: new Date(t0 + 5_000) });
  });

  it('keeps the tag vocabulary CV skills are normalized against: counts follow each listing’s tags, older snapshots move nothing', async () => {
    const rare = `rare-${crypto.randomUUID().slice(0, 8)}`;
    const other = `other-${crypto.randomUUID().slice(0, 8)}`;
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const t0 = Date.now();
    const vocabulary = async () =>
      Object.fromEntries((await db.selectFrom('skill_vocabulary').select(['tag', 'listing_count']).where('tag', 'in', [rare, other]).execute()).map((row) => [row.tag, row.listing_count]));
    const first = [createCloudEvent(JobPosted, a, snapshot(a, { status: 'open', tags: [rare, other] }), new Date(t0)), createCloudEvent(JobPosted, b, snapshot(b, { status: 'open', tags: [rare] }), new Date(t0))];
    await deliver(catalogJobListingTopic, ...first);
    await handled(first[0]!);
    await handled(first[1]!);
    expect(await vocabulary()).toEqual({ [rare]: 2, [other]: 1 });

    const moved = createCloudEvent(JobUpdated, a, snapshot(a, { status: 'open', tags: [rare] }), new Date(t0 + 2_000));
    const stale = createCloudEvent(JobUpdated, b, snapshot(b, { status: 'open', tags: [other] }), new Date(t0 - 5_000));
    await deliver(catalogJobListingTopic, moved, stale);
    await handled(moved);
    await handled(stale);
    expect(await vocabulary()).toEqual({ [rare]: 2 });

    const emptied = createCloudEvent(JobUpdated, b, snapshot(b, { status: 'open', tags: [] }), new Date(t0 + 3_000));
    await deliver(catalogJobListingTopic, emptied);
    await handled(emptied);
    expect(await vocabulary()).toEqual({ [rare]: 1 });
  });

  it('finds listings by tag overlap through the GIN index', async () => {
    const indexes = await sql<{ indexdef: string }>`select indexdef from pg_indexes where schemaname = 'assistant' and tablename = 'listing_features'`.execute(admin);
    expect(indexes.rows.map((row) => row.indexdef).join('\n')).toMatch(/USING gin \(tags\)/);
  });
});

describe('the application owners projection', () => {
  const saveJd = `mutation ($input: SaveJobDescriptionInput!) { saveJobDescription(input: $input) { jobDescription { id application { id } } errors { code } } }`;
  const at = new Date().toISOString();
  const trash = (applicationId: string, userId: string) => ({ applicationId, userId, jobListingId: null, at });

  it('lets a job description link only to a live application of its user, and unlinks it when pipeline purges the application', async () => {
    const [userId, other, applicationId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const created = createCloudEvent(ApplicationCreated, applicationId, { applicationId, userId, jobListingId: null, stageId: crypto.randomUUID(), stageKind: 'applied', appliedAt: at });
    await deliver(pipelineApplicationTopic, created);
    await handled(created);
    type Saved = { saveJobDescription: { jobDescription: { id: string; application: { id: string } | null } | null; errors: { code: string }[] } };
    const notTheirs = await harness.request<Saved>(saveJd, { input: { text: 'Someone else’s', applicationId } }, userPrincipal(other));
    expect(notTheirs.data?.saveJobDescription.errors).toEqual([{ code: 'NOT_FOUND' }]);

    const trashed = createCloudEvent(ApplicationDeleted, applicationId, trash(applicationId, userId));
    await deliver(pipelineApplicationTopic, trashed);
    await handled(trashed);
    const inTrash = await harness.request<Saved>(saveJd, { input: { text: 'Posting one', applicationId } }, userPrincipal(userId));
    expect(inTrash.data?.saveJobDescription.errors).toEqual([{ code: 'NOT_FOUND' }]);

    const restored = createCloudEvent(ApplicationRestored, applicationId, trash(applicationId, userId));
    await deliver(pipelineApplicationTopic, restored);
    await handled(restored);
    const linked = await harness.request<Saved>(saveJd, { input: { text: 'Posting one', applicationId } }, userPrincipal(userId));
    const jdId = linked.data?.saveJobDescription.jobDescription?.id ?? '';
    expect(linked.data?.saveJobDescription.jobDescription?.application).toEqual({ id: applicationId });

    const purged = createCloudEvent(ApplicationPurged, applicationId, { applicationId, userId });
    await deliver(pipelineApplicationTopic, purged);
    await handled(purged);
    expect(await db.selectFrom('job_descriptions').select('application_id').where('id', '=', jdId).executeTakeFirst()).toEqual({ application_id: null });
    expect(await db.selectFrom('application_owners').select('user_id').where('application_id', '=', applicationId).executeTakeFirst()).toBeUndefined();
    const announced = await db.selectFrom('outbox').select(['type', 'envelope']).where('key', '=', jdId).orderBy('seq').execute();
    expect(announced.map((row) => (row.envelope as { data: { status: string } }).data.status)).toEqual(['saved', 'unlinked']);
  });
});

describe('what the assistant publishes', () => {
  it('matches the JSON Schemas in schema/events and carries no email address', async () => {
    // Everything committed to the outbox, as the observer received it.
    const committed = await db.selectFrom('outbox').select('id').execute();
    await eventually(async () => published.length >= committed.length);
    expect(published.map((event) => event.id).sort()).toEqual(committed.map((row) => row.id).sort());
    expect(published.length).toBeGreaterThan(3);
    expect(published.some((event) => event.type === 'jobgraph.assistant.job-description.changed.v1')).toBe(true);
    for (const event of published) {
      expect(violations(event), `${event.type} ${JSON.stringify(event)}`).toEqual([]);
      expect(JSON.stringify(event)).not.toMatch(emailPattern);
      if (event.type.includes('career-profile')) expect(Object.keys(event.data).sort()).toEqual(['openToWork', 'profileId', 'remotePreference', 'skills', 'userId', 'yearsOfExperience']);
      else expect(Object.keys(event.data).sort()).toEqual(['applicationId', 'jobDescriptionId', 'requirementCount', 'skills', 'status', 'userId']);
    }
  });
});
