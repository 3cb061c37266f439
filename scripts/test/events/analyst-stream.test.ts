import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, type ConfigResourceTypes, type KafkaMessage } from 'kafkajs';
import { sql } from 'kysely';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createKysely, domains } from '@jobgraph/db';
import { createKafkaTransport, createLogger, type CloudEvent } from '@jobgraph/kit';
import { emailPattern, eventSchemaDir, eventually, loadEventContracts } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf } from '../e2e/graphql-client.ts';
import { apply, createCompany, move, postJob, updateProfile } from '../e2e/operations.ts';
import { useStory } from '../e2e/story.ts';
import { replayDomain } from '../../src/replay/replay-domain.ts';

/**
 * The stream as an analyst reads it: the whole stack on the real broker in a namespace of
 * its own, a realistic run of calls through the gateway, then every record read back
 * from the beginning of every declared topic and held against the AsyncAPI document.
 */
const namespace = `analyst-${crypto.randomUUID().slice(0, 8)}`;
const story = useStory({ events: () => createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'analyst-e2e', logger: createLogger('kafka', 'silent'), namespace }) });

interface Channel {
  address: string;
  description: string;
  messages?: Record<string, { $ref: string }>;
}
const asyncapi = parse(readFileSync(path.join(eventSchemaDir, 'asyncapi.yaml'), 'utf8')) as { channels: Record<string, Channel>; components: { messages: Record<string, { name: string }> } };
const channels = Object.values(asyncapi.channels);
const channelOfType = new Map(channels.flatMap((channel) => Object.values(channel.messages ?? {}).map((ref) => [asyncapi.components.messages[ref.$ref.split('/').at(-1) ?? '']?.name ?? '', channel.address] as const)));
/**
 * The data field the documented key is: "Key: application id." → `applicationId`, or the path
 * a description names, "Key: account id (data.account.id)" → `account.id`.
 */
const keyFieldOf = (channel: Channel) => {
  const explicit = /Key: [^(.]*\(data\.([\w.]+)/.exec(channel.description)?.[1];
  if (explicit) return explicit;
  const words = /Key: ([a-z ]+) id\b/.exec(channel.description)?.[1]?.split(' ') ?? [];
  return words.map((word, i) => (i === 0 ? word : word[0]?.toUpperCase() + word.slice(1))).join('') + 'Id';
};
const valueAt = (data: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), data);

let replayFrom: { jobs: string[] } | null = null;
const kafka = new Kafka({ clientId: 'analyst', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });

async function readAll(topics: readonly string[], expected: number): Promise<{ topic: string; message: KafkaMessage }[]> {
  const consumer = kafka.consumer({ groupId: `${namespace}.analyst-${Date.now()}` });
  const records: { topic: string; message: KafkaMessage }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map((topic) => `${namespace}.${topic}`), fromBeginning: true });
  await consumer.run({ eachMessage: async ({ topic, message }) => void records.push({ topic: topic.slice(namespace.length + 1), message }) });
  try {
    await eventually(async () => records.length >= expected, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return records;
  } finally {
    await consumer.disconnect();
  }
}

const profilesOf = async (userId: string) => {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    return (await sql<{ n: number }>`select count(*)::int as n from assistant.career_profiles where user_id = ${userId}::uuid`.execute(db)).rows[0]?.n ?? 0;
  } finally {
    await db.destroy();
  }
};

const outboxTotal = async () => {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    let total = 0;
    for (const domain of domains) {
      const rows = await sql<{ n: number; open: number }>`select count(*)::int as n, count(*) filter (where published_at is null)::int as open from ${sql.table(`${domain}.outbox`)}`.execute(db);
      if ((rows.rows[0]?.open ?? 1) > 0) return null;
      total += rows.rows[0]?.n ?? 0;
    }
    return total;
  } finally {
    await db.destroy();
  }
};

