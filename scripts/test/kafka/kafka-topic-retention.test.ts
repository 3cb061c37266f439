import { Kafka, logLevel, type Admin, type ConfigResourceTypes } from 'kafkajs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { appendToOutbox, createKafkaTransport, createLogger, defineEvent, pendingEvent, purgePublished, type EventTables } from '@jobgraph/kit';
import { eventually, scratchEventSchema } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';

const logger = createLogger('test', 'silent');
const namespace = `retention-${Date.now()}`;
const topicResource = 2 as ConfigResourceTypes;
const day = 86_400_000;

let admin: Admin;
let database: TestDatabase;
beforeAll(async () => {
  admin = new Kafka({ clientId: 'retention-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  database = await createTestDatabase();
});
afterAll(async () => {
  await admin?.disconnect();
  await database?.drop();
});

/** The broker's own answer for a topic's retention configs. */
async function configsOf(topic: string): Promise<Record<string, string>> {
  // Right after a topic is made, a broker may not answer for it yet.
  const described = await eventually(() => admin.describeConfigs({ includeSynonyms: false, resources: [{ type: topicResource, name: topic }] }), 30_000, 200);
  return Object.fromEntries((described.resources[0]?.configEntries ?? []).filter((e) => ['cleanup.policy', 'retention.ms', 'retention.bytes'].includes(e.configName)).map((e) => [e.configName, e.configValue]));
}

describe('topics the application creates (real broker)', () => {
  it('keep every record forever by default, dead-letter topics too, never the broker’s 7 days', async () => {
    const transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'retention', logger, namespace });
    await transport.ensureTopics(['identity.user.v1', 'identity.dead-letter.v1']);
    await transport.close();
    expect(await configsOf(`${namespace}.identity.user.v1`)).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' });
    expect(await configsOf(`${namespace}.identity.dead-letter.v1`)).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' });
  });

  it('take the retention from configuration, and compact the topics configured so', async () => {
    const transport = createKafkaTransport({
      brokers: kafkaBrokers(),
      clientId: 'retention',
      logger,
      namespace: `${namespace}-cfg`,
      topicPolicy: { retentionMs: 90 * day, deadLetterRetentionMs: 30 * day, compacted: ['catalog.job-listing.v1'] },
    });
    await transport.ensureTopics(['catalog.company.v1', 'catalog.job-listing.v1', 'catalog.dead-letter.v1']);
    await transport.close();
    expect(await configsOf(`${namespace}-cfg.catalog.company.v1`)).toMatchObject({ 'cleanup.policy': 'delete', 'retention.ms': String(90 * day) });
    expect(await configsOf(`${namespace}-cfg.catalog.dead-letter.v1`)).toMatchObject({ 'retention.ms': String(30 * day) });
    expect((await configsOf(`${namespace}-cfg.catalog.job-listing.v1`))['cleanup.policy']).toBe('compact');
  });

  it('bring a topic made earlier with the broker’s 7-day default back to the configured policy', async () => {
    const topic = `${namespace}-old.pipeline.task.v1`;
    await admin.createTopics({ waitForLeaders: false, topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: String(7 * day) }] }] });
    expect((await configsOf(topic))['retention.ms']).toBe(String(7 * day));
    const transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'retention', logger, namespace: `${namespace}-old` });
    await transport.ensureTopics(['pipeline.task.v1']);
    await transport.close();
    expect(await configsOf(topic)).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' });
  });
});

describe('the outbox purge', () => {
  it('never runs ahead of the broker: a published row goes after 7 days only if the broker keeps its record longer; an unpublished row never', async () => {
    const scratch = await scratchEventSchema(database);
    const db = scratch.db as unknown as Kysely<EventTables>;
    const happened = defineEvent<{ n: number }>()('jobgraph.test.a.happened.v1', { domain: 'test', topic: 'test.a.v1' });
    await scratch.db.transaction().execute((trx) => appendToOutbox(trx, [10, 20, 40].map((age) => pendingEvent(happened, `k-${age}`, { n: age }))));
    // Published `n` days ago.
    await sql`update outbox set published_at = now() - make_interval(days => (envelope->'data'->>'n')::int)`.execute(db);
    await scratch.db.transaction().execute((trx) => appendToOutbox(trx, [pendingEvent(happened, 'k-unpublished', { n: 400 })]));
    await sql`update outbox set created_at = now() - interval '400 days' where published_at is null`.execute(db);
    const left = async () => (await db.selectFrom('outbox').select('key').orderBy('seq').execute()).map((row) => row.key);

    // The broker keeps 30 days: the outbox keeps its rows as long, though its own horizon is 7 days.
    expect(await purgePublished(db, { retentionMs: 30 * day }, 7 * 24)).toBe(1);
    expect(await left()).toEqual(['k-10', 'k-20', 'k-unpublished']);
    // The broker keeps everything: the outbox's own 7 days apply.
    expect(await purgePublished(db, { retentionMs: -1 }, 7 * 24)).toBe(2);
    expect(await left()).toEqual(['k-unpublished']);
    await scratch.drop();
  });
});
