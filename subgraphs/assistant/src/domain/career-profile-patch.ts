import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { CareerProfileUpdate, DbAvailability, DbEducationLevel, DbRemotePreference } from '../db/types.ts';
import { characterCount, multiLineText, singleLineText } from './plain-text.ts';
import { normalizeTextList, type TextListRule } from './text-list.ts';

export const careerProfileLimits = {
  headline: 120,
  summary: 2000,
  skills: { maxItems: 50, maxLength: 50 },
  desiredTitles: { maxItems: 20, maxLength: 100 },
  locations: { maxItems: 20, maxLength: 100 },
  yearsOfExperience: { min: 0, max: 70 },
  currentTitle: 120,
  currentCompany: 120,
  workAuthorizations: { maxItems: 20, maxLength: 100 },
  functions: { maxItems: 20, maxLength: 100 },
  industries: { maxItems: 20, maxLength: 100 },
  languages: { maxItems: 20, maxLength: 50 },
} as const;

export interface DesiredSalary {
  readonly amountCents: number;
  readonly currency: string;
  /** The top of the wanted range; at least `amountCents`. */
  readonly maxAmountCents?: number | null;
}

/**
 * A partial change as the user asked for it: `undefined` leaves a field as it is,
 * `null` clears it.
 */
export interface CareerProfilePatch {
  readonly headline?: string | null;
  readonly summary?: string | null;
  readonly skills?: readonly string[] | null;
  readonly desiredTitles?: readonly string[] | null;
  readonly locations?: readonly string[] | null;
  readonly remote?: DbRemotePreference | null;
  readonly desiredSalary?: DesiredSalary | null;
  readonly openToWork?: boolean | null;
  readonly yearsOfExperience?: number | null;
  readonly currentTitle?: string | null;
  readonly currentCompany?: string | null;
  readonly workAuthorizations?: readonly string[] | null;
  /** Catalog's seniority levels, lower-case; the GraphQL enum guarantees the values. */
  readonly levels?: readonly string[] | null;
  readonly functions?: readonly string[] | null;
  readonly industries?: readonly string[] | null;
  /** Catalog's employment types, lower-case. */
  readonly jobTypes?: readonly string[] | null;
  readonly languages?: readonly string[] | null;
  readonly availability?: DbAvailability | null;
  readonly educationLevel?: DbEducationLevel | null;
}

/** The columns a valid patch sets; columns it leaves out keep their value. */
export type CareerProfileChanges = Pick<
  CareerProfileUpdate,
  | 'headline'
  | 'summary'
  | 'skills'
  | 'desired_titles'
  | 'preferred_locations'
  | 'remote_preference'
  | 'desired_salary_min_cents'
  | 'desired_salary_currency'
  | 'open_to_work'
  | 'years_of_experience'
  | 'desired_salary_max_cents'
  | 'current_title'
  | 'current_company'
  | 'work_authorizations'
  | 'desired_levels'
  | 'desired_functions'
  | 'desired_industries'
  | 'desired_job_types'
  | 'languages'
  | 'availability'
  | 'education_level'
>;

const field = (...path: string[]) => ['input', ...path];