describe('the event stream, read as an analyst reads it (real broker)', () => {
  it('has every declared topic after start-up, each kept forever', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = channels.map((channel) => `${namespace}.${channel.address}`).filter((topic) => !existing.has(topic));
      expect(missing).toEqual([]);
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: channels.map((channel) => ({ type: 2 as ConfigResourceTypes, name: `${namespace}.${channel.address}` })) });
      for (const resource of described.resources) {
        expect(resource.configEntries.find((entry) => entry.configName === 'retention.ms')?.configValue, resource.resourceName).toBe('-1');
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('carries every change of a realistic run on its documented channel, key and headers, valid and free of personal data', async () => {
    const erin = await story().employer('Erin Analyst');
    const company = dataOf(await erin.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: 'Stream Works' } })).createCompany.company.id;
    dataOf(await erin.request('mutation ($i: UpdateCompanyInput!) { updateCompany(input: $i) { errors { code } } }', { i: { id: company, name: 'Stream Works Two', website: 'https://stream.example' } }));
    const job = dataOf(
      await erin.request<{ createJobListing: { jobListing: { id: string } } }>(postJob, {
        input: { companyId: company, title: 'Data Analyst', description: 'Reads the stream.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', tags: ['kafka'], publish: true },
      }),
    ).createJobListing.jobListing.id;
    const ada = await story().candidate('Ada Analyst');
    // The assistant opens the profile when UserRegistered arrives; an update before that would
    // open it itself (CareerProfileCreated), and the run would show no CareerProfileUpdated.
    await eventually(async () => (await profilesOf(ada.id)) === 1, 30_000);
    dataOf(await ada.request(updateProfile, { input: { headline: 'Analyst', skills: ['sql', 'kafka'] } }));
    await eventually(async () => (await ada.request<{ job: { id: string } | null }>('query ($id: UUID!) { job(id: $id) { id } }', { id: job })).data?.job);
    const applied = dataOf(await ada.request<{ createApplication: { application: { id: string } } }>(apply, { input: { jobId: job } })).createApplication.application.id;
    const stages = dataOf(await ada.request<{ viewer: { applicationStages: { id: string; kind: string }[] } }>('{ viewer { applicationStages { id kind } } }'));
    dataOf(await ada.request(move, { input: { applicationId: applied, stageId: stages.viewer.applicationStages.find((stage) => stage.kind === 'INTERVIEW')?.id } }));
    const task = await eventually(async () => (await ada.request<{ viewer: { tasks: { edges: { node: { id: string } }[] } } }>('{ viewer { tasks(first: 5) { edges { node { id } } } } }')).data?.viewer.tasks.edges[0]?.node.id, 30_000);
    dataOf(await ada.request('mutation ($id: UUID!) { completeTask(input: { taskId: $id }) { errors { code } } }', { id: task }));

    const total = await eventually(outboxTotal, 30_000);
    const records = await readAll(channels.filter((channel) => channel.messages).map((channel) => channel.address), total);
    expect(records).toHaveLength(total);
    const contracts = loadEventContracts();
    const seen = new Set<string>();
    for (const { topic, message } of records) {
      const value = message.value?.toString('utf8') ?? '';
      const event = JSON.parse(value) as CloudEvent<string, Record<string, unknown>>;
      seen.add(event.type);
      const where = `${event.type} on ${topic}`;
      expect(topic, where).toBe(channelOfType.get(event.type));
      expect(message.key?.toString('utf8'), where).toBe(event.subject);
      const channel = channels.find((c) => c.address === topic);
      expect(valueAt(event.data, keyFieldOf(channel as Channel)), `${where}: key is the documented ${keyFieldOf(channel as Channel)}`).toBe(event.subject);
      expect(Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)])), where).toEqual({
        ce_id: event.id,
        ce_type: event.type,
        'content-type': 'application/cloudevents+json; charset=utf-8',
      });
      expect(contracts.validate(event), where).toEqual([]);
      expect(value, where).not.toMatch(emailPattern);
    }
    replayFrom = { jobs: [job] };
    for (const type of ['jobgraph.catalog.company.updated.v1', 'jobgraph.pipeline.task.completed.v1', 'jobgraph.assistant.career-profile.updated.v1', 'jobgraph.pipeline.application.stage-changed.v1']) expect(seen).toContain(type);
  }, 180_000);

  it('rebuilds pipeline’s and assistant’s projections from the beginning of the stream, while the live consumers run, and finds them equal', async () => {
    expect(replayFrom?.jobs.length).toBe(1);
    const erin = await story().employer('Erin Replay');
    const company = dataOf(await erin.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: 'Replay Works' } })).createCompany.company.id;
    // Live traffic goes on while the replays run.
    const posting = (async () => {
      for (let n = 0; n < 3; n += 1) {
        await erin.request(postJob, { input: { companyId: company, title: `Replay ${n}`, description: 'Posted during a replay.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', tags: [], publish: true } });
      }
    })();
    const transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'replay-e2e', logger: createLogger('kafka', 'silent'), namespace });
    try {
      for (const domain of ['pipeline', 'assistant'] as const) {
        const report = await replayDomain({ domain, adminUrl: story().database.adminUrl, brokers: kafkaBrokers(), namespace, transport, logger: createLogger('replay', 'silent') });
        expect(report.events, domain).toBeGreaterThan(0);
        expect(Object.values(report.compared).reduce((a, b) => a + b, 0), domain).toBeGreaterThan(0);
        expect(report.differences, domain).toEqual([]);
      }
      await posting;
      // Once the postings are in, a replay sees them too, and still agrees.
      const again = await replayDomain({ domain: 'assistant', adminUrl: story().database.adminUrl, brokers: kafkaBrokers(), namespace, transport, logger: createLogger('replay', 'silent') });
      expect(again.differences).toEqual([]);
      expect(again.compared.listing_features).toBeGreaterThanOrEqual(4);
    } finally {
      await posting.catch(() => {});
      await transport.close();
    }
  }, 300_000);
});
