import { sql, type Kysely } from 'kysely';

/** Credits also come from packs bought (`purchase`) and leave when they lapse (`expiry`). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credit_ledger drop constraint credit_ledger_reason_check`.execute(db);
  await sql`alter table credit_ledger add constraint credit_ledger_reason_check
    check (reason in ('plan_grant', 'ai_generation', 'adjustment', 'purchase', 'expiry'))`.execute(db);
  await sql`alter table credit_ledger add constraint credit_ledger_purchase_is_positive check (reason <> 'purchase' or amount > 0)`.execute(db);
  await sql`alter table credit_ledger add constraint credit_ledger_expiry_is_debit check (reason <> 'expiry' or amount < 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credit_ledger drop constraint credit_ledger_expiry_is_debit`.execute(db);
  await sql`alter table credit_ledger drop constraint credit_ledger_purchase_is_positive`.execute(db);
  await sql`alter table credit_ledger drop constraint credit_ledger_reason_check`.execute(db);
  await sql`alter table credit_ledger add constraint credit_ledger_reason_check check (reason in ('plan_grant', 'ai_generation', 'adjustment'))`.execute(db);
}
