import { sql } from 'kysely';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely, domains } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { createKafkaTransport, createLogger, type EventTransport } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { startStack, type RunningStack } from '../../src/stack.ts';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf, graphql } from '../e2e/graphql-client.ts';
import { apply, createCompany, postJob, updateProfile } from '../e2e/operations.ts';

/**
 * Two of everything over one Postgres and one Kafka broker: each "instance" is a whole
 * stack (gateway and five subgraphs) with its own HTTP servers, database pools, outbox
 * relays and Kafka clients, joining the same consumer groups. Instance A's access tokens
 * work at instance B's gateway, because both identities sign with keys kept in Postgres.
 */
const namespace = `scale-${crypto.randomUUID().slice(0, 8)}`;
let database: TestDatabase;
const transports: EventTransport[] = [];
const instances: RunningStack[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  for (const name of ['a', 'b']) {
    const events = createKafkaTransport({ brokers: kafkaBrokers(), clientId: `scale-${name}`, logger: createLogger('kafka', 'silent'), namespace });
    transports.push(events);
    instances.push(await startStack({ databaseAdminUrl: database.adminUrl, logger: createLogger(`instance-${name}`, 'silent'), ports: 'random', events }));
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await Promise.all(transports.map((transport) => transport.close()));
  await database?.drop();
});

const password = 'a long and unusual passphrase';
const signUp = 'mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } tokens { accessToken } errors { code } } }';
interface Person {
  id: string;
  token: string;
}

/** The gateway of instance `n % 2`: consecutive calls alternate between the two. */
const gatewayOf = (n: number) => instances[n % 2]?.gatewayUrl ?? '';

async function join(n: number, role: 'CANDIDATE' | 'EMPLOYER'): Promise<Person> {
  const result = dataOf(await graphql<{ signUp: { user: { id: string }; tokens: { accessToken: string } } }>(gatewayOf(n), signUp, { input: { email: `scale.${n}.${role.toLowerCase()}@example.com`, password, displayName: `Person ${n}`, role } }));
  return { id: result.signUp.user.id, token: result.signUp.tokens.accessToken };
}

async function count(query: string, id: string): Promise<number> {
  const db = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
  try {
    return (await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(query)} = ${id}::uuid`.execute(db)).rows[0]?.n ?? 0;
  } finally {
    await db.destroy();
  }
}

describe('two gateways and two instances of every subgraph over one Postgres and one Kafka', () => {
  const candidates: Person[] = [];
  const applications: string[] = [];

  it('serve mixed reads and writes through both gateways, each instance answering its share', async () => {
    const employer = await join(0, 'EMPLOYER');
    const company = dataOf(await graphql<{ createCompany: { company: { id: string } } }>(gatewayOf(1), createCompany, { input: { name: 'Scaled Out Ltd' } }, employer.token));
    const jobs: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const listing = dataOf(
        await graphql<{ createJobListing: { jobListing: { id: string } } }>(gatewayOf(n), postJob, {
          input: { companyId: company.createCompany.company.id, title: `Scaled role ${n}`, description: 'Two of everything.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', tags: ['kafka'], publish: true },
        }, employer.token),
      );
      jobs.push(listing.createJobListing.jobListing.id);
    }
    for (let n = 1; n <= 12; n += 1) candidates.push(await join(n, 'CANDIDATE'));
    // Pipeline learns listing ownership from catalog's events before candidates apply to them.
    await eventually(async () => (await Promise.all(jobs.map((job) => count('pipeline.listing_ownership where job_listing_id', job)))).every((n) => n === 1), 60_000);

    for (const [n, candidate] of candidates.entries()) {
      // Written through one gateway, read back through the other.
      dataOf(await graphql(gatewayOf(n), updateProfile, { input: { headline: `Candidate ${n}`, skills: ['Kafka'] } }, candidate.token));
      const applied = dataOf(await graphql<{ createApplication: { application: { id: string } } }>(gatewayOf(n + 1), apply, { input: { jobId: jobs[n % jobs.length] } }, candidate.token));
      applications.push(applied.createApplication.application.id);
      const home = dataOf(await graphql<{ viewer: { careerProfile: { headline: string }; subscription: { status: string } } }>(gatewayOf(n + 1), '{ viewer { careerProfile { headline } subscription { status } credits { balance } } }', {}, candidate.token));
      expect(home.viewer.careerProfile.headline).toBe(`Candidate ${n}`);
      expect(home.viewer.subscription.status).toBe('ACTIVE');
    }
    for (const instance of instances) {
      for (const service of Object.values(instance.subgraphs)) expect(service.connectionsAccepted(), `${service.name} of one instance`).toBeGreaterThan(0);
    }
  }, 180_000);

  it('apply every event’s effect exactly once, whichever instance consumed it', async () => {
    for (const candidate of candidates) {
      await eventually(async () => (await count('billing.credit_ledger where user_id', candidate.id)) >= 1, 60_000);
      await eventually(async () => (await count('pipeline.application_stages where user_id', candidate.id)) >= 7, 60_000);
    }
    // Give a late duplicate the time to land, then count: none missed, none doubled.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const candidate of candidates) {
      expect(await count('billing.credit_ledger where user_id', candidate.id)).toBe(1);
      expect(await count('billing.subscriptions where user_id', candidate.id)).toBe(1);
      expect(await count('pipeline.application_stages where user_id', candidate.id)).toBe(7);
      expect(await count('assistant.career_profiles where user_id', candidate.id)).toBe(1);
    }
    for (const application of applications) {
      expect(await count('pipeline.applications where id', application)).toBe(1);
    }
  }, 180_000);

  it('split each consumer group’s partitions between the two instances', async () => {
    const kafka = new Kafka({ brokers: kafkaBrokers(), clientId: 'scale-observer', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groups = domains.filter((domain) => domain !== 'identity').map((domain) => `${namespace}.jobgraph.${domain}`);
      await eventually(async () => {
        const described = await admin.describeGroups(groups);
        return described.groups.every((group) => group.state === 'Stable' && group.members.length === 2);
      }, 60_000);
      const described = await admin.describeGroups(groups);
      for (const group of described.groups) {
        const clients = group.members.map((member) => member.clientId).sort();
        expect(clients, group.groupId).toEqual(['scale-a', 'scale-b']);
        for (const member of group.members) {
          const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
          const partitions = Object.values(assignment?.assignment ?? {}).flat();
          expect(partitions.length, `${group.groupId} ${member.clientId}`).toBeGreaterThan(0);
        }
      }
    } finally {
      await admin.disconnect();
    }
  }, 90_000);
});
