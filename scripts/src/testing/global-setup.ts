import type { TestProject } from 'vitest/node';
import { EmbeddedPostgresAccessError } from '@jobgraph/db';
import { startTestCluster } from '@jobgraph/db/testing';
import { migrateAll } from '../migrate-all.ts';
import { dockerAvailable } from './docker.ts';
import { startTestKafka, type TestKafka } from './test-kafka.ts';
import { startTestS3, type TestS3 } from './test-s3.ts';
import { startTestStripe } from './test-stripe.ts';
import { startTestRedis } from './test-redis.ts';
import { startTestSmtp, type TestSmtp } from './test-smtp.ts';
import { testChromiumPath } from './test-chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    stripeApiBase: string;
    s3: string;
    redisUrl: string;
    smtpUrl: string;
    mailWebUrl: string;
    chromiumPath: string;
  }
}

/**
 * One PostgreSQL server with a migrated template database, and one Kafka broker, for
 * the whole run. Kafka starts only when a test file that needs it is selected.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await postgresContainerIfDocker();
  const [cluster, kafka, stripe, s3, smtp] = await Promise.all([
    startTestCluster((templateUrl) => migrateAll(templateUrl)).catch(explainAccessProblem),
    kafkaIfSelected(),
    startTestStripe(),
    s3IfSelected(),
    smtpIfSelected(),
  ]);
  project.provide('stripeApiBase', stripe.apiBase);
  project.provide('s3', s3?.connection ?? '');
  project.provide('smtpUrl', smtp?.smtpUrl ?? '');
  project.provide('mailWebUrl', smtp?.mailWebUrl ?? '');
  if (smtp) console.log(`SMTP for tests: ${smtp.smtpUrl}, inbox ${smtp.mailWebUrl} (${smtp.source})`);
  project.provide('jobgraphDatabase', { adminUrl: cluster.adminUrl, templateDatabase: cluster.templateDatabase });
  project.provide('kafkaBrokers', kafka?.brokers ?? '');
  if (kafka) console.log(`Kafka for tests: ${kafka.brokers} (${kafka.source})`);
  const redis = await startTestRedis(); // the gateway's shared rate-limit buckets (infra/redis)
  project.provide('redisUrl', redis.url);
  project.provide('chromiumPath', selected(/graphiql|browser|gateway|e2e|scripts/) ? await testChromiumPath() : ''); // GraphiQL in a real browser (infra/chromium)
  return async () => {
    await redis.stop();
    await kafka?.stop();
    await stripe.stop();
    await s3?.stop();
    await smtp?.stop();
    await cluster.stop();
    await postgres?.stop();
  };
}

/** A root user in a private folder reads one sentence saying what to do, not a library's stack trace. */
function explainAccessProblem(error: unknown): never {
  if (error instanceof EmbeddedPostgresAccessError) {
    process.stderr.write(`\n${error.message}\n\n`);
    throw new Error(error.message);
  }
  throw error;
}

/** Whether the run is unfiltered, or one of its file filters matches `pattern`. */
function selected(pattern: RegExp): boolean {
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && arg !== 'run' && !arg.endsWith('vitest'));
  return filters.length === 0 || filters.some((filter) => pattern.test(filter));
}

/** Starting a broker costs seconds; a run filtered to files that never touch Kafka skips it. */
async function kafkaIfSelected(): Promise<TestKafka | null> {
  if (!selected(/kafka|e2e|events|scripts/)) return null;
  return startTestKafka();
}

/** Likewise for the S3-compatible server: only when a blob-store test may run. */
async function s3IfSelected(): Promise<TestS3 | null> {
  if (!selected(/blob|s3|kit|e2e|assistant|scripts/)) return null;
  return startTestS3();
}

/** An SMTP server (maildev) only when a selected file may send mail: identity's and the end-to-end ones. */
async function smtpIfSelected(): Promise<TestSmtp | null> {
  if (!selected(/identity|mail|e2e|scripts|subgraphs\/?$/)) return null;
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
