import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type DbRemotePreference = 'onsite' | 'hybrid' | 'remote' | 'any';

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

export interface Database {
  career_profiles: CareerProfileTable;
}

export type CareerProfile = Selectable<CareerProfileTable>;
export type NewCareerProfile = Insertable<CareerProfileTable>;
export type CareerProfileUpdate = Updateable<CareerProfileTable>;
