import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import {
  ApplicationCreated,
  CompanyCreated,
  CompanyMemberAdded,
  CompanyMemberRemoved,
  JobClosed,
  JobListingDrafted,
  JobPosted,
  JobUpdated,
  UserErased,
  catalogCompanyTopic,
  catalogJobListingTopic,
  createCloudEvent,
  createEventConsumer,
  createLogger,
  identityUserTopic,
  type CloudEvent,
  type EventTransport,
  type JobListingSnapshot,
  type UserPrincipal,
} from '@jobgraph/kit';
import { createTestEvents, eventually, startSubgraphHarness, type SubgraphHarness, type TestEvents } from '@jobgraph/kit/testing';
import type { Database } from '../src/db/types.ts';
import { catalog } from '../src/index.ts';
import { catalogHandlers } from '../src/events/handlers.ts';
import { emailPattern, eventContracts } from '@jobgraph/kit/testing';
import { catalogStory, closeJobListing, codeOf, jobById, publishJobListing, updateJobListing, type ListingData, type UserErrorData } from './story.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let transport: EventTransport;
let db: Kysely<Database>;
let admin: Kysely<unknown>;
let story: ReturnType<typeof catalogStory>;
let events: TestEvents;
let published: CloudEvent[] = [];
const violations = eventContracts();

beforeAll(async () => {
  database = await createTestDatabase();
  events = await createTestEvents({ observe: [catalogCompanyTopic, catalogJobListingTopic], deliverTo: [identityUserTopic] });
  transport = events.transport;
  published = events.published;
  harness = await startSubgraphHarness(catalog, database, { events: transport });
  story = catalogStory(harness);
  db = createKysely<Database>({ url: database.urlFor('catalog'), maxConnections: 2 });
  admin = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
});
afterAll(async () => {
  await harness?.stop();
  await transport?.close();
  await db?.destroy();
  await admin?.destroy();
  await database?.drop();
});

type ListingPayload<K extends string> = Record<K, { jobListing: ListingData | null; errors: UserErrorData[] }>;

const eventsFor = (subject: string) => published.filter((event) => event.subject === subject);
const typesFor = (subject: string) => eventsFor(subject).map((event) => event.type);

/** Waits until `subject` has at least `count` events, and answers with them. */
const awaitEvents = (subject: string, count: number) => eventually(async () => eventsFor(subject).length >= count && eventsFor(subject));

/** What the listing events should carry, from a listing as the API answered it. */
function snapshotOf(listing: ListingData): JobListingSnapshot {
  const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : null);
  const iso = (value: unknown) => (typeof value === 'string' ? new Date(value).toISOString() : null);
  return {
    listingId: listing.id,
    companyId: listing.company.id,
    title: listing.title,
    status: listing.status.toLowerCase() as JobListingSnapshot['status'],
    employmentType: String(listing.employmentType).toLowerCase(),
    remoteType: String(listing.remoteType).toLowerCase(),
    seniority: lower(listing.seniority),
    location: (listing.location as string | null) ?? null,
    tags: listing.tags,
    salary: listing.salary,
    postedAt: iso(listing.postedAt),
    closedAt: iso(listing.closedAt),
    expiresAt: iso(listing.expiresAt),
  };
}

async function mutateListing<K extends 'updateJobListing' | 'publishJobListing' | 'closeJobListing'>(
  key: K,
  query: string,
  variables: Record<string, unknown>,
  principal: UserPrincipal,
): Promise<ListingData> {
  const result = await harness.request<ListingPayload<K>>(query, variables, principal);
  const payload = result.data?.[key];
  if (!payload?.jobListing) throw new Error(`${key} failed: ${JSON.stringify(result)}`);
  expect(payload.errors).toEqual([]);
  return payload.jobListing;
}

async function outboxRows(): Promise<number> {
  return (await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(db)).rows[0]?.n ?? 0;
}

/** Every event committed so far has reached the broker. */
const outboxDrained = () => eventually(async () => (await sql<{ n: number }>`select count(*)::int as n from outbox where published_at is null`.execute(db)).rows[0]?.n === 0);

function userErasedMessage(userId: string, envelope = createCloudEvent(UserErased, userId, { userId, erasedAt: new Date().toISOString() })) {
  return { topic: identityUserTopic, key: userId, value: JSON.stringify(envelope), headers: {} };
}

