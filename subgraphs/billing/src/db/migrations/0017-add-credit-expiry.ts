import { sql, type Kysely } from 'kysely';

/**
 * A grant may lapse: `expires_at` on the entry that put the credits in (a plan's monthly
 * allowance lapses with its period). Only credits coming in can expire.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credit_ledger add column expires_at timestamptz`.execute(db);
  await sql`alter table credit_ledger add constraint credit_ledger_only_credits_expire check (expires_at is null or amount > 0)`.execute(db);
  await sql`create index credit_ledger_expires_at_idx on credit_ledger (expires_at) where expires_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credit_ledger drop column expires_at`.execute(db);
}
