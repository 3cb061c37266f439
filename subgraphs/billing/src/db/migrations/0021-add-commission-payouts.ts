import { sql, type Kysely } from 'kysely';

/** A commission's way to paid: who approved it and when, the payout recorded and its idempotency key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('commissions')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('approved_by', 'uuid')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('paid_by', 'uuid')
    // The payout's reference at the bank or payout provider; never account numbers.
    .addColumn('payout_reference', 'text', (c) => c.check(sql`char_length(payout_reference) between 1 and 100`))
    .addColumn('payout_key', 'text')
    .execute();
  await sql`alter table commissions add constraint commissions_approved_has_time check (status = 'pending' or approved_at is not null)`.execute(db);
  await sql`alter table commissions add constraint commissions_paid_has_payout check (status <> 'paid' or (paid_at is not null and payout_reference is not null and payout_key is not null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table commissions drop constraint commissions_paid_has_payout`.execute(db);
  await sql`alter table commissions drop constraint commissions_approved_has_time`.execute(db);
  await db.schema.alterTable('commissions').dropColumn('approved_at').dropColumn('approved_by').dropColumn('paid_at').dropColumn('paid_by').dropColumn('payout_reference').dropColumn('payout_key').execute();
}