/** Rows of any table in the catalog schema whose text mentions `needle`. */
async function rowsMentioning(needle: string): Promise<{ table: string; row: Record<string, unknown> }[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'catalog' and table_type = 'BASE TABLE' order by table_name`.execute(admin);
  expect(tables.rows.map((t) => t.table_name)).toEqual(expect.arrayContaining(['companies', 'company_members', 'job_listings', 'outbox', 'inbox']));
  const found: { table: string; row: Record<string, unknown> }[] = [];
  for (const { table_name: table } of tables.rows) {
    const rows = await sql<{ row: Record<string, unknown> }>`
      select to_jsonb(r) as row from ${sql.id('catalog', table)} r where strpos(r::text, ${needle}) > 0`.execute(admin);
    found.push(...rows.rows.map(({ row }) => ({ table, row })));
  }
  return found;
}

async function addMember(companyId: string, userId: string, role: 'owner' | 'admin' | 'recruiter' | 'member'): Promise<void> {
  await db.insertInto('company_members').values({ company_id: companyId, user_id: userId, role }).execute();
}

describe('catalog publishes what changes', () => {
  it('announces a company, its owner, and a listing through draft, post, update and close, in order, each with the whole listing', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Initech', { website: 'https://initech.example' });
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const draft = await story.postListing(employer, company.id, {
      title: 'TPS Report Analyst',
      tags: ['Reports', 'Excel'],
      salary: { minCents: 5_000_000, maxCents: 7_000_000, currency: 'USD' },
      seniority: 'MID',
      location: 'Austin, TX',
      expiresAt,
      publish: false,
    });
    const posted = await mutateListing('publishJobListing', publishJobListing, { id: draft.id }, employer);
    const updated = await mutateListing('updateJobListing', updateJobListing, { input: { id: draft.id, title: 'Senior TPS Report Analyst', salary: null, seniority: null } }, employer);
    const closed = await mutateListing('closeJobListing', closeJobListing, { id: draft.id }, employer);

    const companyEvents = await awaitEvents(company.id, 2);
    expect(companyEvents.map((event) => event.type)).toEqual([CompanyCreated.type, CompanyMemberAdded.type]);
    expect(companyEvents[0]).toMatchObject({ source: '/jobgraph/catalog', subject: company.id, data: { companyId: company.id, name: 'Initech', slug: company.slug, createdBy: employer.userId } });
    expect(companyEvents[1]?.data).toEqual({ companyId: company.id, userId: employer.userId, role: 'owner' });

    const listingEvents = await awaitEvents(draft.id, 4);
    expect(listingEvents.map((event) => event.type)).toEqual([JobListingDrafted.type, JobPosted.type, JobUpdated.type, JobClosed.type]);
    expect(listingEvents.map((event) => event.data)).toEqual([draft, posted, updated, closed].map(snapshotOf));
    expect(listingEvents[0]?.data).toMatchObject({ status: 'draft', employmentType: 'full_time', remoteType: 'remote', seniority: 'mid', tags: ['reports', 'excel'], salary: { minCents: 5_000_000, maxCents: 7_000_000, currency: 'USD' }, postedAt: null });
    expect(listingEvents[2]?.data).toMatchObject({ title: 'Senior TPS Report Analyst', status: 'open', salary: null, seniority: null });
    expect(listingEvents[3]?.data).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    for (const event of listingEvents) {
      expect(event).toMatchObject({ source: '/jobgraph/catalog', subject: draft.id, datacontenttype: 'application/json' });
      for (const time of ['postedAt', 'closedAt', 'expiresAt'] as const) {
        const value = (event.data as JobListingSnapshot)[time];
        if (value !== null) expect(new Date(value).toISOString()).toBe(value);
      }
    }
  });

  it('announces a listing created open as JobPosted only', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Globex');
    const listing = await story.postListing(employer, company.id, { publish: true });
    const [event] = await awaitEvents(listing.id, 1);
    expect(event?.type).toBe(JobPosted.type);
    expect(event?.data).toEqual(snapshotOf(listing));
    expect(typesFor(listing.id)).toEqual([JobPosted.type]);
  });

  it('announces an edit that stores `expired` as JobUpdated, and reopening as JobPosted', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Hooli');
    const listing = await story.postListing(employer, company.id, { publish: true });
    // Time passes: the listing ran out a minute ago.
    await sql`update job_listings set posted_at = now() - interval '2 days', expires_at = now() - interval '1 minute' where id = ${listing.id}`.execute(db);
    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const edited = await mutateListing('updateJobListing', updateJobListing, { input: { id: listing.id, expiresAt: later } }, employer);
    expect(edited.status).toBe('EXPIRED');
    const reopened = await mutateListing('publishJobListing', publishJobListing, { id: listing.id }, employer);

    const events = await awaitEvents(listing.id, 3);
    expect(events.map((event) => event.type)).toEqual([JobPosted.type, JobUpdated.type, JobPosted.type]);
    expect(events[1]?.data).toEqual(snapshotOf(edited));
    expect(events[1]?.data).toMatchObject({ status: 'expired', expiresAt: new Date(later).toISOString() });
    expect(events[2]?.data).toEqual(snapshotOf(reopened));
    expect(events[2]?.data).toMatchObject({ status: 'open' });
  });

  it('publishes nothing for a mutation that fails, as a user error or as FORBIDDEN', async () => {
    const owner = story.employer();
    const outsider = story.employer();
    const viewer = story.employer();
    const company = await story.createCompany(owner, 'Massive Dynamic');
    await addMember(company.id, viewer.userId, 'member');
    const listing = await story.postListing(owner, company.id, { publish: true });
    const closedListing = await story.postListing(owner, company.id, { publish: false });
    await mutateListing('closeJobListing', closeJobListing, { id: closedListing.id }, owner);
    await awaitEvents(closedListing.id, 2);
    await awaitEvents(listing.id, 1);
    await outboxDrained();
    const rowsBefore = await outboxRows();
    const seenBefore = published.length;

    const duplicate = await story.createCompanyRequest(story.employer(), { name: 'MASSIVE DYNAMIC, Inc.' });
    expect(duplicate.data?.createCompany.errors[0]?.code).toBe('COMPANY_EXISTS');
    const badTitle = await story.createJobListing(owner, { companyId: company.id, title: 'x', description: 'd', employmentType: 'FULL_TIME', remoteType: 'REMOTE', publish: true });
    expect(badTitle.data?.createJobListing.errors[0]?.code).toBe('INVALID_TITLE');
    const notTheirs = await story.createJobListing(outsider, { companyId: company.id, title: 'Fringe Researcher', description: 'd', employmentType: 'FULL_TIME', remoteType: 'REMOTE' });
    expect(codeOf(notTheirs)).toBe('FORBIDDEN');
    const badSalary = await harness.request<ListingPayload<'updateJobListing'>>(updateJobListing, { input: { id: listing.id, salary: { minCents: 9, maxCents: 1, currency: 'EUR' } } }, owner);
    expect(badSalary.data?.updateJobListing.errors[0]?.code).toBe('SALARY_RANGE_INVERTED');
    const memberEdit = await harness.request(updateJobListing, { input: { id: listing.id, title: 'Something else' } }, viewer);
    expect(codeOf(memberEdit)).toBe('FORBIDDEN');
    const reopenClosed = await harness.request<ListingPayload<'publishJobListing'>>(publishJobListing, { id: closedListing.id }, owner);
    expect(reopenClosed.data?.publishJobListing.errors[0]?.code).toBe('INVALID_TRANSITION');
    const closeOthers = await harness.request<ListingPayload<'closeJobListing'>>(closeJobListing, { id: listing.id }, outsider);
    expect(closeOthers.data?.closeJobListing.errors[0]?.code).toBe('NOT_FOUND');

    expect(await outboxRows()).toBe(rowsBefore);
    // A change that succeeds afterwards is the next thing published: nothing slipped in before it.
    await mutateListing('updateJobListing', updateJobListing, { input: { id: listing.id, title: 'Fringe Division Liaison' } }, owner);
    await awaitEvents(listing.id, 2);
    expect(published.slice(seenBefore).map((event) => [event.type, event.subject])).toEqual([[JobUpdated.type, listing.id]]);
    expect(await outboxRows()).toBe(rowsBefore + 1);
  });
});

describe('a user erased in identity', () => {
  it('leaves no trace of the user in any catalog table, removes their memberships, and keeps their companies', async () => {
    const alice = story.employer();
    const bob = story.employer();
    const carol = story.employer();
    // Alice owns Acme (Carol is its admin) and recruits for Bob's Umbrella.
    const acme = await story.createCompany(alice, 'Acme Anvils');
    await addMember(acme.id, carol.userId, 'admin');
    const umbrella = await story.createCompany(bob, 'Umbrella Corporation');
    await addMember(umbrella.id, alice.userId, 'recruiter');
    const acmeListing = await story.postListing(alice, acme.id, { title: 'Anvil Tester', publish: true });
    const umbrellaListing = await story.postListing(alice, umbrella.id, { title: 'Field Researcher', publish: false });
    await awaitEvents(umbrellaListing.id, 1);
    await outboxDrained();
    expect((await rowsMentioning(alice.userId)).length).toBeGreaterThan(0);

    await transport.publish([userErasedMessage(alice.userId)]);

    const removed = await eventually(async () => {
      const events = published.filter((event) => event.type === CompanyMemberRemoved.type && (event.data as { userId: string }).userId === alice.userId);
      return events.length >= 2 && events;
    });
    expect(removed.map((event) => ({ subject: event.subject, data: event.data })).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(
      [acme.id, umbrella.id].sort().map((companyId) => ({ subject: companyId, data: { companyId, userId: alice.userId } })),
    );

    await outboxDrained();
    // Only the announcements of the erasure itself still name the user, until the outbox's retention cleanup.
    const traces = await rowsMentioning(alice.userId);
    expect(traces.filter((trace) => !(trace.table === 'outbox' && trace.row.type === CompanyMemberRemoved.type))).toEqual([]);
    expect(traces).toHaveLength(2);

    // The companies and listings stay, with nobody as their creator; the other members keep their places.
    const companies = await db.selectFrom('companies').select(['id', 'created_by', 'deleted_at']).where('id', 'in', [acme.id, umbrella.id]).orderBy('name').execute();
    expect(companies).toEqual([
      { id: acme.id, created_by: null, deleted_at: null },
      { id: umbrella.id, created_by: bob.userId, deleted_at: null },
    ]);
    const members = await db.selectFrom('company_members').select(['company_id', 'user_id', 'role']).where('company_id', 'in', [acme.id, umbrella.id]).execute();
    expect(members).toEqual(
      expect.arrayContaining([
        { company_id: acme.id, user_id: carol.userId, role: 'admin' },
        { company_id: umbrella.id, user_id: bob.userId, role: 'owner' },
      ]),
    );
    expect(members).toHaveLength(2);
    const listings = await db.selectFrom('job_listings').select(['id', 'created_by', 'status']).where('id', 'in', [acmeListing.id, umbrellaListing.id]).execute();
    expect(listings).toEqual(expect.arrayContaining([{ id: acmeListing.id, created_by: null, status: 'open' }, { id: umbrellaListing.id, created_by: null, status: 'draft' }]));
    const publicView = await harness.request<{ job: ListingData | null }>(jobById, { id: acmeListing.id });
    expect(publicView.data?.job?.status).toBe('OPEN');
    // Carol, an admin, still runs the company that lost its owner.
    await mutateListing('closeJobListing', closeJobListing, { id: acmeListing.id }, carol);
  });

  it('has one effect when the same UserErased arrives twice, and none when the user is erased again', async () => {
    const erin = story.employer();
    const frank = story.employer();
    const erinsCompany = await story.createCompany(erin, 'Wayne Enterprises');
    const franksCompany = await story.createCompany(frank, 'Stark Industries');
    await awaitEvents(franksCompany.id, 2);
    await outboxDrained();
    const inboxBefore = (await sql<{ n: number }>`select count(*)::int as n from inbox`.execute(db)).rows[0]?.n ?? 0;

    const once = createCloudEvent(UserErased, erin.userId, { userId: erin.userId, erasedAt: new Date().toISOString() });
    // Redelivered (a rebalance, a crash before the offset commit), then erased again by a fresh event.
    await transport.publish([userErasedMessage(erin.userId, once), userErasedMessage(erin.userId, once), userErasedMessage(erin.userId)]);
    // Frank's erasure comes after Erin's on the same topic: once it shows, Erin's three messages were handled.
    await transport.publish([userErasedMessage(frank.userId)]);
    await eventually(async () => eventsFor(franksCompany.id).some((event) => event.type === CompanyMemberRemoved.type));
    await outboxDrained();

    expect(typesFor(erinsCompany.id)).toEqual([CompanyCreated.type, CompanyMemberAdded.type, CompanyMemberRemoved.type]);
    const inbox = await db.selectFrom('inbox').select(['event_id', 'type', 'source']).where('event_id', '=', once.id).execute();
    expect(inbox).toEqual([{ event_id: once.id, type: UserErased.type, source: '/jobgraph/identity' }]);
    // Erin's event once, Erin's fresh event, Frank's event.
    expect((await sql<{ n: number }>`select count(*)::int as n from inbox`.execute(db)).rows[0]?.n).toBe(inboxBefore + 3);
    expect(await db.selectFrom('company_members').select('id').where('user_id', 'in', [erin.userId, frank.userId]).execute()).toEqual([]);
  });

  it('changes nothing for the erasure of someone catalog never knew', async () => {
    await outboxDrained();
    const seen = published.length;
    const rows = await outboxRows();
    const stranger = randomUUID();
    const envelope = createCloudEvent(UserErased, stranger, { userId: stranger, erasedAt: new Date().toISOString() });
    await transport.publish([userErasedMessage(stranger, envelope)]);
    await eventually(async () => (await db.selectFrom('inbox').select('event_id').where('event_id', '=', envelope.id).executeTakeFirst()) !== undefined);
    expect(await outboxRows()).toBe(rows);
    expect(published.length).toBe(seen);
  });
});

describe('every event catalog published here', () => {
  it('conforms to its JSON Schema and carries no email address', () => {
    expect(published.length).toBeGreaterThan(0);
    for (const event of published) {
      expect(violations(event), event.type).toEqual([]);
      expect(JSON.stringify(event)).not.toMatch(emailPattern);
    }
    expect(new Set(published.map((event) => event.type))).toEqual(
      new Set([CompanyCreated, CompanyMemberAdded, CompanyMemberRemoved, JobListingDrafted, JobPosted, JobUpdated, JobClosed].map((definition) => definition.type)),
    );
  });
});

describe('updateCompany publishes CompanyUpdated', () => {
  it('announces the company as it now stands, keyed by the company, without the description text', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Renamed Holdings');
    const result = await harness.request<{ updateCompany: { errors: UserErrorData[] } }>(
      'mutation ($input: UpdateCompanyInput!) { updateCompany(input: $input) { errors { field code message } } }',
      { input: { id: company.id, name: 'Renamed Holdings Two', website: 'https://renamed.example', description: 'A secret-free blurb' } },
      employer,
    );
    expect(result.data?.updateCompany.errors).toEqual([]);
    const events = await awaitEvents(company.id, 3);
    const updated = events.find((event) => event.type === 'jobgraph.catalog.company.updated.v1');
    expect(updated).toMatchObject({ subject: company.id, data: { companyId: company.id, name: 'Renamed Holdings Two' } });
    expect(JSON.stringify(updated)).not.toContain('secret-free blurb');
    expect(violations(updated)).toEqual([]);
  });
});

describe('applications counted from pipeline', () => {
  it('counts a batch of applications with one statement, each listing by how many name it, a redelivered one once', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, `Count Works ${randomUUID().slice(0, 8)}`);
    const first = await story.postListing(employer, company.id, { publish: true });
    const second = await story.postListing(employer, company.id, { publish: true });
    const statements: string[] = [];
    const counted = createKysely<Database>({ url: database.urlFor('catalog'), maxConnections: 1, onQuery: (event) => void statements.push(event.query.sql) });
    const consumer = createEventConsumer<Database>({ db: counted, transport, groupId: 'catalog-count-test', handlers: catalogHandlers, deadLetterTopic: 'catalog.count-test.dlq', logger: createLogger('test', 'error') });
    const applied = (jobListingId: string | null) =>
      createCloudEvent(ApplicationCreated, randomUUID(), { applicationId: randomUUID(), userId: randomUUID(), jobListingId, stageId: randomUUID(), stageKind: 'applied', appliedAt: new Date().toISOString() });
    const again = applied(first.id);
    const batch = [applied(first.id), applied(second.id), again, applied(null), again, applied(first.id)];
    try {
      const outcomes = await consumer.consumeBatch(batch.map((event, n) => ({ topic: ApplicationCreated.topic, partition: 0, offset: String(n), key: event.subject, value: JSON.stringify(event), headers: {} })));
      expect(outcomes).toEqual(['handled', 'handled', 'handled', 'handled', 'duplicate', 'handled']);
      const count = async (id: string) => (await db.selectFrom('job_listings').select('application_count').where('id', '=', id).executeTakeFirstOrThrow()).application_count;
      expect([await count(first.id), await count(second.id)]).toEqual([3, 1]);
      expect(statements.filter((text) => /update job_listings/i.test(text))).toHaveLength(1);
      // Delivered again whole (a crash before the offset commit): no second count.
      await consumer.consumeBatch(batch.slice(0, 2).map((event, n) => ({ topic: ApplicationCreated.topic, partition: 0, offset: String(n), key: event.subject, value: JSON.stringify(event), headers: {} })));
      expect([await count(first.id), await count(second.id)]).toEqual([3, 1]);
    } finally {
      await counted.destroy();
    }
  });
});
