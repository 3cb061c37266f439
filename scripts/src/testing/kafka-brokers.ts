import { inject } from 'vitest';

/** The run's Kafka brokers. A test that needs Kafka fails here, never skips, when there is none. */
export function kafkaBrokers(): string[] {
  const brokers = inject('kafkaBrokers');
  if (!brokers) throw new Error('This test needs Kafka, and the run started none (its file filter did not look like a Kafka test). Run it by path, or set KAFKA_BROKERS.');
  return brokers.split(',');
}
