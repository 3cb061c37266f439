import { Kafka, logLevel, type ConfigResourceTypes, type EachBatchPayload, type EachMessagePayload, type KafkaMessage, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from '../logger.ts';
import { topicConfigEntries, type TopicPolicy } from './topic-policy.ts';
import { defaultMaxBatchSize, type DeliveredMessage, type EventTransport, type OutgoingMessage, type SubscribeOptions, type Subscription } from './transport.ts';

export interface KafkaTransportOptions {
  /** `host:port` list, e.g. from `KAFKA_BROKERS=127.0.0.1:9092`. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: Logger;
  /** Partitions for topics this transport creates. */
  readonly partitions?: number;
  /**
   * Prefixes every topic and consumer group (`<namespace>.identity.user.v1`), so that
   * several stacks (test runs, developers) can share one cluster without reading each
   * other's events. Consumers see the plain topic names.
   */
  readonly namespace?: string;
  /** Retention and cleanup of the topics this transport creates (default: keep forever). */
  readonly topicPolicy?: TopicPolicy;
}

/** How often a batch subscription commits its offsets (ms). */
const offsetCommitIntervalMs = 1_000;

/** `topicResource` (kafkajs does not export its enums to ESM importers by name). */
const topicResource = 2 as ConfigResourceTypes;

/** kafkajs's log levels mapped onto pino's. */
function logCreator(logger: Logger) {
  return () => (entry: LogEntry) => {
    const { message, ...rest } = entry.log;
    const fields = { kafka: entry.namespace, ...rest };
    // kafkajs logs retriable conditions (a coordinator still loading) as ERROR; it
    // retries them itself, and a real failure reaches us as a thrown error.
    if (entry.level === logLevel.ERROR || entry.level === logLevel.WARN) logger.warn(fields, message);
    else logger.debug(fields, message);
  };
}

/**
 * Kafka through kafkajs: an idempotent producer (acks from all in-sync replicas, one
 * request in flight so retries cannot reorder), topics created explicitly with broker
 * auto-creation off, and one consumer per subscription.
 */
export function createKafkaTransport(options: KafkaTransportOptions): EventTransport {
  const prefix = options.namespace ? `${options.namespace}.` : '';
  const external = (name: string) => prefix + name;
  const internal = (name: string) => (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name);
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logCreator: logCreator(options.logger.child({ component: 'kafka' })),
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    connectionTimeout: 3_000,
  });
  let producer: Promise<Producer> | undefined;
  const subscriptions = new Set<Subscription>();
  const policy = options.topicPolicy ?? { retentionMs: -1 };

  const connectedProducer = () => {
    producer ??= (async () => {
      const created = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      try {
        await created.connect();
      } catch (error) {
        producer = undefined;
        throw error;
      }
      return created;
    })();
    return producer;
  };

  return {
    kind: 'kafka',
    topicPolicy: policy,
    async ensureTopics(topics) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const wanted = [...new Set(topics.map(external))];
        const existing = new Set(await admin.listTopics());
        const configFor = (topic: string) => topicConfigEntries(policy, internal(topic));
        // Two services may create the same topic at once (a consumer ensures what it reads,
        // its publisher too), and a busy broker may answer the wait for leaders before its
        // metadata knows the new topic: look again, then retry what is still missing.
        for (let attempt = 1; ; attempt += 1) {
          const now = attempt === 1 ? existing : new Set(await admin.listTopics());
          const missing = wanted.filter((topic) => !now.has(topic));
          if (missing.length === 0) break;
          try {
            await admin.createTopics({
              waitForLeaders: true,
              topics: missing.map((topic) => ({ topic, numPartitions: options.partitions ?? 3, configEntries: configFor(topic) })),
            });
          } catch (error) {
            if (attempt >= 5) throw error;
            await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
          }
        }
        // A topic made before (by hand, or under another policy) is brought to the configured one.
        const present = wanted.filter((topic) => existing.has(topic));
        if (present.length > 0) {
          const described = await admin.describeConfigs({ includeSynonyms: false, resources: present.map((name) => ({ type: topicResource, name })) });
          const drifted = described.resources.filter((resource) =>
            configFor(resource.resourceName).some((entry) => resource.configEntries.find((e) => e.configName === entry.name)?.configValue !== entry.value),
          );
          if (drifted.length > 0) {
            await admin.alterConfigs({
              validateOnly: false,
              resources: drifted.map((resource) => ({ type: topicResource, name: resource.resourceName, configEntries: configFor(resource.resourceName) })),
            });
          }
        }
      } finally {
        await admin.disconnect();
      }
    },
    async publish(messages: readonly OutgoingMessage[]) {
      if (messages.length === 0) return;
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
      const ready = await connectedProducer();
      await ready.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic: external(topic),
          messages: list.map((message) => ({ key: message.key, value: message.value, headers: { ...message.headers } })),
        })),
      });
    },
    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      const consumer = kafka.consumer({
        groupId: external(subscription.groupId),
        allowAutoTopicCreation: false,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
      });
      await consumer.connect();
      await consumer.subscribe({ topics: subscription.topics.map(external), fromBeginning: true });
      const delivered = (topic: string, partition: number, message: KafkaMessage): DeliveredMessage => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
        }
        return { topic: internal(topic), partition, offset: message.offset, key: message.key?.toString('utf8') ?? '', value: message.value?.toString('utf8') ?? '', headers };
      };
      const handleBatch = subscription.handleBatch?.bind(subscription);
      const maxBatchSize = subscription.maxBatchSize ?? defaultMaxBatchSize;
      // Handled batches' offsets are committed a second later at most (and at stop), off the
      // batches' path: kafkajs 2.2.4 commits after every partition batch whatever
      // autoCommitInterval says, a broker round trip each that the next fetch waits for.
      // The inbox makes what was handled after the last commit harmless to get again (a
      // crash, a rebalance).
      let stopping = false;
      let inFlight = 0;
      let drained: (() => void) | null = null;
      let commitPending: (() => Promise<void>) | null = null;
      let commitTimer: NodeJS.Timeout | null = null;
      const commitLater = () => {
        commitTimer ??= setTimeout(() => {
          commitTimer = null;
          // A rebalance under way refuses it: the next batch's commit, or the next owner's, follows.
          void commitPending?.().catch((error: unknown) => options.logger.debug({ err: error }, 'offset commit refused; retried after the next batch'));
        }, offsetCommitIntervalMs);
        commitTimer.unref();
      };
      await consumer.run({
        // Partitions are independent; each one is still handled strictly in order.
        partitionsConsumedConcurrently: options.partitions ?? 3,
        ...(handleBatch
          ? {
              autoCommit: false,
              eachBatchAutoResolve: false,
              eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary, uncommittedOffsets }: EachBatchPayload) => {
                if (stopping) return;
                inFlight += 1;
                commitPending = async () => void (await commitOffsetsIfNecessary(uncommittedOffsets()));
                try {
                  const messages = batch.messages.map((message) => delivered(batch.topic, batch.partition, message));
                  for (let from = 0; from < messages.length; from += maxBatchSize) {
                    // Stopping, or a rebalance took the partition: what is unresolved is redelivered.
                    if (!isRunning() || isStale() || stopping) return;
                    const chunk = messages.slice(from, from + maxBatchSize);
                    await handleBatch(chunk);
                    resolveOffset(chunk.at(-1)?.offset ?? batch.lastOffset());
                    commitLater();
                    await heartbeat();
                  }
                } finally {
                  inFlight -= 1;
                  if (inFlight === 0) drained?.();
                }
              },
            }
          : {
              eachMessage: async ({ topic, partition, message }: EachMessagePayload) => subscription.handle(delivered(topic, partition, message)),
            }),
      });
      const running: Subscription = {
        async stop() {
          if (!subscriptions.delete(running)) return;
          if (handleBatch) {
            // No new batch starts; the ones running finish; what they handled is committed.
            stopping = true;
            if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
            if (commitTimer) clearTimeout(commitTimer);
            await commitPending?.().catch((error: unknown) => options.logger.warn({ err: error }, 'offsets not committed at stop; the inbox absorbs their redelivery'));
          }
          await consumer.disconnect();
        },
      };
      subscriptions.add(running);
      return running;
    },
    async close() {
      await Promise.allSettled([...subscriptions].map((subscription) => subscription.stop()));
      if (producer) await (await producer.catch(() => null))?.disconnect();
      producer = undefined;
    },
  };
}
