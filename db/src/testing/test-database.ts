import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { domainUrl, withDatabase } from '../connection-url.ts';
import { createKysely } from '../create-kysely.ts';
import type { Domain } from '../domains.ts';
import { domainRolePassword } from '../role-password.ts';
import type { TestClusterInfo } from './test-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    jobgraphDatabase: TestClusterInfo;
  }
}

export interface TestDatabase {
  readonly name: string;
  /** Superuser URL on this database: for assertions that look across schemas. */
  readonly adminUrl: string;
  /** Signed in as a domain's own role, as that domain's service is. */
  urlFor(domain: Domain): string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, cloned from the migrated template: every domain
 * schema and migration already in place, in a few tens of milliseconds.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const cluster = inject('jobgraphDatabase');
  const name = `jobgraph_test_${randomBytes(6).toString('hex')}`;
  const admin = createKysely<unknown>({ url: cluster.adminUrl, maxConnections: 1 });
  try {
    // Cloning needs the template to have no other session; parallel files take turns.
    await sql`select pg_advisory_lock(7262001)`.execute(admin);
    await sql`create database ${sql.id(name)} template ${sql.id(cluster.templateDatabase)}`.execute(admin);
    await sql`select pg_advisory_unlock(7262001)`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const adminUrl = withDatabase(cluster.adminUrl, name);
  return {
    name,
    adminUrl,
    urlFor: (domain) => domainUrl(adminUrl, domain, domainRolePassword(domain)),
    async drop() {
      const cleanup = createKysely<unknown>({ url: cluster.adminUrl, maxConnections: 1 });
      try {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup);
      } finally {
        await cleanup.destroy();
      }
    },
  };
}
