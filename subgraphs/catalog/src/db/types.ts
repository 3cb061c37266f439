import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EventTables } from '@jobgraph/kit';

export type DbCompanyMemberRole = 'owner' | 'admin' | 'recruiter' | 'member';
export type DbListingStatus = 'draft' | 'open' | 'closed' | 'expired';
export type DbEmploymentType = 'full_time' | 'part_time' | 'contract' | 'internship' | 'temporary';
export type DbRemoteType = 'onsite' | 'hybrid' | 'remote';
export type DbSeniorityLevel = 'entry' | 'mid' | 'senior' | 'lead' | 'principal' | 'executive';

export type DbSalaryPeriod = 'hour' | 'day' | 'week' | 'month' | 'year';
export type DbListingVisibility = 'public' | 'unlisted';
export type DbCompanySize = 'micro' | 'small' | 'medium' | 'large' | 'enterprise';
export type DbCompanyType = 'private' | 'public' | 'nonprofit' | 'government' | 'education' | 'self_employed';

/** A nullable column that inserts may leave out. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CompanyTable {
  id: Generated<string>;
  name: string;
  slug: string;
  /** Dedupe key: see `normalizeCompanyName`. Unique among live companies. */
  normalized_name: string;
  website: string | null;
  description: string | null;
  logo_url: Optional<string>;
  industry: Optional<string>;
  size_band: Optional<DbCompanySize>;
  headquarters: Optional<string>;
  /** The headquarters as a normalized place, shared with listings. */
  headquarters_location_id: Optional<string>;
  founded_year: Optional<number>;
  company_type: Optional<DbCompanyType>;
  /** Lower-case host without `www.`; unique among live companies. */
  web_domain: Optional<string>;
  linkedin_id: Optional<string>;
  /** Set by platform admins only. */
  verified_at: Optional<Date>;
  verified_by: Optional<string>;
  /** The identity user who created it; null once that user is erased. */
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Date | null;
}

