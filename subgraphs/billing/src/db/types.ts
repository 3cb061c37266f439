import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EventTables } from '@jobgraph/kit';

export type DbPlanAudience = 'candidate' | 'employer';
export type DbBillingInterval = 'month' | 'year' | 'none';
export type DbSubscriptionStatus = 'active' | 'trialing' | 'past_due' | 'canceled';
export type DbCreditReason = 'plan_grant' | 'ai_generation' | 'adjustment';

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
  /** Identity's user id; no foreign key crosses schemas. */
  user_id: string;
  plan_id: string;
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
  created_at: CreatedAt;
}

export interface Database extends EventTables {
  plans: PlanTable;
  plan_entitlements: PlanEntitlementTable;
  subscriptions: SubscriptionTable;
  credit_ledger: CreditLedgerTable;
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
