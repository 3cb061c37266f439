import { PgBoss } from 'pg-boss';
import type { Logger } from '../logger.ts';

/**
 * Work a domain runs on a schedule (a purge, reminders) or on demand. `run` gets the job's
 * data; it must be safe to run again after a crash mid-way (the queue retries), but it is
 * never run twice for one job: the queue hands each job to one worker of one instance.
 */
export interface JobDefinition {
  /** The queue's name: letters, digits, `-`, `_`, `.`. */
  readonly name: string;
  /** A cron expression in UTC (`0 3 * * *`); none for a job only sent on demand. */
  readonly cron?: string;
  run(data: Readonly<Record<string, unknown>>): Promise<void>;
}

export interface JobQueueOptions {
  /** Signed in as the domain's role; the queue's tables live in `schema`, the domain's own. */
  readonly databaseUrl: string;
  readonly schema: string;
  readonly jobs: readonly JobDefinition[];
  readonly logger: Logger;
  /** How often an idle worker looks for work (seconds, at least 0.5); LISTEN/NOTIFY wakes it sooner. */
  readonly pollingIntervalSeconds?: number;
}

export interface SendJobOptions {
  /**
   * At most one job per key and time slot of `singletonSeconds` (a day by default): a
   * second send in the same slot is dropped and answers null, whichever instance sends it.
   * pg-boss's cron uses the same mechanism for its occurrences.
   */
  readonly singletonKey?: string;
  readonly singletonSeconds?: number;
  readonly startAfter?: Date;
}

export interface JobQueue {
  /** Queues a job for `name`; answers its id, or null when `singletonKey` found one already. */
  send(name: string, data?: Readonly<Record<string, unknown>>, options?: SendJobOptions): Promise<string | null>;
  /** Stops taking work, waits for running jobs (up to `timeoutMs`), closes the pool. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * A Postgres-backed job queue (pg-boss) for one domain, in the domain's own schema, so
 * no domain needs rights beyond its schema (`createSchema: false`; pg-boss installs and
 * migrates its tables there itself, under an advisory lock). Every instance of the
 * subgraph starts one: cron occurrences become one job each (pg-boss keys them by time
 * slot), and a job is claimed by exactly one worker with `FOR UPDATE SKIP LOCKED`, so two
 * instances never run the same job twice.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const logger = options.logger.child({ component: 'job-queue', schema: options.schema });
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: options.schema,
    createSchema: false,
    application_name: `jobgraph-${options.schema}-jobs`,
    max: 3,
  });
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  try {
    for (const job of options.jobs) {
      await boss.createQueue(job.name, { policy: 'standard', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 15 * 60 });
      await boss.work<Record<string, unknown>>(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5, batchSize: 1 }, async ([claimed]) => {
        if (!claimed) return;
        const started = Date.now();
        await job.run(claimed.data ?? {});
        logger.info({ job: job.name, id: claimed.id, ms: Date.now() - started }, 'job done');
      });
      if (job.cron) await boss.schedule(job.name, job.cron, null, { tz: 'UTC' });
    }
  } catch (error) {
    await boss.stop({ graceful: false, close: true });
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    send: (name, data = {}, sendOptions = {}) =>
      boss.send(
        name,
        { ...data },
        {
          ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey, singletonSeconds: sendOptions.singletonSeconds ?? 86_400 } : {}),
          ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        },
      ),
    stop(timeoutMs = 10_000) {
      stopping ??= boss.stop({ graceful: true, close: true, timeout: timeoutMs });
      return stopping;
    },
  };
}
