import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createKysely, provisionDomains, startEmbeddedPostgres, withDatabase } from '@jobgraph/db';
import { migrateAll } from './migrate-all.ts';

export const embeddedDataDir = fileURLToPath(new URL('../../.data/postgres', import.meta.url));
export const embeddedPort = 5433;
const databaseName = 'jobgraph';

export interface LocalDatabase {
  /** Superuser URL of the `jobgraph` database. */
  readonly adminUrl: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; else the embedded PostgreSQL kept in `.data/postgres`
 * (git-ignored) on port 5433. Either way the domains are provisioned and migrated.
 */
export async function openLocalDatabase(onStep: (step: string) => void = () => {}): Promise<LocalDatabase> {
  const external = process.env.DATABASE_URL;
  let adminUrl: string;
  let stop = async () => {};
  if (external) {
    adminUrl = external;
    onStep(`using DATABASE_URL (${new URL(external).host})`);
  } else {
    onStep(`starting embedded PostgreSQL in ${path.relative(process.cwd(), embeddedDataDir) || embeddedDataDir}`);
    const server = await startEmbeddedPostgres({ dataDir: embeddedDataDir, port: embeddedPort, persistent: true });
    const admin = createKysely<unknown>({ url: server.adminUrl, maxConnections: 1 });
    try {
      const exists = await sql<{ found: boolean }>`select exists(select 1 from pg_database where datname = ${databaseName}) as found`.execute(admin);
      if (!exists.rows[0]?.found) await sql`create database ${sql.id(databaseName)}`.execute(admin);
    } finally {
      await admin.destroy();
    }
    adminUrl = withDatabase(server.adminUrl, databaseName);
    stop = () => server.stop();
  }
  onStep('provisioning domain schemas and roles');
  await provisionDomains(adminUrl);
  await migrateAll(adminUrl, (domain, applied) => onStep(`migrated ${domain}${applied > 0 ? ` (${applied} new)` : ''}`));
  return { adminUrl, embedded: !external, stop };
}
