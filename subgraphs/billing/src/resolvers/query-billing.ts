import { isUser } from '@jobgraph/kit';
import type { Context } from '../context.ts';
import type { Subscription } from '../db/types.ts';
import { canManageCompanyBilling } from '../domain/company-access.ts';
import { liveStatuses } from '../domain/subscription-view.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

export const creditPacks: QueryResolvers['creditPacks'] = (_parent, _args, { db }) =>
  db.selectFrom('credit_packs').selectAll().where('active', '=', true).orderBy('credits').execute();

/** Whether the viewer may see the subscription: their own, or their company's as owner or admin. */
export async function maySeeSubscription(context: Context, subscription: Subscription): Promise<boolean> {
  const { principal, db } = context;
  if (!isUser(principal)) return false;
  if (subscription.company_id) return canManageCompanyBilling(db, principal.userId, subscription.company_id);
  return subscription.user_id === principal.userId.toLowerCase();
}

export const billingSubscription: QueryResolvers['billingSubscription'] = async (_parent, { id }, context) => {
  const subscription = await context.loaders.subscriptionById.load(id.toLowerCase());
  return subscription && (await maySeeSubscription(context, subscription)) ? subscription : null;
};

export const companySubscription: QueryResolvers['companySubscription'] = async (_parent, { companyId }, context) => {
  const { principal, db } = context;
  if (!isUser(principal) || !(await canManageCompanyBilling(db, principal.userId, companyId))) return null;
  return (await db.selectFrom('subscriptions').selectAll().where('company_id', '=', companyId.toLowerCase()).where('status', 'in', liveStatuses).executeTakeFirst()) ?? null;
};

export const payment: QueryResolvers['payment'] = async (_parent, { id }, { principal, loaders }) => {
  const found = await loaders.paymentById.load(id.toLowerCase());
  return found && isUser(principal) && found.user_id === principal.userId.toLowerCase() ? found : null;
};
