import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EventTables } from '@jobgraph/kit';
import type { ParsedCv } from '../domain/cv/parse-cv.ts';
import type { ResumeAnalysis } from '../domain/resumes/resume-analysis.ts';
import type { ResumeSections } from '../domain/resumes/resume-sections.ts';

/** The parser's answer as stored in `documents.parsed_cv` (jsonb). */
export type StoredParsedCv = ParsedCv;

export type DbRemotePreference = 'onsite' | 'hybrid' | 'remote' | 'any';
export type DbListingStatus = 'draft' | 'open' | 'closed' | 'expired';
export type DbAvailability = 'immediately' | 'within_2_weeks' | 'within_month' | 'not_looking';
export type DbEducationLevel = 'none' | 'high_school' | 'associate' | 'bachelor' | 'master' | 'doctorate';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar date as `YYYY-MM-DD` (the pg driver is set to return dates as text). */
type DateColumn = ColumnType<string | null, string | null | undefined, string | null>;

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
  /** At least the minimum; set only with it. */
  desired_salary_max_cents: number | null;
  work_authorizations: Generated<string[]>;
  /** Catalog's seniority levels, lower-case (entry … executive). */
  desired_levels: Generated<string[]>;
  desired_functions: Generated<string[]>;
  desired_industries: Generated<string[]>;
  /** Catalog's employment types, lower-case (full_time … temporary). */
  desired_job_types: Generated<string[]>;
  languages: Generated<string[]>;
  availability: DbAvailability | null;
  current_title: string | null;
  current_company: string | null;
  education_level: DbEducationLevel | null;
  /** Whether employers may find the candidate (AS-21); false by default. */
  discoverable: Generated<boolean>;
  /** Whether employers who find the candidate see the contact details below. */
  share_contact: Generated<boolean>;
  contact_email: string | null;
  contact_phone: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Columns every ordered history entry has: the owner and the place in their list. */
