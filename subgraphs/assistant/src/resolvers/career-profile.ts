import type { DbAvailability, DbEducationLevel, DbRemotePreference } from '../db/types.ts';
import type {
  Availability,
  CareerPreferencesResolvers,
  CareerProfileResolvers,
  EducationLevel,
  EmploymentType,
  RemotePreference,
  SeniorityLevel,
} from '../generated/resolvers.ts';

/** GraphQL enums are the database's lower-case values in upper case. */
const upper = <T extends string>(value: string): T => value.toUpperCase() as T;
const lower = <T extends string>(value: string): T => value.toLowerCase() as T;

export const toRemotePreference = (value: DbRemotePreference): RemotePreference => upper(value);
export const fromRemotePreference = (value: RemotePreference): DbRemotePreference => lower(value);
export const fromAvailability = (value: Availability): DbAvailability => lower(value);
export const fromEducationLevel = (value: EducationLevel): DbEducationLevel => lower(value);
export const fromSeniorityLevel = (value: SeniorityLevel): string => lower(value);
export const fromEmploymentType = (value: EmploymentType): string => lower(value);

const money = (amountCents: number | null, currency: string | null) => (amountCents !== null && currency !== null ? { amountCents, currency } : null);

export const CareerProfile: CareerProfileResolvers = {
  discovery: (profile) => ({ discoverable: profile.discoverable, shareContact: profile.share_contact, contactEmail: profile.contact_email, contactPhone: profile.contact_phone }),
  id: (profile) => profile.id,
  headline: (profile) => profile.headline,
  summary: (profile) => profile.summary,
  skills: (profile) => profile.skills,
  preferences: (profile) => profile,
  yearsOfExperience: (profile) => profile.years_of_experience,
  currentTitle: (profile) => profile.current_title,
  currentCompany: (profile) => profile.current_company,
  educationLevel: (profile) => (profile.education_level ? upper<EducationLevel>(profile.education_level) : null),
  languages: (profile) => profile.languages,
  education: (profile, _args, { loaders }) => loaders.educationByUserId.load(profile.user_id).then((rows) => [...rows]),
  workExperience: (profile, _args, { loaders }) => loaders.workExperienceByUserId.load(profile.user_id).then((rows) => [...rows]),
  projects: (profile, _args, { loaders }) => loaders.projectsByUserId.load(profile.user_id).then((rows) => [...rows]),
  updatedAt: (profile) => profile.updated_at,
};

export const CareerPreferences: CareerPreferencesResolvers = {
  desiredTitles: (profile) => profile.desired_titles,
  locations: (profile) => profile.preferred_locations,
  remote: (profile) => toRemotePreference(profile.remote_preference),
  desiredSalary: (profile) => money(profile.desired_salary_min_cents, profile.desired_salary_currency),
  desiredSalaryMax: (profile) => money(profile.desired_salary_max_cents, profile.desired_salary_currency),
  openToWork: (profile) => profile.open_to_work,
  workAuthorizations: (profile) => profile.work_authorizations,
  levels: (profile) => profile.desired_levels.map((level) => upper<SeniorityLevel>(level)),
  functions: (profile) => profile.desired_functions,
  industries: (profile) => profile.desired_industries,
  jobTypes: (profile) => profile.desired_job_types.map((type) => upper<EmploymentType>(type)),
  availability: (profile) => (profile.availability ? upper<Availability>(profile.availability) : null),
};