/** Checks every rule at once, so a form can show all its problems together. */
export function parseCareerProfilePatch(patch: CareerProfilePatch): Outcome<CareerProfileChanges> {
  const errors: UserError[] = [];
  const changes: CareerProfileChanges = {};

  if (patch.headline !== undefined) {
    const headline = patch.headline === null ? '' : singleLineText(patch.headline);
    if (characterCount(headline) > careerProfileLimits.headline) {
      errors.push(userError('TOO_LONG', `The headline may have at most ${careerProfileLimits.headline} characters.`, field('headline')));
    }
    changes.headline = headline === '' ? null : headline;
  }
  const line = (raw: string | null | undefined, max: number, name: string, label: string): string | null | undefined => {
    if (raw === undefined) return undefined;
    const text = raw === null ? '' : singleLineText(raw);
    if (characterCount(text) > max) errors.push(userError('TOO_LONG', `The ${label} may have at most ${max} characters.`, field(name)));
    return text === '' ? null : text;
  };
  const currentTitle = line(patch.currentTitle, careerProfileLimits.currentTitle, 'currentTitle', 'current title');
  if (currentTitle !== undefined) changes.current_title = currentTitle;
  const currentCompany = line(patch.currentCompany, careerProfileLimits.currentCompany, 'currentCompany', 'current company');
  if (currentCompany !== undefined) changes.current_company = currentCompany;
  if (patch.summary !== undefined) {
    const summary = patch.summary === null ? '' : multiLineText(patch.summary);
    if (characterCount(summary) > careerProfileLimits.summary) {
      errors.push(userError('TOO_LONG', `The summary may have at most ${careerProfileLimits.summary} characters.`, field('summary')));
    }
    changes.summary = summary === '' ? null : summary;
  }

  const list = (raw: readonly string[] | null, rule: TextListRule): string[] => {
    const normalized = normalizeTextList(raw ?? [], rule);
    errors.push(...normalized.errors);
    return [...normalized.values];
  };
  if (patch.skills !== undefined) changes.skills = list(patch.skills, { field: field('skills'), noun: 'skill', ...careerProfileLimits.skills });
  if (patch.desiredTitles !== undefined) {
    changes.desired_titles = list(patch.desiredTitles, { field: field('desiredTitles'), noun: 'title', ...careerProfileLimits.desiredTitles });
  }
  if (patch.locations !== undefined) {
    changes.preferred_locations = list(patch.locations, { field: field('locations'), noun: 'location', ...careerProfileLimits.locations });
  }

  if (patch.workAuthorizations !== undefined) {
    changes.work_authorizations = list(patch.workAuthorizations, { field: field('workAuthorizations'), noun: 'work authorization', ...careerProfileLimits.workAuthorizations });
  }
  if (patch.functions !== undefined) changes.desired_functions = list(patch.functions, { field: field('functions'), noun: 'function', ...careerProfileLimits.functions });
  if (patch.industries !== undefined) changes.desired_industries = list(patch.industries, { field: field('industries'), noun: 'industry', ...careerProfileLimits.industries });
  if (patch.languages !== undefined) changes.languages = list(patch.languages, { field: field('languages'), noun: 'language', ...careerProfileLimits.languages });
  if (patch.levels !== undefined) changes.desired_levels = [...new Set(patch.levels ?? [])];
  if (patch.jobTypes !== undefined) changes.desired_job_types = [...new Set(patch.jobTypes ?? [])];
  if (patch.availability !== undefined) changes.availability = patch.availability;
  if (patch.educationLevel !== undefined) changes.education_level = patch.educationLevel;

  if (patch.remote !== undefined) changes.remote_preference = patch.remote ?? 'any';
  if (patch.openToWork !== undefined) changes.open_to_work = patch.openToWork ?? false;

  if (patch.desiredSalary !== undefined) {
    const salary = patch.desiredSalary;
    if (salary && (!Number.isSafeInteger(salary.amountCents) || salary.amountCents < 0)) {
      errors.push(userError('OUT_OF_RANGE', 'The desired salary may not be negative.', field('desiredSalary', 'amountCents')));
    }
    const max = salary?.maxAmountCents ?? null;
    if (salary && max !== null && (!Number.isSafeInteger(max) || max < salary.amountCents)) {
      errors.push(userError('OUT_OF_RANGE', 'The top of the salary range may not be below its bottom.', field('desiredSalary', 'maxAmountCents')));
    }
    changes.desired_salary_min_cents = salary?.amountCents ?? null;
    changes.desired_salary_max_cents = max;
    changes.desired_salary_currency = salary?.currency.toUpperCase() ?? null;
  }

  if (patch.yearsOfExperience !== undefined) {
    const years = patch.yearsOfExperience;
    const { min, max } = careerProfileLimits.yearsOfExperience;
    if (years !== null && (!Number.isInteger(years) || years < min || years > max)) {
      errors.push(userError('OUT_OF_RANGE', `Years of experience must be between ${min} and ${max}.`, field('yearsOfExperience')));
    }
    changes.years_of_experience = years;
  }

  return errors.length > 0 ? fail(...errors) : succeed(changes);
}
