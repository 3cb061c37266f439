import { EntitlementsChanged, on, type HandlerRegistration } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/**
 * Keeps each candidate's plan from billing's EntitlementsChanged (ID-21): a user account's
 * event only (a company's plan is not a person's), the newest version winning, so a
 * late or replayed older event changes nothing.
 */
export const identityHandlers: readonly HandlerRegistration<Database>[] = [
  on(EntitlementsChanged, async (trx, event) => {
    const { account, planCode, status, version, effectiveAt } = event.data;
    if (account.kind !== 'user') return;
    // Locking the live row orders this after an erasure in flight, which then hides the row:
    // an erased user's plan must not be written back by a late event.
    const user = await trx.selectFrom('users').select('id').where('id', '=', account.id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!user) return;
    await trx
      .insertInto('user_plans')
      .values({ user_id: account.id, plan_code: planCode, status, version, effective_at: new Date(effectiveAt) })
      .onConflict((oc) =>
        oc
          .column('user_id')
          .doUpdateSet({ plan_code: planCode, status, version, effective_at: new Date(effectiveAt), updated_at: new Date() })
          .where(sql<boolean>`user_plans.version < ${version}`),
      )
      .execute();
  }),
];

/** The plan an access token names: the user's plan while it is in force, else none. */
export async function planOf(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db.selectFrom('user_plans').select(['plan_code', 'status']).where('user_id', '=', userId).executeTakeFirst();
  return row && row.status !== 'canceled' ? row.plan_code : null;
}
