import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { withDatabase } from '../connection-url.ts';
import { createKysely } from '../create-kysely.ts';
import { startEmbeddedPostgres } from '../embedded-postgres.ts';
import { provisionDomains } from '../provision.ts';

/** What the test run shares with every test file (through vitest's `provide`). */
export interface TestClusterInfo {
  /** Superuser URL on the maintenance database. */
  readonly adminUrl: string;
  /** A provisioned, fully migrated database that each test file clones. */
  readonly templateDatabase: string;
}

export interface TestCluster extends TestClusterInfo {
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set (any Postgres the caller owns as superuser), else a real
 * embedded PostgreSQL in a temporary directory, deleted when the run ends.
 */
export async function startTestCluster(migrate: (databaseAdminUrl: string) => Promise<void>): Promise<TestCluster> {
  const external = process.env.DATABASE_URL;
  const server = external
    ? { adminUrl: external, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(await serverParentDir(), 'data'), persistent: false });
  const templateDatabase = `jobgraph_template_${process.pid}`;
  const admin = createKysely<unknown>({ url: server.adminUrl, maxConnections: 1 });
  try {
    await sql`drop database if exists ${sql.id(templateDatabase)} with (force)`.execute(admin);
    await sql`create database ${sql.id(templateDatabase)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const templateUrl = withDatabase(server.adminUrl, templateDatabase);
  await provisionDomains(templateUrl);
  await migrate(templateUrl);
  return {
    adminUrl: server.adminUrl,
    templateDatabase,
    async stop() {
      const cleanup = createKysely<unknown>({ url: server.adminUrl, maxConnections: 1 });
      try {
        await sql`drop database if exists ${sql.id(templateDatabase)} with (force)`.execute(cleanup);
      } finally {
        await cleanup.destroy();
      }
      await server.stop();
    },
  };
}

/** mkdtemp makes a 0700 folder; the server runs as another user and must be able to enter it. */
async function serverParentDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jobgraph-pg-'));
  await chmod(dir, 0o755);
  return dir;
}
