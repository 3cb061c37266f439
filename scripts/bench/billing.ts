/**
 * `pnpm bench:billing [N]`: N credit debits (1 credit each, each a usage event debited
 * through billing's ledger code) from 50 concurrent writers, against ONE account (every
 * debit queues on that account's lock: the case the never-negative rule costs) and, as
 * the baseline in the same run, spread over 50 accounts (no contention). Prints debits per
 * second for both, their ratio, and checks every account's final balance equals its
 * grants minus its debits, and that no balance ever went below zero. The debit is one
 * statement moving the account's `credit_balances` row and appending the ledger entry.
 */
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { billing } from '@jobgraph/billing';
import type { BillingDatabase } from '@jobgraph/billing';
import { appendCreditEntry } from '@jobgraph/billing/domain/credit-ledger';
import { debitUsage } from '@jobgraph/billing/domain/usage-debit';
import { createKysely, domainRolePassword, domainUrl, migrateDomain, provisionDomains, startEmbeddedPostgres } from '@jobgraph/db';

const total = Number(process.argv[2] ?? 2000);
const writers = 50;

async function run(db: Kysely<BillingDatabase>, accounts: readonly string[]): Promise<{ seconds: number; perSecond: number; debited: number; refused: number }> {
  // Enough credits for every debit plus some: nothing is refused unless the ledger is wrong.
  const grant = Math.ceil(total / accounts.length) + 10;
  for (const userId of accounts) {
    await db.transaction().execute((trx) => appendCreditEntry(trx, { userId, amount: grant, reason: 'plan_grant', reference: `bench:${userId}` }));
  }
  let next = 0;
  let debited = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < total) {
        const index = next++;
        const userId = accounts[index % accounts.length]!;
        const outcome = await db.transaction().execute((trx) =>
          debitUsage(trx, { usageId: crypto.randomUUID(), userId, feature: 'bench', credits: 1, occurredAt: new Date().toISOString() }),
        );
        if (outcome === 'debited') debited += 1;
        else refused += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // Final balance = grants - debits, per account; and no entry below zero.
  for (const userId of accounts) {
    const rows = await db.selectFrom('credit_ledger').select(['amount', 'balance_after']).where('user_id', '=', userId).orderBy('seq').execute();
    const sum = rows.reduce((balance, row) => balance + row.amount, 0);
    const last = rows.at(-1)?.balance_after ?? 0;
    if (sum !== last) throw new Error(`account ${userId}: grants minus debits is ${sum}, the balance says ${last}`);
    if (rows.some((row) => row.balance_after < 0)) throw new Error(`account ${userId} went below zero`);
    const row = await db.selectFrom('credit_balances').select('balance').where('user_id', '=', userId).executeTakeFirst();
    if (row?.balance !== last) throw new Error(`account ${userId}: the balance row says ${row?.balance}, the ledger ${last}`);
  }
  return { seconds, perSecond: total / seconds, debited, refused };
}

const dataParent = await mkdtemp(path.join(tmpdir(), 'jobgraph-bench-billing-'));
await chmod(dataParent, 0o755);
const postgres = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(dataParent, 'data'), persistent: false });
const adminUrl = process.env.DATABASE_URL ?? postgres!.adminUrl;
try {
  await provisionDomains(adminUrl);
  const url = domainUrl(adminUrl, 'billing', domainRolePassword('billing'));
  await migrateDomain({ url, domain: 'billing', migrationFolder: billing.migrationFolder });
  const db = createKysely<BillingDatabase>({ url, maxConnections: writers });
  try {
    console.log(`billing bench: ${total} debits of 1 credit, ${writers} concurrent writers`);
    const spread = await run(db, Array.from({ length: writers }, () => crypto.randomUUID()));
    console.log(`baseline, ${writers} accounts: ${spread.perSecond.toFixed(0)} debits/s (${spread.seconds.toFixed(2)} s, ${spread.debited} debited, ${spread.refused} refused)`);
    const hot = await run(db, [crypto.randomUUID()]);
    console.log(`one account:       ${hot.perSecond.toFixed(0)} debits/s (${hot.seconds.toFixed(2)} s, ${hot.debited} debited, ${hot.refused} refused)`);
    console.log(`one account / baseline: ${(hot.perSecond / spread.perSecond).toFixed(2)}x`);
    console.log('final balances equal grants minus debits on every account: ok');
  } finally {
    await db.destroy();
  }
} finally {
  await postgres?.stop();
}
