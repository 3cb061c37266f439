import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type DbPlanAudience = 'candidate' | 'employer';
export type DbBillingInterval = 'month' | 'year' | 'none';
export type DbSubscriptionStatus = 'active' | 'trialing' | 'past_due' | 'canceled';

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

export interface Database {
  plans: PlanTable;
  plan_entitlements: PlanEntitlementTable;
  subscriptions: SubscriptionTable;
}

export type Plan = Selectable<PlanTable>;
export type NewPlan = Insertable<PlanTable>;
export type PlanUpdate = Updateable<PlanTable>;
export type PlanEntitlement = Selectable<PlanEntitlementTable>;
export type NewPlanEntitlement = Insertable<PlanEntitlementTable>;
export type Subscription = Selectable<SubscriptionTable>;
export type NewSubscription = Insertable<SubscriptionTable>;
export type SubscriptionUpdate = Updateable<SubscriptionTable>;
