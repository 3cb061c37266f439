import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EventTables } from '@jobgraph/kit';

export type DbPlanAudience = 'candidate' | 'employer';
export type DbBillingInterval = 'month' | 'year' | 'none';
export type DbSubscriptionStatus = 'active' | 'trialing' | 'past_due' | 'canceled';
export type DbCreditReason = 'plan_grant' | 'ai_generation' | 'adjustment' | 'purchase' | 'expiry';
export type DbPaymentKind = 'subscription' | 'renewal' | 'upgrade' | 'credit_pack' | 'job_post' | 'featured_listing';
export type DbPaymentStatus = 'pending' | 'paid' | 'failed' | 'refunded';
export type DbCompanyRole = 'owner' | 'admin' | 'recruiter' | 'member';
export type DbAccountKind = 'user' | 'company';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PlanTable {
  id: Generated<string>;
  code: string;
  name: string;
  audience: DbPlanAudience;
  price_cents: number;
  currency: string;
  billing_interval: DbBillingInterval;
  active: Generated<boolean>;
  /** The plan the pricing page recommends; at most one per audience. */
  highlighted: Generated<boolean>;
  /** Days of free trial a new subscription starts with; 0 for none. */
  trial_days: Generated<number>;
  description: Generated<string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Credits bought once and credited at once (the "credits" tier). */
export interface CreditPackTable {
  id: Generated<string>;
  code: string;
  name: string;
  credits: number;
  price_cents: number;
  currency: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PlanEntitlementTable {
  id: Generated<string>;
  plan_id: string;
  feature: string;
  /** Null means unlimited. */
  limit_value: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SubscriptionTable {
  id: Generated<string>;
  /** Identity's user id of the subscriber (for a company plan, who bought it); no foreign key crosses schemas. */
  user_id: string;
  /** Catalog's company id for an employer plan; null for a user's own plan. */
  company_id: string | null;
  plan_id: string;
  /** The provider's payment-method token renewals charge; null for subscriptions nothing charges. */
  payment_method: string | null;
  status: DbSubscriptionStatus;
  current_period_start: Date;
  current_period_end: Date;
  cancel_at_period_end: Generated<boolean>;
  provider: string | null;
  provider_subscription_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Append-only: a trigger refuses updates; rows are deleted only when their user is erased. */
export interface CreditLedgerTable {
  id: Generated<string>;
  /** Append order; a user's entries are written one at a time, so it is their order too. */
  seq: ColumnType<number, never, never>;
  /** Identity's user id; no foreign key crosses schemas. */
  user_id: string;
  /** Positive for a grant, negative for a debit; never zero. */
  amount: number;
  reason: DbCreditReason;
  /** What the entry is for; unique per reason, so nothing is granted or debited twice. */
  reference: string;
  /** The user's balance once this entry applies; never negative. */
  balance_after: number;
  /** When the credits this entry put in lapse (the expiry job writes an `expiry` entry); null for never. */
  expires_at: ColumnType<Date | null, Date | null | undefined, never>;
  created_at: CreatedAt;
}

/** A user's current credit balance: the latest ledger entry's `balance_after`, moved with every entry under the row's lock. */
export interface CreditBalanceTable {
  user_id: string;
  balance: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** The expiry job's record of an expiring grant it dealt with, and how much of it lapsed. */
export interface CreditGrantExpiryTable {
  grant_entry_id: string;
  user_id: string;
  lapsed: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface EntitlementVersionTable {
  account_kind: DbAccountKind;
  account_id: string;
  version: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Projection of catalog's company members (CompanyMemberAdded/Removed). */
export interface CompanyMemberTable {
  company_id: string;
  user_id: string;
  role: DbCompanyRole;
  event_time: Date;
  removed: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** What a payment buys, applied once when it is paid. */
export type PaymentPurpose =
  | { readonly kind: 'subscription'; readonly planId: string; readonly companyId: string | null; readonly paymentMethod: string }
  | { readonly kind: 'renewal'; readonly subscriptionId: string; readonly periodStart: string }
  | { readonly kind: 'upgrade'; readonly subscriptionId: string; readonly planId: string }
  | { readonly kind: 'credit_pack'; readonly packId: string }
  | { readonly kind: 'job_post'; readonly companyId: string; readonly quantity: number }
  | { readonly kind: 'featured_listing'; readonly companyId: string; readonly jobListingId: string; readonly weeks: number };

export interface PaymentTable {
  id: Generated<string>;
  user_id: string;
  company_id: string | null;
  kind: DbPaymentKind;
  amount_cents: number;
  currency: string;
  status: DbPaymentStatus;
  provider: string;
  provider_ref: string | null;
  idempotency_key: string;
  request_hash: string;
  purpose: ColumnType<PaymentPurpose, string, string>;
  failure_reason: string | null;
  paid_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** The webhook inbox: one row per provider event processed. */
export interface ProviderEventTable {
  provider: string;
  event_id: string;
  type: string;
  processed_at: ColumnType<Date, Date | string | undefined, never>;
  created_at: CreatedAt;
}

export interface InvoiceSeriesTable {
  series: string;
  next_number: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One per paid payment; `number` is `<series>-<sequence>`, gapless per series. */
export interface InvoiceTable {
  id: Generated<string>;
  series: string;
  sequence: number;
  number: string;
  user_id: string;
  company_id: string | null;
  payment_id: string;
  period_start: Date | null;
  period_end: Date | null;
  currency: string;
  subtotal_cents: number;
  tax_cents: Generated<number>;
  total_cents: number;
  issued_at: Date;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InvoiceLineTable {
  id: Generated<string>;
  invoice_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_amount_cents: number;
  amount_cents: number;
  credits: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type DbPurchaseKind = 'job_post' | 'featured_listing';

/** One per paid purchase payment: job posts (extra open listings) or a featured listing, until `ends_at`. */
export interface PurchaseTable {
  id: Generated<string>;
  payment_id: string;
  company_id: string;
  user_id: string;
  kind: DbPurchaseKind;
  job_listing_id: string | null;
  quantity: number;
  amount_cents: number;
  currency: string;
  starts_at: Date;
  ends_at: Date;
  lapsed_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Projection of catalog's listings: whose they are and whether they are open. */
export interface CompanyListingTable {
  listing_id: string;
  company_id: string;
  status: 'draft' | 'open' | 'closed' | 'expired';
  event_time: Date;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type DbCommissionStatus = 'pending' | 'approved' | 'paid';

export interface CommissionTable {
  id: Generated<string>;
  referral_id: string;
  application_id: string;
  recruiter_id: string;
  company_id: string;
  amount_cents: number;
  currency: string;
  status: Generated<DbCommissionStatus>;
  hired_at: Date;
  approved_at: Date | null;
  approved_by: string | null;
  paid_at: Date | null;
  paid_by: string | null;
  payout_reference: string | null;
  payout_key: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface Database extends EventTables {
  commissions: CommissionTable;
  purchases: PurchaseTable;
  company_listings: CompanyListingTable;
  invoice_series: InvoiceSeriesTable;
  invoices: InvoiceTable;
  invoice_lines: InvoiceLineTable;
  credit_packs: CreditPackTable;
  entitlement_versions: EntitlementVersionTable;
  company_members: CompanyMemberTable;
  payments: PaymentTable;
  provider_events: ProviderEventTable;
  plans: PlanTable;
  plan_entitlements: PlanEntitlementTable;
  subscriptions: SubscriptionTable;
  credit_ledger: CreditLedgerTable;
  credit_grant_expiries: CreditGrantExpiryTable;
  credit_balances: CreditBalanceTable;
}

export type Plan = Selectable<PlanTable>;
export type NewPlan = Insertable<PlanTable>;
export type PlanUpdate = Updateable<PlanTable>;
export type PlanEntitlement = Selectable<PlanEntitlementTable>;
export type NewPlanEntitlement = Insertable<PlanEntitlementTable>;
export type Subscription = Selectable<SubscriptionTable>;
export type NewSubscription = Insertable<SubscriptionTable>;
export type SubscriptionUpdate = Updateable<SubscriptionTable>;
export type CreditLedgerEntry = Selectable<CreditLedgerTable>;
export type NewCreditLedgerEntry = Insertable<CreditLedgerTable>;
export type CreditPack = Selectable<CreditPackTable>;
export type Payment = Selectable<PaymentTable>;
export type NewPayment = Insertable<PaymentTable>;
export type CompanyMember = Selectable<CompanyMemberTable>;
export type Invoice = Selectable<InvoiceTable>;
export type InvoiceLine = Selectable<InvoiceLineTable>;
export type Purchase = Selectable<PurchaseTable>;
export type Commission = Selectable<CommissionTable>;
