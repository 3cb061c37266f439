import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely/migration';
import { createKysely } from './create-kysely.ts';
import type { Domain } from './domains.ts';

export interface MigrateDomainOptions {
  /** URL signed in as the domain's own role, so the tables it creates are that role's. */
  readonly url: string;
  readonly domain: Domain;
  /** Folder of numbered migration files (`0001-create-users.ts`, …). */
  readonly migrationFolder: string;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Applies a domain's pending migrations; the migration table lives in the domain's schema. */
export async function migrateDomain(options: MigrateDomainOptions): Promise<MigrationResultSet> {
  const db = createKysely<unknown>({ url: options.url, maxConnections: 1, applicationName: `jobgraph-migrate-${options.domain}` });
  try {
    const migrator = new Migrator({
      db,
      provider: new FileMigrationProvider({ fs, path, migrationFolder: options.migrationFolder }),
      migrationTableSchema: options.domain,
    });
    const result = await migrator.migrateToLatest();
    if (result.error) {
      const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new MigrationError(`${options.domain}: migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
    }
    return result;
  } finally {
    await db.destroy();
  }
}
