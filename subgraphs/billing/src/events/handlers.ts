import {
  AssistantUsageRecorded,
  CompanyMemberAdded,
  CompanyMemberRemoved,
  CompanyMemberRoleChanged,
  JobClosed,
  JobListingDrafted,
  JobPosted,
  JobUpdated,
  ReferralHired,
  UserErased,
  UserRegistered,
  billingCommissionTopic,
  billingCreditsTopic,
  billingEntitlementsTopic,
  billingPaymentTopic,
  billingPlanTopic,
  billingPurchaseTopic,
  billingSubscriptionTopic,
  on,
  type HandlerRegistration,
  type JobListingSnapshot,
} from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { projectCompanyMember } from '../domain/company-access.ts';
import { projectListing } from '../domain/company-listings.ts';
import { forgetUser } from '../domain/forget-user.ts';
import { openFreeSubscription } from '../domain/open-free-subscription.ts';
import { recordCommission } from '../domain/commissions.ts';
import { debitUsage } from '../domain/usage-debit.ts';

/** The topics billing's outbox publishes to. */
export const billingPublishes = [billingSubscriptionTopic, billingCreditsTopic, billingEntitlementsTopic, billingPaymentTopic, billingPlanTopic, billingPurchaseTopic, billingCommissionTopic] as const;

/**
 * What billing does when other domains speak. Each handler runs in the consumer's
 * transaction, with the event id already in the inbox: its writes, its outbox rows and
 * the inbox row commit together or not at all.
 */
export const billingHandlers: readonly HandlerRegistration<Database>[] = [
  // A new user is on Free from the start, with this month's credits.
  on(UserRegistered, async (trx, event) => {
    await openFreeSubscription(trx, event.data.userId, new Date());
  }),
  on(UserErased, async (trx, event) => {
    await forgetUser(trx, event.data.userId);
  }),
  // Who may manage a company's plan, and how many seats it uses.
  on(CompanyMemberAdded, async (trx, event) => {
    await projectCompanyMember(trx, { companyId: event.data.companyId, userId: event.data.userId, role: event.data.role, time: new Date(event.time) });
  }),
  on(CompanyMemberRemoved, async (trx, event) => {
    await projectCompanyMember(trx, { companyId: event.data.companyId, userId: event.data.userId, role: null, time: new Date(event.time) });
  }),
  on(CompanyMemberRoleChanged, async (trx, event) => {
    await projectCompanyMember(trx, { companyId: event.data.companyId, userId: event.data.userId, role: event.data.role, time: new Date(event.time) });
  }),
  // Which company a listing belongs to and whether it is open: a featured listing is sold for those only.
  ...[JobListingDrafted, JobPosted, JobUpdated, JobClosed].map((definition) =>
    on<Database, typeof definition.type, JobListingSnapshot>(definition, async (trx, event) => {
      await projectListing(trx, event.data, new Date(event.time));
    }),
  ),
  // One debit per usage id; the ledger's unique reference makes a redelivery a no-op.
  on(AssistantUsageRecorded, async (trx, event) => {
    await debitUsage(trx, event.data);
  }),
  // A hired referral owes its recruiter a commission, pending until approved (CommissionRecorded); once per referral.
  on(ReferralHired, async (trx, event) => {
    await recordCommission(trx, event.data);
  }),
];
