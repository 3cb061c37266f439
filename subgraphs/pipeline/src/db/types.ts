import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** What a stage means, whatever the user named it. The database keeps these lower-case. */
export type DbStageKind = 'applied' | 'screening' | 'interview' | 'offer' | 'hired' | 'rejected' | 'withdrawn';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

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

export interface Database {
  application_stages: ApplicationStageTable;
  applications: ApplicationTable;
  application_stage_changes: ApplicationStageChangeTable;
}

export type ApplicationStage = Selectable<ApplicationStageTable>;
export type NewApplicationStage = Insertable<ApplicationStageTable>;
export type ApplicationStageUpdate = Updateable<ApplicationStageTable>;
export type Application = Selectable<ApplicationTable>;
export type NewApplication = Insertable<ApplicationTable>;
export type ApplicationUpdate = Updateable<ApplicationTable>;
export type ApplicationStageChange = Selectable<ApplicationStageChangeTable>;
export type NewApplicationStageChange = Insertable<ApplicationStageChangeTable>;
