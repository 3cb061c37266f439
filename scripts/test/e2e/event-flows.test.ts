import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely, domains } from '@jobgraph/db';
import { createKafkaTransport, createLogger } from '@jobgraph/kit';
import { emailPattern, eventually, loadEventContracts } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf } from './graphql-client.ts';
import { apply, createCompany, move, postJob } from './operations.ts';
import { useStory, type Member } from './story.ts';

/** The whole stack on the real broker, in a namespace of its own so parallel runs never meet. */
const story = useStory({
  events: () => createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-flows', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` }),
});

async function adminQuery<T>(query: (db: ReturnType<typeof createKysely<unknown>>) => Promise<T>): Promise<T> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    return await query(db);
  } finally {
    await db.destroy();
  }
}

const countWhere = (table: string, column: string, value: string) =>
  adminQuery(async (db) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${value}::uuid`.execute(db)).rows[0]?.n ?? 0);

async function postListing(employer: Member, title: string): Promise<{ companyId: string; jobId: string }> {
  const company = dataOf(await employer.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Flow Co ${title}` } }));
  const companyId = company.createCompany.company.id;
  const listing = dataOf(
    await employer.request<{ createJobListing: { jobListing: { id: string } } }>(postJob, {
      input: { companyId, title, description: 'Event-driven hiring.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', tags: ['kafka'], publish: true },
    }),
  );
  return { companyId, jobId: listing.createJobListing.jobListing.id };
}

describe('UserRegistered reaches every domain (through Kafka)', () => {
  it('opens a Free subscription with its starting credits, creates default stages and an empty profile', async () => {
    const ada = await story().candidate('Ada Registered');
    await eventually(async () => (await countWhere('billing.credit_ledger', 'user_id', ada.id)) === 1, 30_000);
    expect(await countWhere('billing.subscriptions', 'user_id', ada.id)).toBe(1);
    expect(await countWhere('pipeline.application_stages', 'user_id', ada.id)).toBe(7);
    expect(await countWhere('assistant.career_profiles', 'user_id', ada.id)).toBe(1);

    const viewer = dataOf(await ada.request<{ viewer: { subscription: { status: string; plan: { code: string } }; credits: { balance: number } } }>('{ viewer { subscription { status plan { code } } credits { balance } } }'));
    expect(viewer.viewer).toEqual({ subscription: { status: 'ACTIVE', plan: { code: 'free' } }, credits: { balance: 20 } });
  });
});

describe('listing events feed pipeline and assistant (through Kafka)', () => {
  it('lets the employer see applicants, and keeps projections in step with posts, updates and closes', async () => {
    const erin = await story().employer('Erin Flows');
    const { jobId } = await postListing(erin, 'Kafka Engineer');
    await eventually(async () => (await countWhere('pipeline.listing_ownership', 'job_listing_id', jobId)) === 1, 30_000);
    await eventually(async () => (await countWhere('assistant.listing_features', 'listing_id', jobId)) === 1, 30_000);

    const ada = await story().candidate('Ada Applicant');
    dataOf(await ada.request(apply, { input: { jobId } }));
    const applicants = '{ job(id: "JOB") { applications(first: 10) { edges { node { applicant { id } stage { kind } } } } } }'.replace('JOB', jobId);
    const seen = await eventually(async () => {
      const result = await erin.request<{ job: { applications: { edges: { node: { applicant: { id: string } } }[] } } }>(applicants);
      return result.data?.job.applications.edges.length === 1 ? result.data : null;
    });
    expect(seen.job.applications.edges[0]?.node.applicant.id).toBe(ada.id);

    const stranger = await story().employer('Sam Stranger');
    const refused = await stranger.request(applicants);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    dataOf(await erin.request('mutation ($i: UpdateJobListingInput!) { updateJobListing(input: $i) { errors { code } } }', { i: { id: jobId, title: 'Senior Kafka Engineer' } }));
    await eventually(async () =>
      adminQuery(async (db) => (await sql<{ title: string }>`select title from assistant.listing_features where listing_id = ${jobId}::uuid`.execute(db)).rows[0]?.title === 'Senior Kafka Engineer'),
    );
    dataOf(await erin.request('mutation ($id: UUID!) { closeJobListing(id: $id) { errors { code } } }', { id: jobId }));
    await eventually(async () =>
      adminQuery(async (db) => (await sql<{ status: string }>`select status from pipeline.listing_ownership where job_listing_id = ${jobId}::uuid`.execute(db)).rows[0]?.status === 'closed'),
    );
  });
});

