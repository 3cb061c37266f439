import type { TopicPolicy } from './topic-policy.ts';

/** One message as it travels: the key keeps an aggregate's events on one partition, in order. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface DeliveredMessage extends OutgoingMessage {
  readonly partition: number;
  readonly offset: string;
}

export interface SubscribeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Called once per message, in order per partition; the offset advances when it resolves. */
  handle(message: DeliveredMessage): Promise<void>;
  /**
   * When given, called instead of `handle` with consecutive messages of one partition
   * (at most `maxBatchSize`), in order; the offset advances past the last one when it
   * resolves. Partitions are handled concurrently, each strictly in order.
   */
  handleBatch?(messages: readonly DeliveredMessage[]): Promise<void>;
  readonly maxBatchSize?: number;
}

/** Messages handed to one `handleBatch` call when the subscriber names no size. */
export const defaultMaxBatchSize = 500;

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * What the outbox relay and the consumers need from a broker. Kafka is the production
 * transport; the in-process one serves `pnpm dev` without a broker. kafkajs stays
 * behind this one interface so the client can be swapped.
 */
export interface EventTransport {
  readonly kind: 'kafka' | 'in-process';
  /** Retention of the topics it creates; the outbox purge never runs ahead of it. */
  readonly topicPolicy: TopicPolicy;
  /** Creates missing topics, and brings existing ones to `topicPolicy`. */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /** Resolves when every message is durably accepted (Kafka: acks from all in-sync replicas). */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
