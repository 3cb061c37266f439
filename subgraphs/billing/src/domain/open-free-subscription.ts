import type { Kysely } from 'kysely';
import { SubscriptionOpened, appendToOutbox, pendingEvent, type PendingEvent } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { entitlementsChanged } from './entitlements.ts';
import { calendarMonthOf, freeSubscriptionId } from './free-subscription.ts';
import { grantPlanCredits } from './plan-grant.ts';
import { planIds } from './plan-catalog.ts';
import { subscriptionEventData } from './subscription-events.ts';
import { liveStatuses } from './subscription-view.ts';

export interface OpenedFreeSubscription {
  /** False when the subscription was stored already (a redelivered or repeated registration). */
  readonly opened: boolean;
  /** False when this period's credits had been granted already, or there were none to grant. */
  readonly granted: boolean;
}

/**
 * A new user's Free subscription, stored for real under the id the virtual one showed
 * (`freeSubscriptionId`), active for the current calendar month, with the Free plan's
 * monthly AI credits granted. SubscriptionOpened, EntitlementsChanged and CreditsGranted commit with it.
 * Idempotent: the fixed id and the grant's unique reference make a second run change
 * nothing. A user who has another live subscription already keeps it and gets no Free.
 */
export async function openFreeSubscription(trx: Kysely<Database>, userId: string, now: Date): Promise<OpenedFreeSubscription> {
  const id = freeSubscriptionId(userId);
  const period = calendarMonthOf(now);
  const inserted = await trx
    .insertInto('subscriptions')
    .values({ id, user_id: userId.toLowerCase(), plan_id: planIds.free, status: 'active', current_period_start: period.start, current_period_end: period.end })
    // The id (stored already) or subscriptions_user_live_key (another live subscription).
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  const subscription = inserted ?? (await trx.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst());
  const events: PendingEvent[] = [];
  if (inserted) {
    const plan = await trx.selectFrom('plans').select('code').where('id', '=', inserted.plan_id).executeTakeFirstOrThrow();
    events.push(pendingEvent(SubscriptionOpened, inserted.id, subscriptionEventData(inserted, plan.code)));
    events.push(await entitlementsChanged(trx, inserted, now));
  }
  // Also on a repeat: a run that stored the subscription but not the grant cannot exist
  // (one transaction), yet granting by reference keeps it right if it ever did.
  const live = subscription !== undefined && (liveStatuses as readonly string[]).includes(subscription.status);
  const grant = live ? await grantPlanCredits(trx, subscription) : null;
  if (grant) events.push(grant);
  await appendToOutbox(trx, events);
  return { opened: inserted !== undefined, granted: grant !== null };
}
