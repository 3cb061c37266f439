import { createInProcessTransport, createKafkaTransport, type EventTransport, type Logger } from '@jobgraph/kit';

/** Kafka when `KAFKA_BROKERS` names brokers; else the in-process transport (embedded mode). */
export function eventTransportFromEnv(logger: Logger, env: NodeJS.ProcessEnv = process.env): EventTransport {
  const brokers = env.KAFKA_BROKERS?.split(',').map((broker) => broker.trim()).filter(Boolean) ?? [];
  if (brokers.length === 0) return createInProcessTransport(logger);
  return createKafkaTransport({ brokers, clientId: 'jobgraph', logger, ...(env.KAFKA_NAMESPACE ? { namespace: env.KAFKA_NAMESPACE } : {}) });
}
