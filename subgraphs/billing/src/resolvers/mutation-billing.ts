import { requireRole, requireUser, userError } from '@jobgraph/kit';
import type { DbBillingInterval, DbPlanAudience } from '../db/types.ts';
import { approveCommission, payCommission } from '../domain/commissions.ts';
import { buyCreditPack } from '../domain/credit-pack.ts';
import { buyPurchase, type PurchaseRequest } from '../domain/purchases.ts';
import type { PaymentProvider } from '../domain/payments/provider.ts';
import { createPlan, retirePlan } from '../domain/plan-admin.ts';
import { changePlan, setCancellation, subscribe } from '../domain/subscribe.ts';
import type { Context } from '../context.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { errorsOf, validIdempotencyKey } from './payload.ts';

const badKey = () => errorsOf([userError('INVALID_IDEMPOTENCY_KEY', 'An idempotency key is 8 to 100 visible ASCII characters.', ['input', 'idempotencyKey'])]);
const badPaymentMethod = () => errorsOf([userError('INVALID_PAYMENT_METHOD', 'A payment method is a provider token such as pm_card_visa.', ['input', 'paymentMethod'])]);
const validPaymentMethod = (value: string) => /^pm_[A-Za-z0-9_]{1,100}$/.test(value);
const noPayment = { subscription: null, payment: null };