describe('ApplicationStageChanged makes a follow-up task (through Kafka)', () => {
  it('asks the candidate to prepare when an application reaches the interview stage', async () => {
    const erin = await story().employer('Erin Tasks');
    const { jobId } = await postListing(erin, 'Platform Engineer');
    const grace = await story().candidate('Grace Tasks');
    const applied = dataOf(await grace.request<{ createApplication: { application: { id: string } } }>(apply, { input: { jobId } }));
    const stages = dataOf(await grace.request<{ viewer: { applicationStages: { id: string; kind: string }[] } }>('{ viewer { applicationStages { id kind } } }'));
    const interview = stages.viewer.applicationStages.find((stage) => stage.kind === 'INTERVIEW')?.id;
    dataOf(await grace.request(move, { input: { applicationId: applied.createApplication.application.id, stageId: interview } }));
    const tasks = await eventually(async () => {
      const result = await grace.request<{ viewer: { tasks: { edges: { node: { title: string; dueAt: string; application: { id: string } } }[] } } }>('{ viewer { tasks(first: 10) { edges { node { title dueAt application { id } } } } } }');
      // Two: the follow-up its creation into Applied called for, and the preparation for the interview (soonest due first).
      return result.data?.viewer.tasks.edges.length === 2 ? result.data.viewer.tasks.edges : null;
    }, 30_000);
    expect(tasks.map((t) => t.node.title)).toEqual(['Prepare for the interview', 'Follow up on your application']);
    expect(tasks.map((t) => t.node.application.id)).toEqual([applied.createApplication.application.id, applied.createApplication.application.id]);
  });
});

describe('eraseMyAccount reaches every domain (through Kafka)', () => {
  it('leaves no row that names the user in any domain table', async () => {
    const erin = await story().employer('Erin Erased');
    const { jobId } = await postListing(erin, 'Erasable Role');
    const victor = await story().candidate('Victor Erased');
    await eventually(async () => (await countWhere('billing.credit_ledger', 'user_id', victor.id)) === 1, 30_000);
    dataOf(await victor.request(apply, { input: { jobId } }));
    dataOf(await victor.request('mutation { updateCareerProfile(input: { headline: "Soon gone", skills: ["erasure"] }) { errors { code } } }'));
    const erased = dataOf(await victor.request<{ eraseMyAccount: { erasedAt: string | null; errors: unknown[] } }>('mutation { eraseMyAccount(input: { password: "a long and unusual passphrase" }) { erasedAt errors { code } } }'));
    expect(erased.eraseMyAccount.errors).toEqual([]);

    const tablesNaming = () =>
      adminQuery(async (db) => {
        const found: string[] = [];
        for (const domain of domains) {
          const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${domain} and table_type = 'BASE TABLE' and table_name not in ('outbox', 'inbox') and table_name not like 'kysely_migration%'`.execute(db);
          for (const { table_name } of tables.rows) {
            const hits = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`${domain}.${table_name}`)} t where t::text like ${`%${victor.id}%`}`.execute(db);
            if ((hits.rows[0]?.n ?? 0) > 0) found.push(`${domain}.${table_name}`);
          }
        }
        return found;
      });
    // identity keeps the row (other domains' ids still point at something) with nothing personal in it.
    let left: string[] = [];
    await eventually(async () => {
      left = await tablesNaming();
      return left.length === 1 && left[0] === 'identity.users' ? left : null;
    }, 45_000).catch(() => undefined);
    expect(left, 'tables that still name the erased user').toEqual(['identity.users']);
    const row = await adminQuery(async (db) => (await sql<{ email: string; display_name: string }>`select email::text, display_name from identity.users where id = ${victor.id}::uuid`.execute(db)).rows[0]);
    expect(row?.email).not.toBe(victor.email);
    expect(row?.display_name).toBe('Erased user');
    expect((await victor.request('{ viewer { id } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }, 90_000);
});

describe('every event the stack produced', () => {
  it('matches its JSON Schema and carries no email address, password hash or token', async () => {
    const envelopes = await adminQuery(async (db) => {
      const all: unknown[] = [];
      for (const domain of domains) {
        const rows = await sql<{ envelope: unknown }>`select envelope from ${sql.table(`${domain}.outbox`)} order by seq`.execute(db);
        all.push(...rows.rows.map((row) => row.envelope));
      }
      return all;
    });
    const contracts = loadEventContracts();
    const types = new Set(envelopes.map((event) => (event as { type: string }).type));
    // The flows above produced every kind of event a user's actions cause.
    for (const type of ['jobgraph.identity.user.registered.v1', 'jobgraph.identity.user.erased.v1', 'jobgraph.catalog.job-listing.posted.v1', 'jobgraph.catalog.job-listing.updated.v1', 'jobgraph.catalog.job-listing.closed.v1', 'jobgraph.pipeline.application.stage-changed.v1', 'jobgraph.pipeline.task.created.v1', 'jobgraph.billing.credits.granted.v1', 'jobgraph.assistant.career-profile.updated.v1']) {
      expect(types, type).toContain(type);
    }
    for (const event of envelopes) {
      expect(contracts.validate(event)).toEqual([]);
      const text = JSON.stringify(event);
      expect(text).not.toMatch(emailPattern);
      expect(text).not.toMatch(/scrypt\$|eyJ[A-Za-z0-9_-]{10,}\.|passphrase/);
    }
  });
});
