import { sql, type Kysely } from 'kysely';

/**
 * One balance row per user, moved by the same statement that appends the ledger entry: the
 * row's lock (taken by that UPDATE) serializes one user's changes, and its CHECK keeps it
 * from going below zero. The ledger's `balance_after` stays the record; this row is its
 * latest value, filled here from the ledger for the users it already has.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credit_balances')
    // Identity's user id; no foreign key crosses schemas.
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('balance', 'integer', (c) => c.notNull().check(sql`balance >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`
    insert into credit_balances (user_id, balance)
    select distinct on (user_id) user_id, balance_after from credit_ledger order by user_id, seq desc
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('credit_balances').execute();
}
