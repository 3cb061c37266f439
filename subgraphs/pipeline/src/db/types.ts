import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EventTables } from '@jobgraph/kit';

/** What a stage means, whatever the user named it. The database keeps these lower-case. */
export type DbStageKind = 'wishlist' | 'applied' | 'screening' | 'interview' | 'offer' | 'hired' | 'rejected' | 'withdrawn';

/** A calendar day: written as `YYYY-MM-DD`, read back by pg as local midnight (format with domain/calendar-day.ts). */
/** A `date` column: read and written as `YYYY-MM-DD` text (the pool does not make it a Date). */
type DateOnly = ColumnType<string, string, string>;
type Int8 = ColumnType<string, number | string, number | string>;

export type DbApplicationSource = 'job_board' | 'company_site' | 'referral' | 'recruiter' | 'network' | 'email' | 'other';

/** What an application keeps of the listing it applies to, as catalog's events described it. */
export interface ListingSnapshotJson {
  readonly listingId: string;
  readonly companyId: string;
  readonly companyName: string | null;
  readonly title: string;
  readonly status: string;
  readonly employmentType?: string;
  readonly remoteType?: string;
  readonly seniority?: string | null;
  readonly location?: string | null;
  readonly tags?: readonly string[];
  readonly salary?: { readonly minCents: number | null; readonly maxCents: number | null; readonly currency: string } | null;
  readonly postedAt?: string | null;
  /** When pipeline took the snapshot. */
  readonly takenAt: string;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A projection row's version: the time of the event it reflects, always given. */
type EventTime = ColumnType<Date, Date | string, Date | string>;

export interface ApplicationStageTable {
  id: Generated<string>;
  /** identity's user id. */
  user_id: string;
  name: string;
  position: number;
  kind: DbStageKind;
  archived_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ApplicationTable {
  id: Generated<string>;
  /** identity's user id. */
  user_id: string;
  /** catalog's listing id; null for a job entered by hand. */
  job_listing_id: string | null;
  /** Set exactly when `job_listing_id` is null. */
  manual_title: string | null;
  manual_company_name: string | null;
  manual_url: string | null;
  manual_location: string | null;
  stage_id: string;
  notes: string | null;
  applied_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Date | null;
  // h8: application details (PI-03, PI-05, PI-11)
  /** The last day to apply or answer. */
  deadline_on: DateOnly | null;
  /** When the user means to follow up. */
  follow_up_on: DateOnly | null;
  /** bigint: Postgres hands it back as text; read with `Number`. */
  salary_min_cents: Int8 | null;
  salary_max_cents: Int8 | null;
  salary_currency: string | null;
  source: DbApplicationSource | null;
  source_label: string | null;
  employer_responded_at: Date | null;
  /** The listing as the projection knew it when the user applied; null for a job entered by hand. */
  listing_snapshot: ColumnType<ListingSnapshotJson | null, string | null | undefined, string | null>;
  /** Kept by Postgres (a generated column); never written. */
  search_document: ColumnType<string, never, never>;
}

export interface ApplicationStageChangeTable {
  id: Generated<string>;
  application_id: string;
  /** Null on the entry that records the stage an application was created in. */
  from_stage_id: string | null;
  to_stage_id: string;
  note: string | null;
  /** identity's user id; null when the system made the change. */
  changed_by: string | null;
  changed_at: CreatedAt;
}

/** What a task asks of the user; the database keeps these lower-case. */
export type DbTaskKind = 'application_follow_up' | 'interview_preparation' | 'offer_response' | 'research' | 'apply' | 'referral' | 'thank_you';
export type DbTaskPriority = 'low' | 'medium' | 'high';
/** Who made a task: the user (PI-19), or pipeline from what happened (PI-18). */
export type DbTaskOrigin = 'user' | 'system';

export interface TaskTable {
  id: Generated<string>;
  /** identity's user id. */
  user_id: string;
  /** The application it is about; null for a task about none. Deleting the application deletes it. */
  application_id: string | null;
  kind: DbTaskKind;
  title: string;
  due_at: Date | null;
  completed_at: Date | null;
  created_at: CreatedAt;
  // h8: personal tasks (PI-19)
  priority: ColumnType<DbTaskPriority, DbTaskPriority | undefined, DbTaskPriority>;
  origin: ColumnType<DbTaskOrigin, DbTaskOrigin | undefined, never>;
  updated_at: UpdatedAt;
  /** h8: the calendar event a generated task follows from (prepare before it, thank after it). */
  calendar_event_id: ColumnType<string | null, string | null | undefined, never>;
}

export type DbListingStatus = 'draft' | 'open' | 'closed' | 'expired';

/** Projection of catalog's listings (fed by its events): which company owns each. */
export interface ListingOwnershipTable {
  /** catalog's listing id. */
  job_listing_id: string;
  /** catalog's company id. */
  company_id: string;
  title: string;
  status: DbListingStatus;
  /** catalog's whole snapshot as its last event carried it. */
  snapshot: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Time of the event the row reflects. */
  updated_at: EventTime;
}

/** Projection of catalog's companies (fed by CompanyCreated): their names, for listing snapshots. */
export interface CompanyNameTable {
  company_id: string;
  name: string;
  updated_at: EventTime;
}

export type DbCompanyRole = 'owner' | 'admin' | 'recruiter' | 'member';

/** Projection of catalog's company members (fed by its events). */
export interface CompanyMemberTable {
  company_id: string;
  /** identity's user id. */
  user_id: string;
  role: DbCompanyRole;
  /** Time of the event the row reflects. */
  updated_at: EventTime;
}

// ---- Email ingestion (issue 9, PI-27/PI-28) ----

export interface EmailForwardingAddressTable {
  /** identity's user id. */
  user_id: string;
  /** 26 base32 characters: the local part of the user's forwarding address. */
  token: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type DbTrustedSenderKind = 'address' | 'domain';

export interface TrustedSenderTable {
  id: Generated<string>;
  user_id: string;
  kind: DbTrustedSenderKind;
  /** Lower-case address or domain. */
  sender: string;
  created_at: CreatedAt;
}

export type DbEmailClass = 'confirmation' | 'rejection' | 'interview' | 'offer' | 'assessment' | 'unrelated';
export type DbParsedEmailStatus = 'applied' | 'needs_review' | 'dismissed' | 'refused';
export type DbInboundProvider = 'postmark' | 'mailgun' | 'raw';

export interface ParsedEmailExtracted {
  readonly company: string | null;
  readonly jobTitle: string | null;
  readonly dates: readonly { readonly text: string; readonly date: string | null }[];
}

type Json<T> = ColumnType<T, string, string>;

export interface ParsedEmailTable {
  id: Generated<string>;
  user_id: string;
  /** sha-256 of the raw message, hex. */
  raw_hash: string;
  provider: DbInboundProvider;
  sender: string;
  subject: string;
  /** Plain text, never markup; null for a refused message. */
  body_text: string | null;
  attachment_count: number;
  sent_at: Date | null;
  /** Null exactly for a refused message. */
  classification: DbEmailClass | null;
  confidence: number | null;
  reasons: Json<readonly string[]>;
  extracted: Json<ParsedEmailExtracted | Record<string, never>>;
  status: DbParsedEmailStatus;
  application_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InboundWebhookTokenTable {
  token: string;
  seen_at: CreatedAt;
}

// ---- h8 (issue 8): timeline, calendar ----

export type DbTimelineKind = 'note' | 'stage_change' | 'interview' | 'offer' | 'follow_up' | 'email';
export type DbTimelineAuthor = 'user' | 'system' | 'parser';

export interface TimelineEntryTable {
  id: Generated<string>;
  application_id: string;
  /** identity's user id: the application's owner. */
  user_id: string;
  kind: DbTimelineKind;
  author: DbTimelineAuthor;
  /** Shape per kind: domain/timeline-payload.ts checks it before every write. */
  payload: ColumnType<Record<string, unknown>, string, string>;
  occurred_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  /** Set when the user edited their note. */
  edited_at: Date | null;
}

export type DbCalendarEventKind = 'interview' | 'phone_screen' | 'assessment' | 'deadline' | 'offer_call' | 'other';

export interface CalendarEventTable {
  id: Generated<string>;
  application_id: string;
  /** identity's user id: the application's owner. */
  user_id: string;
  kind: DbCalendarEventKind;
  title: string;
  starts_at: Date;
  ends_at: Date;
  location: string | null;
  meeting_url: string | null;
  notes: string | null;
  /** Minutes before the start. */
  reminder_minutes: ColumnType<number[], readonly number[] | undefined, readonly number[]>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CalendarReminderFiredTable {
  event_id: string;
  minutes_before: number;
  starts_at: Date;
  fired_at: CreatedAt;
}

export interface CalendarFeedTable {
  user_id: string;
  /** sha-256 of the feed's secret token. */
  token_hash: Buffer;
  created_at: CreatedAt;
  last_fetched_at: Date | null;
}

export type DbContactChannel = 'email' | 'linkedin' | 'phone' | 'in_person' | 'other';

export interface OutreachContactTable {
  id: Generated<string>;
  application_id: string;
  user_id: string;
  name: string;
  role: string | null;
  profile_url: string | null;
  channel: DbContactChannel;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OutreachMessageTable {
  id: Generated<string>;
  contact_id: string;
  application_id: string;
  user_id: string;
  subject: string | null;
  body: string;
  status: ColumnType<'draft' | 'queued' | 'sent' | 'replied' | 'bounced', 'draft' | undefined, 'draft' | 'queued' | 'sent' | 'replied' | 'bounced'>;
  sent_at: Date | null;
  answered_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SavedJobTable {
  id: Generated<string>;
  user_id: string;
  job_listing_id: string;
  priority: ColumnType<DbTaskPriority, DbTaskPriority | undefined, DbTaskPriority>;
  note: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ComparisonTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ComparisonItemTable {
  comparison_id: string;
  job_listing_id: string;
  position: number;
}

export type DbStatsPeriod = 'week' | 'month';

export interface PipelineStatSnapshotTable {
  user_id: string;
  period: DbStatsPeriod;
  period_start: DateOnly;
  /** An application source, `none`, or `all`. */
  source: string;
  active_applications: number;
  applications: number;
  responded: number;
  interviewed: number;
  offered: number;
  days_to_first_response_sum: number;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database extends EventTables {
  application_stages: ApplicationStageTable;
  applications: ApplicationTable;
  application_stage_changes: ApplicationStageChangeTable;
  tasks: TaskTable;
  listing_ownership: ListingOwnershipTable;
  company_members: CompanyMemberTable;
  // Email ingestion (issue 9)
  email_forwarding_addresses: EmailForwardingAddressTable;
  trusted_senders: TrustedSenderTable;
  parsed_emails: ParsedEmailTable;
  inbound_webhook_tokens: InboundWebhookTokenTable;
  company_names: CompanyNameTable;
  // h8 (issue 8)
  timeline_entries: TimelineEntryTable;
  calendar_events: CalendarEventTable;
  calendar_reminders_fired: CalendarReminderFiredTable;
  calendar_feeds: CalendarFeedTable;
  outreach_contacts: OutreachContactTable;
  outreach_messages: OutreachMessageTable;
  saved_jobs: SavedJobTable;
  comparisons: ComparisonTable;
  comparison_items: ComparisonItemTable;
  pipeline_stat_snapshots: PipelineStatSnapshotTable;
}

export type ApplicationStage = Selectable<ApplicationStageTable>;
export type NewApplicationStage = Insertable<ApplicationStageTable>;
export type ApplicationStageUpdate = Updateable<ApplicationStageTable>;
/** An application as resolvers read it: every column but the search vector (db/application-columns.ts). */
export type Application = Omit<Selectable<ApplicationTable>, 'search_document'>;
export type NewApplication = Insertable<ApplicationTable>;
export type ApplicationUpdate = Updateable<ApplicationTable>;
export type ApplicationStageChange = Selectable<ApplicationStageChangeTable>;
export type NewApplicationStageChange = Insertable<ApplicationStageChangeTable>;
export type Task = Selectable<TaskTable>;
export type NewTask = Insertable<TaskTable>;
export type TaskUpdate = Updateable<TaskTable>;
export type ListingOwnership = Selectable<ListingOwnershipTable>;
export type NewListingOwnership = Insertable<ListingOwnershipTable>;
export type CompanyMember = Selectable<CompanyMemberTable>;
export type NewCompanyMember = Insertable<CompanyMemberTable>;
export type TrustedSender = Selectable<TrustedSenderTable>;
export type ParsedEmailRow = Selectable<ParsedEmailTable>;
export type TimelineEntry = Selectable<TimelineEntryTable>;
export type NewTimelineEntry = Insertable<TimelineEntryTable>;
export type CalendarEvent = Selectable<CalendarEventTable>;
export type OutreachContact = Selectable<OutreachContactTable>;
export type OutreachMessage = Selectable<OutreachMessageTable>;
export type SavedJob = Selectable<SavedJobTable>;
export type Comparison = Selectable<ComparisonTable>;
export type PipelineStatSnapshot = Selectable<PipelineStatSnapshotTable>;