interface HistoryEntryColumns {
  id: Generated<string>;
  /** Identity's user id; no foreign key crosses schemas. */
  user_id: string;
  /** 0 first, in the order the user saved. */
  position: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface EducationEntryTable extends HistoryEntryColumns {
  institution: string;
  degree: string | null;
  field_of_study: string | null;
  start_date: DateColumn;
  end_date: DateColumn;
  is_current: Generated<boolean>;
  grade: string | null;
}

export interface WorkExperienceTable extends HistoryEntryColumns {
  company: string;
  role: string;
  location: string | null;
  start_date: DateColumn;
  end_date: DateColumn;
  is_current: Generated<boolean>;
  description: string | null;
  achievements: Generated<string[]>;
  skills_used: Generated<string[]>;
}

export interface ProjectTable extends HistoryEntryColumns {
  title: string;
  description: string;
  technologies: Generated<string[]>;
  url: string | null;
}

/** One explained part of a fit score, as stored in `fit_scores.factors`. */
export interface StoredFitFactor {
  readonly kind: 'skills' | 'title' | 'seniority' | 'salary' | 'location' | 'recency';
  /** Share of the score, in percent; the weights of one score add up to 100. */
  readonly weight: number;
  /** 0..1000: how well this factor matches (thousandths, so scores are exact integers). */
  readonly value: number;
  readonly explanation: string;
  readonly known: boolean;
}

export interface FitScoreTable {
  user_id: string;
  listing_id: string;
  score: number;
  factors: ColumnType<StoredFitFactor[], string, string>;
  rationale: string;
  salary_estimate_cents: number | null;
  viewed_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** The digest of the fit inputs a user's stored fit scores were computed from. */
export interface FitProfileDigestTable {
  user_id: string;
  digest: string;
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

export type DbDocumentKind = 'resume' | 'cover_letter' | 'certificate' | 'other';
export type DbDocumentStatus = 'pending' | 'ready' | 'rejected';

export interface DocumentTable {
  id: Generated<string>;
  /** Identity's user id; no foreign key crosses schemas. */
  user_id: string;
  kind: DbDocumentKind;
  /** Cleaned: the last path segment, no control characters or quotes. */
  file_name: string;
  /** The size the upload was signed for. */
  size_bytes: number;
  /** The blob store key: the assistant's own, never the file name. */
  storage_key: string;
  status: Generated<DbDocumentStatus>;
  /** Sniffed from the bytes once checked. */
  mime_type: string | null;
  rejection_code: string | null;
  is_primary: Generated<boolean>;
  /** A resume's text as read when its upload was checked; null for other kinds or unreadable files. */
  extracted_text: ColumnType<string | null, string | null | undefined, string | null>;
  /** The parser's answer (`ParsedCv`), stored with `parsed_at`. */
  parsed_cv: ColumnType<StoredParsedCv | null, string | null | undefined, string | null>;
  parsed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A tag some projected listing carries: the vocabulary CV skills are normalized against. */
export interface SkillVocabularyTable {
  tag: string;
  listing_count: number;
  updated_at: UpdatedAt;
}

/** Pipeline's applications as far as linking needs them: a projection of its application events. */
export interface ApplicationOwnerTable {
  application_id: string;
  user_id: string;
  /** In pipeline's trash since; null while live. */
  deleted_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface JobDescriptionTable {
  id: Generated<string>;
  /** Identity's user id; no foreign key crosses schemas. */
  user_id: string;
  /** Pipeline's application id, when linked; no foreign key crosses schemas. */
  application_id: string | null;
  job_title: string | null;
  company_name: string | null;
  raw_text: string;
  /** SHA-256 (hex) of the normalized text: one row per user and text. */
  content_hash: string;
  requirements: Generated<string[]>;
  /** Catalog tags the text names. */
  skills: Generated<string[]>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ResumeVersionTable {
  id: Generated<string>;
  /** Identity's user id; no foreign key crosses schemas. */
  user_id: string;
  is_base: Generated<boolean>;
  /** Catalog's listing a tailored version is for; null for the base. */
  listing_id: string | null;
  title: string;
  sections: ColumnType<ResumeSections, string, string>;
  ats_score: number | null;
  /** The listing's keywords the version names. */
  keywords: Generated<string[]>;
  missing_keywords: Generated<string[]>;
  /** jsondiffpatch's delta from the base's sections; null for the base, or with no base. */
  diff_from_base: ColumnType<unknown, string | null, string | null>;
  analysis: ColumnType<ResumeAnalysis, string, string>;
  /** The rendered PDF's blob key. */
  pdf_key: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Catalog's company members: who may search candidates for which company. */
export interface CompanyMemberTable {
  company_id: string;
  user_id: string;
  role: string;
  /** The time of the event the row reflects. */
  updated_at: Date;
}

export interface Database extends EventTables {
  career_profiles: CareerProfileTable;
  listing_features: ListingFeaturesTable;
  education_entries: EducationEntryTable;
  work_experiences: WorkExperienceTable;
  projects: ProjectTable;
  fit_scores: FitScoreTable;
  fit_profile_digests: FitProfileDigestTable;
  documents: DocumentTable;
  skill_vocabulary: SkillVocabularyTable;
  application_owners: ApplicationOwnerTable;
  job_descriptions: JobDescriptionTable;
  resume_versions: ResumeVersionTable;
  company_members: CompanyMemberTable;
}

export type CareerProfile = Selectable<CareerProfileTable>;
export type NewCareerProfile = Insertable<CareerProfileTable>;
export type CareerProfileUpdate = Updateable<CareerProfileTable>;
export type ListingFeatures = Selectable<ListingFeaturesTable>;
export type NewListingFeatures = Insertable<ListingFeaturesTable>;
export type EducationEntry = Selectable<EducationEntryTable>;
export type NewEducationEntry = Insertable<EducationEntryTable>;
export type WorkExperience = Selectable<WorkExperienceTable>;
export type NewWorkExperience = Insertable<WorkExperienceTable>;
export type Project = Selectable<ProjectTable>;
export type NewProject = Insertable<ProjectTable>;
export type FitScore = Selectable<FitScoreTable>;
export type NewFitScore = Insertable<FitScoreTable>;
export type Document = Selectable<DocumentTable>;
export type JobDescription = Selectable<JobDescriptionTable>;
export type ResumeVersion = Selectable<ResumeVersionTable>;
