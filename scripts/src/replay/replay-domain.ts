import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { sql } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import { createKysely, type Domain } from '@jobgraph/db';
import { assistantHandlers } from '@jobgraph/assistant/events/handlers';
import { pipelineEventHandlers } from '@jobgraph/pipeline/events/handlers';
import { createEventConsumer, type EventTables, type EventTransport, type HandlerRegistration, type Logger } from '@jobgraph/kit';
import { subgraphModules } from '../subgraph-modules.ts';

/** A projection table, the columns that identify a row, and bookkeeping columns (when the row was written) left out of the comparison. */
export interface Projection {
  readonly table: string;
  readonly key: readonly string[];
  readonly written?: readonly string[];
}

/** What a domain rebuilds from other domains' events alone: tables no mutation writes. */
export const replayable: Partial<Record<Domain, { handlers: () => readonly HandlerRegistration<EventTables>[]; projections: readonly Projection[] }>> = {
  pipeline: {
    handlers: () => pipelineEventHandlers() as unknown as readonly HandlerRegistration<EventTables>[],
    projections: [
      { table: 'listing_ownership', key: ['job_listing_id'] },
      { table: 'company_members', key: ['company_id', 'user_id'] },
    ],
  },
  assistant: {
    handlers: () => assistantHandlers as unknown as readonly HandlerRegistration<EventTables>[],
    // `event_time` is the stream's; `created_at`/`updated_at` say when this copy was written.
    projections: [
      { table: 'listing_features', key: ['listing_id'], written: ['created_at', 'updated_at'] },
      { table: 'skill_vocabulary', key: ['tag'], written: ['updated_at'] },
      { table: 'application_owners', key: ['application_id'], written: ['created_at', 'updated_at'] },
    ],
  },
};

export interface ReplayOptions {
  readonly domain: Domain;
  /** Superuser URL of the database that holds the live domain schemas. */
  readonly adminUrl: string;
  readonly brokers: readonly string[];
  readonly namespace?: string;
  readonly transport: EventTransport;
  readonly logger: Logger;
  readonly timeoutMs?: number;
}

export interface ReplayReport {
  readonly events: number;
  readonly compared: Readonly<Record<string, number>>;
  /** One line per row that differs: missing from the replay, only in the replay, or changed. */
  readonly differences: readonly string[];
  /** Events the replayed handlers failed on (kept here, never sent to the live dead-letter topic). */
  readonly failures: readonly string[];
}

/**
 * Rebuilds `domain`'s projections from the beginning of the topics it consumes, into a
 * scratch schema migrated like the live one, with a consumer group of its own (the live
 * consumers keep running), then compares them row by row with the live tables once both
 * the replay and the live group have reached the offsets the topics had at the start.
 */
export async function replayDomain(options: ReplayOptions): Promise<ReplayReport> {
  const spec = replayable[options.domain];
  const module = subgraphModules.find((candidate) => candidate.name === options.domain);
  if (!spec || !module) throw new Error(`${options.domain} has no projections to replay (replayable: ${Object.keys(replayable).join(', ')})`);
  const prefix = options.namespace ? `${options.namespace}.` : '';
  const handlers = spec.handlers();
  const topics = [...new Set(handlers.map((registration) => registration.definition.topic))];
  const scratch = `replay_${options.domain}_${Date.now()}`;
  const admin = createKysely<unknown>({ url: options.adminUrl, maxConnections: 1 });
  const url = new URL(options.adminUrl);
  url.searchParams.set('options', `-c search_path=${scratch},public`);
  const db = createKysely<EventTables>({ url: url.toString(), maxConnections: 4, applicationName: 'jobgraph-replay' });
  const kafka = new Kafka({ clientId: 'jobgraph-replay', brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  const kafkaAdmin = kafka.admin();
  const failures: string[] = [];
  const replayDeadLetter = `${options.domain}.replay-failures`;
  try {
    await sql`create schema ${sql.id(scratch)}`.execute(admin);
    const migrated = await new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: module.migrationFolder }), migrationTableSchema: scratch }).migrateToLatest();
    if (migrated.error) throw new Error(`migrating the scratch schema failed: ${String(migrated.error)}`);

    await kafkaAdmin.connect();
    const ends = new Map<string, string>();
    for (const topic of topics) for (const partition of await kafkaAdmin.fetchTopicOffsets(prefix + topic)) ends.set(`${topic}:${partition.partition}`, partition.high);
    const reached = async (groupId: string) => {
      const committed = await kafkaAdmin.fetchOffsets({ groupId: prefix + groupId, topics: topics.map((topic) => prefix + topic) });
      return committed.every(({ topic, partitions }) =>
        partitions.every((p) => BigInt(p.offset === '-1' ? '0' : p.offset) >= BigInt(ends.get(`${topic.slice(prefix.length)}:${p.partition}`) ?? '0')),
      );
    };

    // Failures are reported, never sent to the live dead-letter topic.
    const transport: EventTransport = {
      ...options.transport,
      ensureTopics: async (wanted) => options.transport.ensureTopics(wanted.filter((topic) => topic !== replayDeadLetter)),
      publish: async (messages) => void failures.push(...messages.map((m) => `${m.headers['ce_type'] ?? '?'} ${m.key}: ${m.headers['x-error-message'] ?? ''}`)),
    };
    const groupId = `jobgraph.${options.domain}.replay-${Date.now()}`;
    const consumer = createEventConsumer({ db, transport, groupId, handlers, deadLetterTopic: replayDeadLetter, logger: options.logger, retry: { attempts: 2, initialDelayMs: 50, maxDelayMs: 200 } });
    await consumer.start();
    try {
      const deadline = Date.now() + (options.timeoutMs ?? 120_000);
      while (!((await reached(groupId)) && (await reached(`jobgraph.${options.domain}`)))) {
        if (Date.now() > deadline) throw new Error('the replay (or the live consumer group) did not reach the topics’ end offsets in time');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await consumer.stop();
    }
    const events = (await sql<{ n: number }>`select count(*)::int as n from inbox`.execute(db)).rows[0]?.n ?? 0;

    const differences: string[] = [];
    const compared: Record<string, number> = {};
    for (const projection of spec.projections) {
      const rows = async (schema: string) => {
        const result = await sql<{ row: Record<string, unknown> }>`select to_jsonb(t) as row from ${sql.id(schema, projection.table)} t`.execute(admin);
        const compared = (row: Record<string, unknown>) => Object.keys(row).filter((column) => !projection.written?.includes(column)).sort();
        return new Map(result.rows.map(({ row }) => [projection.key.map((column) => String(row[column])).join('/'), JSON.stringify(row, compared(row))]));
      };
      const live = await rows(options.domain);
      const replayed = await rows(scratch);
      compared[projection.table] = live.size;
      for (const [key, row] of live) {
        const again = replayed.get(key);
        if (again === undefined) differences.push(`${projection.table} ${key}: live only ${row}`);
        else if (again !== row) differences.push(`${projection.table} ${key}: live ${row} ≠ replayed ${again}`);
      }
      for (const [key, row] of replayed) if (!live.has(key)) differences.push(`${projection.table} ${key}: replay only ${row}`);
    }
    return { events, compared, differences, failures };
  } finally {
    await kafkaAdmin.disconnect().catch(() => {});
    await db.destroy();
    await sql`drop schema if exists ${sql.id(scratch)} cascade`.execute(admin);
    await admin.destroy();
  }
}

