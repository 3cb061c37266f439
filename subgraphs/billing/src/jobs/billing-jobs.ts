import type { JobDefinition } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { BillingConfig } from '../config.ts';
import type { Database } from '../db/types.ts';
import { expireDueCredits } from '../domain/credit-expiry.ts';
import type { PaymentProvider } from '../domain/payments/provider.ts';
import { lapseJobPosts } from '../domain/purchases.ts';
import { renewDueSubscriptions } from '../domain/renew.ts';

export const renewalJobName = 'billing.renew-due-subscriptions';
export const creditExpiryJobName = 'billing.expire-credits';

const batchSize = 200;

/**
 * Billing's scheduled work, run on the kit's job queue by every instance, each occurrence by
 * one. A job works batch after batch until one comes back short: bounded transactions, all
 * the work. Both jobs are safe to run twice at once (the renewal's idempotency key per
 * subscription and period, the expiry's unique ledger reference per grant), so a retry after
 * a crash, or an operator's extra run, never charges, grants or expires twice.
 */
export function billingJobs(db: Kysely<Database>, provider: PaymentProvider, config: Pick<BillingConfig, 'BILLING_RENEWAL_CRON' | 'BILLING_CREDIT_EXPIRY_CRON'>): readonly JobDefinition[] {
  return [
    {
      name: renewalJobName,
      cron: config.BILLING_RENEWAL_CRON,
      async run() {
        for (;;) {
          const summary = await renewDueSubscriptions(db, provider, new Date(), batchSize);
          // A short batch was the last; a replayed charge (another instance got there first) counts nothing.
          if (summary.renewed + summary.canceled + summary.pastDue + summary.pending < batchSize) return;
        }
      },
    },
    {
      name: creditExpiryJobName,
      cron: config.BILLING_CREDIT_EXPIRY_CRON,
      async run() {
        while ((await expireDueCredits(db, new Date(), batchSize)).users === batchSize);
        // Job posts bought run out too: the company's open-listing allowance goes back down.
        while ((await lapseJobPosts(db, new Date(), batchSize)) === batchSize);
      },
    },
  ];
}
