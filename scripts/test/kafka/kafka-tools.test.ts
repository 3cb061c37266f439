import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafkaTransport, createLogger, type EventTransport } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';

/** infra/kafka/kafka-tool.sh: the Kafka distribution's own tools, as an analyst runs them. */
const tool = fileURLToPath(new URL('../../../infra/kafka/kafka-tool.sh', import.meta.url));
const run = async (...args: string[]) => (await promisify(execFile)('bash', [tool, ...args], { env: { ...process.env, KAFKA_BROKERS: kafkaBrokers().join(',') }, timeout: 240_000, maxBuffer: 10_000_000 })).stdout;

const namespace = `tools-${Date.now()}`;
const topic = 'identity.user.v1';
const dlq = 'identity.dead-letter.v1';
const full = (name: string) => `${namespace}.${name}`;
let transport: EventTransport;
/** One key, so one partition: the group's committed offset and its lag are on one row. */
const message = (n: number) => ({ topic, key: 'user-1', value: JSON.stringify({ n }), headers: { ce_type: 'jobgraph.test.v1' } });

beforeAll(async () => {
  transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'tools-test', logger: createLogger('test', 'silent'), namespace });
  await transport.ensureTopics([topic, dlq]);
  await transport.publish([1, 2, 3].map(message));
  await transport.publish([{ topic: dlq, key: 'user-9', value: '{"n":9}', headers: { 'x-error-message': 'handler refused it', 'x-origin-topic': topic } }]);
  await run('fetch');
}, 600_000);
afterAll(async () => {
  await transport?.close();
});

describe('the Kafka command-line tools beside the broker (infra/kafka/kafka-tool.sh)', () => {
  it('lists topics, and shows their offsets and retention', async () => {
    expect((await run('topics', '--list')).split('\n')).toEqual(expect.arrayContaining([full(topic), full(dlq)]));
    const offsets = (await run('get-offsets', '--topic', full(topic))).trim().split('\n');
    expect(offsets.reduce((sum, line) => sum + Number(line.split(':')[2]), 0)).toBe(3);
    expect(await run('configs', '--describe', '--entity-type', 'topics', '--entity-name', full(topic))).toMatch(/retention\.ms=-1 /);
  }, 300_000);

  it('reads a dead-letter topic from the beginning with its error headers', async () => {
    const out = await run('console-consumer', '--topic', full(dlq), '--from-beginning', '--max-messages', '1', '--property', 'print.key=true', '--property', 'print.headers=true');
    expect(out).toContain('x-error-message:handler refused it');
    expect(out).toContain('user-9');
  }, 300_000);

  it('follows a consumer group’s lag', async () => {
    const seen: string[] = [];
    const reader = await transport.subscribe({ groupId: 'lagging', topics: [topic], handle: async (m) => void seen.push(m.key) });
    await eventually(async () => seen.length >= 3, 60_000);
    await reader.stop();
    await transport.publish([4, 5].map(message));
    const described = await run('consumer-groups', '--describe', '--group', full('lagging'));
    const rows = described.split('\n').filter((line) => line.startsWith(full('lagging')));
    expect(rows).toHaveLength(1);
    // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG …
    expect(rows[0]?.trim().split(/\s+/).slice(3, 6)).toEqual(['3', '5', '2']);
  }, 300_000);
});
