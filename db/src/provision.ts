import { sql, type Kysely } from 'kysely';
import { createKysely } from './create-kysely.ts';
import { domainRole, domains, type Domain } from './domains.ts';
import { domainRolePassword } from './role-password.ts';

/** Extensions live in their own schema so that no domain needs rights on `public`. */
export const extensionsSchema = 'extensions';
const extensions = ['citext', 'pg_trgm'] as const;

/**
 * Makes the database at `adminUrl` ready for the five domains: a login role per
 * domain (cluster-wide), a schema per domain owned by that role, and nothing else
 * granted, so a role can read and write its own schema only. Idempotent.
 */
export async function provisionDomains(adminUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const admin = createKysely<unknown>({ url: adminUrl, maxConnections: 1, applicationName: 'jobgraph-provision' });
  try {
    await sql`create schema if not exists ${sql.id(extensionsSchema)}`.execute(admin);
    for (const extension of extensions) {
      await sql`create extension if not exists ${sql.id(extension)} with schema ${sql.id(extensionsSchema)}`.execute(admin);
    }
    await sql`revoke all on schema public from public`.execute(admin);
    for (const domain of domains) await provisionDomain(admin, domain, domainRolePassword(domain, env));
  } finally {
    await admin.destroy();
  }
}

async function provisionDomain(admin: Kysely<unknown>, domain: Domain, password: string): Promise<void> {
  const role = domainRole(domain);
  // Roles are cluster-wide and CREATE ROLE has no IF NOT EXISTS; concurrent provisioning
  // (parallel test files) is serialized by the advisory lock.
  await sql`select pg_advisory_xact_lock(hashtext(${role}))`.execute(admin);
  const existing = await sql<{ exists: boolean }>`select exists(select 1 from pg_roles where rolname = ${role}) as exists`.execute(admin);
  if (existing.rows[0]?.exists) {
    await sql`alter role ${sql.id(role)} with login password ${sql.lit(password)}`.execute(admin);
  } else {
    await sql`create role ${sql.id(role)} with login password ${sql.lit(password)}`.execute(admin);
  }
  await sql`alter role ${sql.id(role)} set search_path = ${sql.id(domain)}, ${sql.id(extensionsSchema)}`.execute(admin);
  await sql`create schema if not exists ${sql.id(domain)} authorization ${sql.id(role)}`.execute(admin);
  await sql`grant usage on schema ${sql.id(extensionsSchema)} to ${sql.id(role)}`.execute(admin);
}
