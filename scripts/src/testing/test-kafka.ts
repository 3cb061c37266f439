import { startKafkaBrokerProcess } from './kafka-broker-process.ts';
import { dockerAvailable } from './docker.ts';

export interface TestKafka {
  readonly brokers: string;
  readonly source: 'KAFKA_BROKERS' | 'testcontainers' | 'infra/kafka/broker.sh';
  stop(): Promise<void>;
}

/**
 * The broker the test run uses: `KAFKA_BROKERS` when set (CI starts one), else a
 * container when Docker runs, else a broker process from infra/kafka. Never "none":
 * a test that needs Kafka fails rather than skips.
 */
export async function startTestKafka(): Promise<TestKafka> {
  const given = process.env.KAFKA_BROKERS;
  if (given) return { brokers: given, source: 'KAFKA_BROKERS', stop: async () => {} };
  if (await dockerAvailable()) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer('apache/kafka:4.3.1').withKraft().start();
    return { brokers: `${container.getHost()}:${container.getMappedPort(9093)}`, source: 'testcontainers', stop: async () => void (await container.stop()) };
  }
  const broker = await startKafkaBrokerProcess();
  return { brokers: broker.brokers, source: 'infra/kafka/broker.sh', stop: () => broker.stop() };
}
