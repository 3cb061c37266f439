import { defineEvent } from '../events/cloud-event.ts';

export const billingSubscriptionTopic = 'billing.subscription.v1';
export const billingCreditsTopic = 'billing.credits.v1';
const subscription = { domain: 'billing', topic: billingSubscriptionTopic };

export interface SubscriptionData {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planCode: string;
  readonly status: 'active' | 'trialing' | 'past_due' | 'canceled';
  readonly currentPeriodStart: string;
  readonly currentPeriodEnd: string;
}
export const SubscriptionOpened = defineEvent<SubscriptionData>()('jobgraph.billing.subscription.opened.v1', subscription);
export const SubscriptionCanceled = defineEvent<SubscriptionData>()('jobgraph.billing.subscription.canceled.v1', subscription);

export interface CreditsGrantedData {
  readonly entryId: string;
  readonly userId: string;
  readonly amount: number;
  readonly reason: string;
  readonly balance: number;
}
export const CreditsGranted = defineEvent<CreditsGrantedData>()('jobgraph.billing.credits.granted.v1', { domain: 'billing', topic: billingCreditsTopic });

export const billingEntitlementsTopic = 'billing.entitlements.v1';

/** What an account may do under its plan now; null means unlimited. */
export interface EntitlementLimits {
  readonly aiCreditsPerPeriod: number | null;
  readonly activeListings: number | null;
  readonly seats: number | null;
  readonly savedSearches: number | null;
  readonly featuredListings: number | null;
}

/**
 * An account's entitlements after any subscription change (opened, renewed, upgraded,
 * downgraded, past due, canceled). Keyed by the account id, so one account's changes
 * stay in order; `version` rises with every change so a consumer keeps the newest.
 */
export interface EntitlementsChangedData {
  /** A candidate's own plan (`user`), or an employer company's (`company`). */
  readonly account: { readonly kind: 'user' | 'company'; readonly id: string };
  readonly subscriptionId: string;
  readonly planCode: string;
  readonly status: SubscriptionData['status'];
  readonly limits: EntitlementLimits;
  readonly version: number;
  readonly effectiveAt: string;
}
export const EntitlementsChanged = defineEvent<EntitlementsChangedData>()('jobgraph.billing.entitlements.changed.v1', { domain: 'billing', topic: billingEntitlementsTopic });

export const billingPurchaseTopic = 'billing.purchase.v1';

/** An employer paid to feature a listing until `featuredUntil`; catalog sets the flag. Keyed by purchase id. */
export interface FeaturedListingPurchasedData {
  readonly purchaseId: string;
  readonly companyId: string;
  readonly jobListingId: string;
  readonly featuredUntil: string;
  readonly amountCents: number;
  readonly currency: string;
}
export const FeaturedListingPurchased = defineEvent<FeaturedListingPurchasedData>()('jobgraph.billing.purchase.featured-listing-purchased.v1', { domain: 'billing', topic: billingPurchaseTopic });

export const billingPaymentTopic = 'billing.payment.v1';
const payment = { domain: 'billing', topic: billingPaymentTopic };

/** A payment as its events carry it: ids, what it paid for, the amount; never card or contact data. Keyed by payment id. */
export interface PaymentData {
  readonly paymentId: string;
  readonly userId: string;
  readonly companyId: string | null;
  readonly kind: 'subscription' | 'renewal' | 'upgrade' | 'credit_pack' | 'job_post' | 'featured_listing';
  readonly amountCents: number;
  readonly currency: string;
  readonly provider: string;
  /** The subscription it was for, when it was for one. */
  readonly subscriptionId: string | null;
}
export const PaymentSucceeded = defineEvent<PaymentData>()('jobgraph.billing.payment.succeeded.v1', payment);
export const PaymentFailed = defineEvent<PaymentData & { readonly reason: string }>()('jobgraph.billing.payment.failed.v1', payment);

/** A user's balance fell to or below their low-credit threshold (and is still above zero). Keyed by user id. */
export interface CreditsLowData {
  readonly userId: string;
  readonly balance: number;
  readonly threshold: number;
}
export const CreditsLow = defineEvent<CreditsLowData>()('jobgraph.billing.credits.low.v1', { domain: 'billing', topic: billingCreditsTopic });

/** A user has no credits left: a debit took the last, or a debit was refused for want of credits. Keyed by user id. */
export interface CreditsExhaustedData {
  readonly userId: string;
  /** The usage event that hit the empty balance, when one did. */
  readonly usageId: string | null;
}
export const CreditsExhausted = defineEvent<CreditsExhaustedData>()('jobgraph.billing.credits.exhausted.v1', { domain: 'billing', topic: billingCreditsTopic });

export const billingPlanTopic = 'billing.plan.v1';

/** A plan as it stands after an admin added, changed or retired it. Keyed by plan id. */
export interface PlanChangedData {
  readonly planId: string;
  readonly code: string;
  readonly audience: 'candidate' | 'employer';
  readonly priceCents: number;
  readonly currency: string;
  readonly interval: 'month' | 'year' | 'none';
  readonly active: boolean;
}
export const PlanChanged = defineEvent<PlanChangedData>()('jobgraph.billing.plan.changed.v1', { domain: 'billing', topic: billingPlanTopic });

/** What was left of an expiring grant lapsed (an `expiry` ledger entry); the balance never goes below zero. Keyed by user id. */
export interface CreditsExpiredData {
  readonly entryId: string;
  readonly userId: string;
  /** The grant entry whose credits lapsed. */
  readonly grantEntryId: string;
  /** Credits taken out (positive). */
  readonly amount: number;
  readonly balance: number;
}
export const CreditsExpired = defineEvent<CreditsExpiredData>()('jobgraph.billing.credits.expired.v1', { domain: 'billing', topic: billingCreditsTopic });

/**
 * An employer bought job posts: `quantity` more open listings than its plan allows, until
 * `validUntil` (billing raises the company's `activeListings` in EntitlementsChanged with it,
 * so catalog's listing limit counts them). Keyed by purchase id.
 */
export interface JobPostsPurchasedData {
  readonly purchaseId: string;
  readonly paymentId: string;
  readonly companyId: string;
  readonly quantity: number;
  readonly validUntil: string;
  readonly amountCents: number;
  readonly currency: string;
}
export const JobPostsPurchased = defineEvent<JobPostsPurchasedData>()('jobgraph.billing.purchase.job-posts-purchased.v1', { domain: 'billing', topic: billingPurchaseTopic });

export const billingCommissionTopic = 'billing.commission.v1';
const commission = { domain: 'billing', topic: billingCommissionTopic };

/** A recruiter's commission as it stands after a change. Keyed by commission id. */
export interface CommissionData {
  readonly commissionId: string;
  readonly referralId: string;
  readonly recruiterId: string;
  readonly companyId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly status: 'pending' | 'approved' | 'paid';
  /** Who approved or paid it (an admin's user id); null for a commission just recorded. */
  readonly actorId: string | null;
}
/** A hired referral owes its recruiter a commission (pending). */
export const CommissionRecorded = defineEvent<CommissionData>()('jobgraph.billing.commission.recorded.v1', commission);
export const CommissionApproved = defineEvent<CommissionData>()('jobgraph.billing.commission.approved.v1', commission);
/** Paid out; the payout's reference stays in billing. */
export const CommissionPaid = defineEvent<CommissionData>()('jobgraph.billing.commission.paid.v1', commission);
