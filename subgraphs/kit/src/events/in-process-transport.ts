import type { Logger } from '../logger.ts';
import { foreverTopicPolicy } from './topic-policy.ts';
import { defaultMaxBatchSize, type DeliveredMessage, type EventTransport, type OutgoingMessage, type SubscribeOptions, type Subscription } from './transport.ts';

interface Group {
  readonly topics: ReadonlySet<string>;
  readonly handle: (messages: readonly DeliveredMessage[]) => Promise<void>;
  readonly maxBatchSize: number;
  /** Next offset to deliver, per topic. */
  readonly offsets: Map<string, number>;
  running: boolean;
  draining: Promise<void> | null;
}

/**
 * Kafka's contract in one process, for `pnpm dev` without a broker: an append-only log
 * per topic (one partition, so every key keeps its order), consumer groups that read
 * from the beginning at their own pace, at-least-once delivery. Nothing survives a
 * restart; the outbox does, and the inbox keeps redelivery harmless.
 */
export function createInProcessTransport(logger: Logger): EventTransport {
  const logs = new Map<string, DeliveredMessage[]>();
  const groups = new Map<string, Group>();

  const drain = (group: Group): Promise<void> => {
    group.draining ??= (async () => {
      let delivered = true;
      while (group.running && delivered) {
        delivered = false;
        for (const topic of group.topics) {
          const log = logs.get(topic) ?? [];
          const next = group.offsets.get(topic) ?? 0;
          const messages = log.slice(next, next + group.maxBatchSize);
          if (messages.length === 0) continue;
          try {
            await group.handle(messages);
          } catch (error) {
            // The consumer runner dead-letters failures itself; reaching here is a bug in it.
            logger.error({ err: error, topic, offset: messages[0]?.offset }, 'in-process handler threw; skipping messages');
          }
          group.offsets.set(topic, next + messages.length);
          delivered = true;
        }
      }
    })().finally(() => {
      group.draining = null;
    });
    return group.draining;
  };

  return {
    kind: 'in-process',
    topicPolicy: foreverTopicPolicy,
    async ensureTopics(topics) {
      for (const topic of topics) if (!logs.has(topic)) logs.set(topic, []);
    },
    async publish(messages: readonly OutgoingMessage[]) {
      for (const message of messages) {
        const log = logs.get(message.topic);
        if (!log) throw new Error(`topic ${message.topic} does not exist (topics are created explicitly)`);
        log.push({ ...message, partition: 0, offset: String(log.length) });
      }
      const touched = new Set(messages.map((message) => message.topic));
      for (const group of groups.values()) {
        if ([...touched].some((topic) => group.topics.has(topic))) void drain(group);
      }
    },
    async subscribe(options: SubscribeOptions): Promise<Subscription> {
      if (groups.has(options.groupId)) throw new Error(`group ${options.groupId} already has a member in this process`);
      const { handleBatch } = options;
      const group: Group = {
        topics: new Set(options.topics),
        handle: handleBatch
          ? (messages) => handleBatch.call(options, messages)
          : async (messages) => {
              for (const message of messages) await options.handle(message);
            },
        maxBatchSize: handleBatch ? (options.maxBatchSize ?? defaultMaxBatchSize) : 1,
        offsets: new Map(),
        running: true,
        draining: null,
      };
      groups.set(options.groupId, group);
      void drain(group);
      return {
        async stop() {
          group.running = false;
          await group.draining;
          groups.delete(options.groupId);
        },
      };
    },
    async close() {
      for (const group of groups.values()) group.running = false;
      await Promise.all([...groups.values()].map((group) => group.draining));
      groups.clear();
    },
  };
}
