import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EventTables } from '@jobgraph/kit';

export type DbRemotePreference = 'onsite' | 'hybrid' | 'remote' | 'any';
export type DbListingStatus = 'draft' | 'open' | 'closed' | 'expired';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CareerProfileTable {
  id: Generated<string>;
  /** Identity's user id; no foreign key crosses schemas. One profile per user. */
  user_id: string;
  headline: string | null;
  summary: string | null;
  skills: Generated<string[]>;
  desired_titles: Generated<string[]>;
  preferred_locations: Generated<string[]>;
  remote_preference: Generated<DbRemotePreference>;
  /** Set together with `desired_salary_currency`, or neither is. */
  desired_salary_min_cents: number | null;
  desired_salary_currency: string | null;
  open_to_work: Generated<boolean>;
  years_of_experience: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Catalog's job listings as of their latest event: a projection, written only by catalog's events. */
export interface ListingFeaturesTable {
  /** Catalog's listing id; no foreign key crosses schemas. */
  listing_id: string;
  company_id: string;
  title: string;
  status: DbListingStatus;
  employment_type: string;
  remote_type: string;
  seniority: string | null;
  location: string | null;
  tags: string[];
  salary_min_cents: number | null;
  salary_max_cents: number | null;
  salary_currency: string | null;
  posted_at: Date | null;
  closed_at: Date | null;
  expires_at: Date | null;
  /** The `time` of the event whose snapshot the row holds; older snapshots never overwrite it. */
  event_time: Date;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface Database extends EventTables {
  career_profiles: CareerProfileTable;
  listing_features: ListingFeaturesTable;
}

export type CareerProfile = Selectable<CareerProfileTable>;
export type NewCareerProfile = Insertable<CareerProfileTable>;
export type CareerProfileUpdate = Updateable<CareerProfileTable>;
export type ListingFeatures = Selectable<ListingFeaturesTable>;
export type NewListingFeatures = Insertable<ListingFeaturesTable>;