export interface CompanyMemberTable {
  id: Generated<string>;
  company_id: string;
  /** An identity user id; no foreign key across schemas. */
  user_id: string;
  role: DbCompanyMemberRole;
  /** Who invited them; null for a company's founder and once the inviter is erased. */
  invited_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type DbInvitationStatus = 'pending' | 'accepted' | 'declined' | 'expired';

export interface CompanyInvitationTable {
  id: Generated<string>;
  company_id: string;
  /** Only here, never in events. */
  email: string;
  role: DbCompanyMemberRole;
  /** SHA-256 of the token handed to the invitee once. */
  token_hash: Buffer;
  status: ColumnType<DbInvitationStatus, DbInvitationStatus | undefined, DbInvitationStatus>;
  invited_by: string | null;
  /** The account that accepted or declined. */
  responded_by: ColumnType<string | null, string | null | undefined, string | null>;
  responded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  expires_at: Date;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/**
 * The generated `search_vector` column is left out on purpose: it is read only inside
 * search SQL, and listing rows are selected by `jobListingColumns`, never `select *`.
 */
export interface JobListingTable {
  id: Generated<string>;
  company_id: string;
  title: string;
  description: string;
  status: ColumnType<DbListingStatus, DbListingStatus | undefined, DbListingStatus>;
  employment_type: DbEmploymentType;
  remote_type: DbRemoteType;
  seniority: DbSeniorityLevel | null;
  location: string | null;
  salary_min_cents: number | null;
  salary_max_cents: number | null;
  salary_currency: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  posted_at: Date | null;
  closed_at: Date | null;
  expires_at: Date | null;
  requirements: Optional<string>;
  responsibilities: Optional<string>;
  benefits: Optional<string>;
  department: Optional<string>;
  salary_period: ColumnType<DbSalaryPeriod, DbSalaryPeriod | undefined, DbSalaryPeriod>;
  eligibility_notes: Optional<string>;
  work_authorization_notes: Optional<string>;
  /** `unlisted`: reachable by its id or slug, never in search or the company's public list. */
  visibility: ColumnType<DbListingVisibility, DbListingVisibility | undefined, DbListingVisibility>;
  source: ColumnType<'employer' | 'import', 'employer' | 'import' | undefined, never>;
  /** Made from the title and the id once; never changes. */
  slug: ColumnType<string, string, never>;
  /** The normalized place, when the employer gave one; `location` stays the text shown. */
  location_id: Optional<string>;
  /** Featured while this is in the future; set from billing's FeaturedListingPurchased. */
  featured_until: Optional<Date>;
  view_count: ColumnType<number, never, number>;
  /** Counted from pipeline's ApplicationCreated. */
  application_count: ColumnType<number, never, number>;
  /** Generated: the top of the range as a yearly amount (`jobs(sort: SALARY)`); null without pay. */
  salary_yearly_top_cents: ColumnType<number | null, never, never>;
  /** The identity user who created it; null once that user is erased. */
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Read-only: the trigger of migration 0025 writes it (an open public listing's search keys). */
type Kept<T> = ColumnType<T, never, never>;

/**
 * One row per open public listing, kept by a trigger on `job_listings`: only what search
 * filters, sorts, ranks and counts by, so searches read narrow rows and fetch full listings
 * only for the page. `search_vector` is read inside search SQL only.
 */
export interface ListingSearchTable {
  id: Kept<string>;
  /** `coalesce(posted_at, created_at)`: the `newest` sort key. */
  listed_at: Kept<Date>;
  expires_at: Kept<Date | null>;
  featured_until: Kept<Date | null>;
  company_id: Kept<string>;
  remote_type: Kept<DbRemoteType>;
  employment_type: Kept<DbEmploymentType>;
  seniority: Kept<DbSeniorityLevel | null>;
  location_id: Kept<string | null>;
  tags: Kept<string[]>;
  salary_currency: Kept<string | null>;
  salary_period: Kept<DbSalaryPeriod>;
  /** `coalesce(salary_max_cents, salary_min_cents)`, in the listing's own period. */
  salary_top_cents: Kept<number | null>;
  salary_yearly_top_cents: Kept<number | null>;
  /** Generated: the search vector is small enough for the covering newest-first indexes (migration 0027). */
  compact_vector: Kept<boolean>;
}

export interface LocationTable {
  id: Generated<string>;
  city: string;
  region: string | null;
  /** ISO 3166-1 alpha-2, upper-case. */
  country_code: string;
  latitude: number;
  longitude: number;
  /** IANA name, e.g. Europe/Berlin. */
  timezone: string | null;
  created_at: CreatedAt;
}

export type DbTagKind = 'skill' | 'department' | 'category';
export type DbTagRequirement = 'required' | 'nice_to_have';

export interface ListingTagTable {
  listing_id: string;
  /** Normalized as in `job_listings.tags`. */
  tag: string;
  kind: DbTagKind;
  requirement: DbTagRequirement;
  level: number | null;
  /** The order the employer gave. */
  position: number;
}

/** Billing's entitlements of an employer company, as far as catalog needs them. */
export interface CompanyEntitlementTable {
  company_id: string;
  plan_code: string;
  status: 'active' | 'trialing' | 'past_due' | 'canceled';
  /** Open listings allowed at once; null is unlimited. */
  active_listings: number | null;
  version: number;
  effective_at: Date;
  updated_at: UpdatedAt;
}

export type DbJobSort = 'relevance' | 'recency' | 'salary';

/** One distinct search of a signed-in user (CA-27), refreshed when run again. */
export interface SearchHistoryTable {
  id: Generated<string>;
  user_id: string;
  /** `searchFingerprint` of the normalized search and sort. */
  fingerprint: string;
  query: string | null;
  /** The filter as `jobs` takes it (GraphQL names and enum values), normalized. */
  filter: ColumnType<Record<string, unknown>, string, string>;
  sort: DbJobSort;
  result_count: number;
  searched_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A user's catalog-side settings; no row means the defaults. */
export interface SearchPreferenceTable {
  user_id: string;
  history_enabled: boolean;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type DbReviewStatus = 'pending' | 'approved' | 'rejected';

/** A candidate's review of a company; shown once approved, its author never when anonymous. */
export interface CompanyReviewTable {
  id: Generated<string>;
  company_id: string;
  /** Kept for one-review-per-company and the author's own list; never shown for an anonymous review. */
  author_id: string;
  rating: number;
  title: string;
  body: string;
  anonymous: boolean;
  status: ColumnType<DbReviewStatus, DbReviewStatus | undefined, DbReviewStatus>;
  moderated_by: Optional<string>;
  moderated_at: Optional<Date>;
  rejection_reason: Optional<string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Catalog's tables, with the outbox and inbox every domain schema holds. */
export interface Database extends EventTables {
  companies: CompanyTable;
  company_members: CompanyMemberTable;
  company_invitations: CompanyInvitationTable;
  job_listings: JobListingTable;
  listing_search: ListingSearchTable;
  company_entitlements: CompanyEntitlementTable;
  listing_tags: ListingTagTable;
  locations: LocationTable;
  search_history: SearchHistoryTable;
  search_preferences: SearchPreferenceTable;
  company_reviews: CompanyReviewTable;
}

export type Company = Selectable<CompanyTable>;
export type NewCompany = Insertable<CompanyTable>;
export type CompanyUpdate = Updateable<CompanyTable>;
export type CompanyMember = Selectable<CompanyMemberTable>;
export type NewCompanyMember = Insertable<CompanyMemberTable>;
export type CompanyInvitation = Selectable<CompanyInvitationTable>;
export type JobListing = Selectable<JobListingTable>;
export type NewJobListing = Insertable<JobListingTable>;
export type JobListingUpdate = Updateable<JobListingTable>;
export type ListingTag = Selectable<ListingTagTable>;
export type Location = Selectable<LocationTable>;
export type SearchHistoryEntry = Selectable<SearchHistoryTable>;
export type CompanyReview = Selectable<CompanyReviewTable>;
