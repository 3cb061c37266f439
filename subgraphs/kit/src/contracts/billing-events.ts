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
