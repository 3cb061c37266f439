import { z } from 'zod';

/**
 * How long the broker keeps each topic's records. Domain event topics are the
 * analysts' history, so the default keeps every record forever (`retention.ms=-1`,
 * `cleanup.policy=delete`); a topic named in `compacted` keeps the latest record per
 * key forever instead (`cleanup.policy=compact`), for snapshot-style streams.
 * Topics are created by the application with this policy; the broker's defaults
 * (7 days) never apply.
 */
export interface TopicPolicy {
  /** `retention.ms` of event topics; -1 keeps every record. */
  readonly retentionMs: number;
  /** `retention.ms` of `*.dead-letter.v1` topics; defaults to `retentionMs`. */
  readonly deadLetterRetentionMs?: number;
  /** Plain topic names kept log-compacted. */
  readonly compacted?: readonly string[];
}

export const foreverTopicPolicy: TopicPolicy = { retentionMs: -1 };

export const isDeadLetterTopic = (topic: string) => topic.endsWith('.dead-letter.v1');

/** The topic-level configs a topic is created (or brought back) with. */
export function topicConfigEntries(policy: TopicPolicy, topic: string): { name: string; value: string }[] {
  if (policy.compacted?.includes(topic)) return [{ name: 'cleanup.policy', value: 'compact' }];
  const retention = isDeadLetterTopic(topic) ? (policy.deadLetterRetentionMs ?? policy.retentionMs) : policy.retentionMs;
  return [
    { name: 'cleanup.policy', value: 'delete' },
    { name: 'retention.ms', value: String(retention) },
    // Size never limits the history; only time does, when configured.
    { name: 'retention.bytes', value: '-1' },
  ];
}

/** How long the broker keeps a topic's records, in ms; `Infinity` when forever (or compacted: the latest per key). */
export function brokerRetentionMs(policy: TopicPolicy, topic: string): number {
  if (policy.compacted?.includes(topic)) return Infinity;
  const retention = isDeadLetterTopic(topic) ? (policy.deadLetterRetentionMs ?? policy.retentionMs) : policy.retentionMs;
  return retention < 0 ? Infinity : retention;
}

const retention = z.coerce.number().int().min(-1, 'must be -1 (forever) or a number of milliseconds');

/** `KAFKA_TOPIC_RETENTION_MS`, `KAFKA_DEAD_LETTER_RETENTION_MS`, `KAFKA_COMPACTED_TOPICS` (comma-separated). */
export const topicPolicyEnv = z.object({
  KAFKA_TOPIC_RETENTION_MS: retention.default(-1),
  KAFKA_DEAD_LETTER_RETENTION_MS: retention.optional(),
  KAFKA_COMPACTED_TOPICS: z.string().optional(),
});

export function topicPolicyFrom(env: z.infer<typeof topicPolicyEnv>): TopicPolicy {
  const compacted = (env.KAFKA_COMPACTED_TOPICS ?? '').split(',').map((topic) => topic.trim()).filter(Boolean);
  return {
    retentionMs: env.KAFKA_TOPIC_RETENTION_MS,
    ...(env.KAFKA_DEAD_LETTER_RETENTION_MS !== undefined ? { deadLetterRetentionMs: env.KAFKA_DEAD_LETTER_RETENTION_MS } : {}),
    ...(compacted.length > 0 ? { compacted } : {}),
  };
}
