import { createInProcessTransport, createKafkaTransport, parseEnv, topicPolicyEnv, topicPolicyFrom, type EventTransport, type Logger } from '@jobgraph/kit';

/**
 * Kafka when `KAFKA_BROKERS` names brokers; else the in-process transport (embedded mode).
 * Topic retention comes from `KAFKA_TOPIC_RETENTION_MS` (default -1: forever),
 * `KAFKA_DEAD_LETTER_RETENTION_MS` and `KAFKA_COMPACTED_TOPICS`.
 */
export function eventTransportFromEnv(logger: Logger, env: NodeJS.ProcessEnv = process.env): EventTransport {
  const brokers = env.KAFKA_BROKERS?.split(',').map((broker) => broker.trim()).filter(Boolean) ?? [];
  if (brokers.length === 0) return createInProcessTransport(logger);
  const topicPolicy = topicPolicyFrom(parseEnv(topicPolicyEnv, env));
  return createKafkaTransport({ brokers, clientId: 'jobgraph', logger, topicPolicy, ...(env.KAFKA_NAMESPACE ? { namespace: env.KAFKA_NAMESPACE } : {}) });
}
