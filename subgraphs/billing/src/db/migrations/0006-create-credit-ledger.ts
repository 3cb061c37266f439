import { sql, type Kysely } from 'kysely';

/**
 * The AI credit ledger: one row per grant or debit, never changed afterwards. A user's
 * balance is the `balance_after` of their latest row (highest `seq`); writers compute it
 * under a per-user lock, and the CHECK makes a negative balance impossible whatever a
 * writer does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credit_ledger')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Append order; entries of one user are written one at a time, so it is also their order.
    .addColumn('seq', 'bigint', (c) => c.notNull().unique().generatedAlwaysAsIdentity())
    // Identity's user id; no foreign key crosses schemas.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    // Positive: a grant; negative: a debit.
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount <> 0`))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('plan_grant', 'ai_generation', 'adjustment')`))
    // What the entry is for (a subscription period, an event id): one entry per reason and reference.
    .addColumn('reference', 'text', (c) => c.notNull().check(sql`char_length(reference) between 1 and 200`))
    .addColumn('balance_after', 'integer', (c) => c.notNull().check(sql`balance_after >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('credit_ledger_reason_reference_key', ['reason', 'reference'])
    .addCheckConstraint('credit_ledger_grant_is_positive', sql`reason <> 'plan_grant' or amount > 0`)
    .addCheckConstraint('credit_ledger_generation_is_debit', sql`reason <> 'ai_generation' or amount < 0`)
    .execute();
  // The balance (latest row) and the ledger newest first, per user.
  await db.schema.createIndex('credit_ledger_user_seq_idx').on('credit_ledger').columns(['user_id', 'seq desc']).execute();
  // Append-only: corrections are new `adjustment` rows. Rows go only when their user is erased.
  await sql`
    create function credit_ledger_refuse_update() returns trigger
    language plpgsql as $$
    begin
      raise exception 'credit_ledger is append-only: add an adjustment entry instead of changing entry %', old.id
        using errcode = 'restrict_violation';
    end
    $$
  `.execute(db);
  await sql`
    create trigger credit_ledger_append_only before update on credit_ledger
    for each row execute function credit_ledger_refuse_update()
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('credit_ledger').execute();
  await sql`drop function credit_ledger_refuse_update()`.execute(db);
}
