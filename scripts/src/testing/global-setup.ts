import type { TestProject } from 'vitest/node';
import { startTestCluster } from '@jobgraph/db/testing';
import { migrateAll } from '../migrate-all.ts';
import { dockerAvailable } from './docker.ts';
import { startTestKafka, type TestKafka } from './test-kafka.ts';
import { startTestSmtp, type TestSmtp } from './test-smtp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    smtpUrl: string;
    mailWebUrl: string;
  }
}

/**
 * One PostgreSQL server with a migrated template database, and one Kafka broker, for
 * the whole run. Kafka starts only when a test file that needs it is selected.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await postgresContainerIfDocker();
  const [cluster, kafka, smtp] = await Promise.all([startTestCluster((templateUrl) => migrateAll(templateUrl)), kafkaIfSelected(), smtpIfSelected()]);
  project.provide('smtpUrl', smtp?.smtpUrl ?? '');
  project.provide('mailWebUrl', smtp?.mailWebUrl ?? '');
  if (smtp) console.log(`SMTP for tests: ${smtp.smtpUrl}, inbox ${smtp.mailWebUrl} (${smtp.source})`);
  project.provide('jobgraphDatabase', { adminUrl: cluster.adminUrl, templateDatabase: cluster.templateDatabase });
  project.provide('kafkaBrokers', kafka?.brokers ?? '');
  if (kafka) console.log(`Kafka for tests: ${kafka.brokers} (${kafka.source})`);
  return async () => {
    await kafka?.stop();
    await smtp?.stop();
    await cluster.stop();
    await postgres?.stop();
  };
}

/** Starting a broker costs seconds; a run filtered to files that never touch Kafka skips it. */
async function kafkaIfSelected(): Promise<TestKafka | null> {
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && arg !== 'run' && !arg.endsWith('vitest'));
  if (filters.length > 0 && !filters.some((filter) => /kafka|e2e|events|scripts/.test(filter))) return null;
  return startTestKafka();
}

/** An SMTP server (maildev) only when a selected file may send mail: identity's and the end-to-end ones. */
async function smtpIfSelected(): Promise<TestSmtp | null> {
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && arg !== 'run' && !arg.endsWith('vitest'));
  if (filters.length > 0 && !filters.some((filter) => /identity|mail|e2e|scripts|subgraphs\/?$/.test(filter))) return null;
  return startTestSmtp();
}

/** Without DATABASE_URL, a Postgres container when Docker runs; otherwise the embedded server is used. */
async function postgresContainerIfDocker(): Promise<{ stop(): Promise<unknown> } | null> {
  if (process.env.DATABASE_URL || !(await dockerAvailable())) return null;
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:18').start();
  process.env.DATABASE_URL = container.getConnectionUri();
  return container;
}