/** Billing's mutations: thin, the rules are in domain/. */
export function billingMutations(provider: PaymentProvider): MutationResolvers {
  const purchase = async (db: Context['db'], kind: 'job_post' | 'featured_listing', request: PurchaseRequest) => {
    const empty = { purchase: null, payment: null };
    if (!validIdempotencyKey(request.idempotencyKey)) return { ...empty, errors: badKey() };
    if (!validPaymentMethod(request.paymentMethod)) return { ...empty, errors: badPaymentMethod() };
    const outcome = await buyPurchase(db, provider, kind, request, new Date());
    return outcome.ok ? { ...outcome.value, errors: [] } : { ...empty, errors: errorsOf(outcome.errors) };
  };
  return {
    subscribe: async (_parent, { input }, { principal, db }) => {
      const user = requireUser(principal);
      const paymentMethod = input.paymentMethod ?? 'pm_card_visa';
      if (!validIdempotencyKey(input.idempotencyKey)) return { ...noPayment, errors: badKey() };
      if (!validPaymentMethod(paymentMethod)) return { ...noPayment, errors: badPaymentMethod() };
      const outcome = await subscribe(
        db,
        provider,
        { userId: user.userId, planCode: input.planCode.trim().toLowerCase(), companyId: input.companyId?.toLowerCase() ?? null, currency: input.currency ?? null, paymentMethod, idempotencyKey: input.idempotencyKey },
        new Date(),
      );
      return outcome.ok ? { ...outcome.value, errors: [] } : { ...noPayment, errors: errorsOf(outcome.errors) };
    },
    changePlan: async (_parent, { input }, { principal, db }) => {
      const user = requireUser(principal);
      if (!validIdempotencyKey(input.idempotencyKey)) return { ...noPayment, errors: badKey() };
      const outcome = await changePlan(db, provider, { userId: user.userId, subscriptionId: input.subscriptionId, planCode: input.planCode.trim().toLowerCase(), idempotencyKey: input.idempotencyKey }, new Date());
      return outcome.ok ? { ...outcome.value, errors: [] } : { ...noPayment, errors: errorsOf(outcome.errors) };
    },
    cancelSubscription: async (_parent, { input }, { principal, db }) => {
      const user = requireUser(principal);
      const outcome = await setCancellation(db, user.userId, input.subscriptionId, true, new Date());
      return outcome.ok ? { subscription: outcome.value, errors: [] } : { subscription: null, errors: errorsOf(outcome.errors) };
    },
    resumeSubscription: async (_parent, { input }, { principal, db }) => {
      const user = requireUser(principal);
      const outcome = await setCancellation(db, user.userId, input.subscriptionId, false, new Date());
      return outcome.ok ? { subscription: outcome.value, errors: [] } : { subscription: null, errors: errorsOf(outcome.errors) };
    },
    buyCreditPack: async (_parent, { input }, { principal, db }) => {
      const user = requireUser(principal);
      const paymentMethod = input.paymentMethod ?? 'pm_card_visa';
      const empty = { payment: null, credits: null };
      if (!validIdempotencyKey(input.idempotencyKey)) return { ...empty, errors: badKey() };
      if (!validPaymentMethod(paymentMethod)) return { ...empty, errors: badPaymentMethod() };
      const outcome = await buyCreditPack(db, provider, { userId: user.userId, packCode: input.packCode, currency: input.currency ?? null, paymentMethod, idempotencyKey: input.idempotencyKey }, new Date());
      return outcome.ok ? { payment: outcome.value, credits: { userId: user.userId.toLowerCase() }, errors: [] } : { ...empty, errors: errorsOf(outcome.errors) };
    },
    buyJobPosts: async (_parent, { input }, { principal, db }) => {
      const user = requireUser(principal);
      return purchase(db, 'job_post', { userId: user.userId, companyId: input.companyId, quantity: input.quantity ?? 1, jobListingId: null, currency: input.currency ?? null, paymentMethod: input.paymentMethod ?? 'pm_card_visa', idempotencyKey: input.idempotencyKey });
    },
    buyFeaturedListing: async (_parent, { input }, { principal, db }) => {
      const user = requireUser(principal);
      return purchase(db, 'featured_listing', {
        userId: user.userId,
        companyId: input.companyId,
        quantity: input.weeks ?? 1,
        jobListingId: input.jobListingId,
        currency: input.currency ?? null,
        paymentMethod: input.paymentMethod ?? 'pm_card_visa',
        idempotencyKey: input.idempotencyKey,
      });
    },
    approveCommission: async (_parent, { input }, { principal, db }) => {
      const admin = requireRole(principal, 'admin');
      const outcome = await approveCommission(db, admin.userId, input.commissionId, new Date());
      return outcome.ok ? { commission: outcome.value, errors: [] } : { commission: null, errors: errorsOf(outcome.errors) };
    },
    payCommission: async (_parent, { input }, { principal, db }) => {
      const admin = requireRole(principal, 'admin');
      if (!validIdempotencyKey(input.idempotencyKey)) return { commission: null, errors: badKey() };
      if (!/^[\x21-\x7e][\x20-\x7e]{0,98}[\x21-\x7e]?$/.test(input.payoutReference)) {
        return { commission: null, errors: errorsOf([userError('INVALID_PAYOUT_REFERENCE', 'A payout reference is 1 to 100 visible characters.', ['input', 'payoutReference'])]) };
      }
      const outcome = await payCommission(db, { adminId: admin.userId, commissionId: input.commissionId, payoutReference: input.payoutReference, idempotencyKey: input.idempotencyKey }, new Date());
      return outcome.ok ? { commission: outcome.value, errors: [] } : { commission: null, errors: errorsOf(outcome.errors) };
    },
    createPlan: async (_parent, { input }, { principal, db }) => {
      requireRole(principal, 'admin');
      const outcome = await createPlan(db, {
        code: input.code,
        name: input.name,
        audience: input.audience.toLowerCase() as DbPlanAudience,
        priceCents: input.priceCents,
        currency: input.currency,
        interval: input.interval.toLowerCase() as DbBillingInterval,
        trialDays: input.trialDays ?? 0,
        highlighted: input.highlighted ?? false,
        entitlements: input.entitlements.map((entitlement) => ({ feature: entitlement.feature, limit: entitlement.limit ?? null })),
      });
      return outcome.ok ? { plan: outcome.value, errors: [] } : { plan: null, errors: errorsOf(outcome.errors) };
    },
    retirePlan: async (_parent, { input }, { principal, db }) => {
      requireRole(principal, 'admin');
      const outcome = await retirePlan(db, input.code);
      return outcome.ok ? { plan: outcome.value, errors: [] } : { plan: null, errors: errorsOf(outcome.errors) };
    },
  };
}
