import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { DbEmploymentType, DbListingVisibility, DbRemoteType, DbSalaryPeriod, DbSeniorityLevel } from '../db/types.ts';
import { normalizeTags } from './listing-tags.ts';
import { validatePlace, type Place, type PlaceInput } from './place.ts';
import { plainTagging, validateTaggings, type Tagging, type TaggingInput } from './listing-taggings.ts';
import { validateSalaryRange, type SalaryRange, type SalaryRangeInput } from './salary-range.ts';

/** A listing's editable content, valid and normalized. */
export interface ListingFields {
  readonly title: string;
  readonly description: string;
  readonly employmentType: DbEmploymentType;
  readonly remoteType: DbRemoteType;
  readonly seniority: DbSeniorityLevel | null;
  readonly location: string | null;
  readonly salary: SalaryRange | null;
  readonly tags: readonly string[];
  readonly expiresAt: Date | null;
  readonly requirements: string | null;
  readonly responsibilities: string | null;
  readonly benefits: string | null;
  readonly department: string | null;
  readonly salaryPeriod: DbSalaryPeriod;
  readonly eligibilityNotes: string | null;
  readonly workAuthorizationNotes: string | null;
  readonly visibility: DbListingVisibility;
  /** The tags with kind, requirement and level; given `tags` become required skills. */
  readonly taggings: readonly Tagging[];
  /** The normalized place (CA-15); null when none. */
  readonly place: Place | null;
}

/** The same fields as a client sent them; a missing key means "not given". */
export type ListingFieldsInput = {
  readonly [K in keyof ListingFields]?: K extends 'salary' ? SalaryRangeInput | null : K extends 'taggings' ? readonly TaggingInput[] : K extends 'place' ? PlaceInput | null : ListingFields[K];
};

/** Exactly the keys that were given (optional stays optional), validated. */
export type ValidListingFields<I extends ListingFieldsInput> = { readonly [K in keyof I]: K extends keyof ListingFields ? ListingFields[K] : never };

export const titleLength = { min: 3, max: 150 } as const;
export const maxDescriptionLength = 20_000;
export const maxLocationLength = 200;
/** Longest requirements, responsibilities or benefits; notes; department. */
export const maxSectionLength = 10_000;
export const maxNotesLength = 2000;
export const maxDepartmentLength = 100;

const sections = { requirements: maxSectionLength, responsibilities: maxSectionLength, benefits: maxSectionLength, eligibilityNotes: maxNotesLength, workAuthorizationNotes: maxNotesLength } as const;
const sectionCodes = { requirements: 'INVALID_REQUIREMENTS', responsibilities: 'INVALID_RESPONSIBILITIES', benefits: 'INVALID_BENEFITS', eligibilityNotes: 'INVALID_ELIGIBILITY_NOTES', workAuthorizationNotes: 'INVALID_WORK_AUTHORIZATION_NOTES' } as const;

const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Checks every given field and reports every problem at once, each on its own path
 * under `path` (`["input", "salary", "maxCents"]`).
 */
export function validateListingFields<I extends ListingFieldsInput>(input: I, now: Date, path: readonly string[]): Outcome<ValidListingFields<I>> {
  const errors: UserError[] = [];
  const valid: Record<string, unknown> = {};
  const at = (name: string) => [...path, name];

  if (input.title !== undefined) {
    const title = input.title.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (title.length < titleLength.min || title.length > titleLength.max) {
      errors.push(userError('INVALID_TITLE', `Use ${titleLength.min} to ${titleLength.max} characters.`, at('title')));
    } else valid.title = title;
  }
  if (input.description !== undefined) {
    const description = input.description.normalize('NFC').replace(/\r\n?/g, '\n').trim();
    if (description.length === 0 || description.length > maxDescriptionLength || controlCharacters.test(description)) {
      errors.push(userError('INVALID_DESCRIPTION', `Use 1 to ${maxDescriptionLength} characters of text.`, at('description')));
    } else valid.description = description;
  }
  if (input.location !== undefined) {
    const location = input.location === null ? null : input.location.normalize('NFC').replace(/\s+/g, ' ').trim() || null;
    if (location !== null && (location.length > maxLocationLength || controlCharacters.test(location))) {
      errors.push(userError('INVALID_LOCATION', `Use at most ${maxLocationLength} characters.`, at('location')));
    } else valid.location = location;
  }
  if (input.salary !== undefined) {
    const salary = input.salary === null ? succeed(null) : validateSalaryRange(input.salary, at('salary'));
    if (salary.ok) valid.salary = salary.value;
    else errors.push(...salary.errors);
  }
  if (input.taggings !== undefined) {
    if (input.tags !== undefined) errors.push(userError('INVALID_TAGS', 'Give `tags` or `taggings`, not both.', at('tags')));
    const taggings = validateTaggings(input.taggings, at('taggings'));
    if (taggings.ok) {
      valid.taggings = taggings.value;
      valid.tags = taggings.value.map((tagging) => tagging.tag);
    } else errors.push(...taggings.errors);
  } else if (input.tags !== undefined) {
    const tags = normalizeTags(input.tags, at('tags'));
    if (tags.ok) {
      valid.tags = tags.value;
      valid.taggings = tags.value.map(plainTagging);
    } else errors.push(...tags.errors);
  }
  if (input.expiresAt !== undefined) {
    const expiresAt = input.expiresAt;
    if (expiresAt !== null && !(expiresAt.getTime() > now.getTime())) {
      errors.push(userError('INVALID_EXPIRY', 'The expiry must be in the future.', at('expiresAt')));
    } else valid.expiresAt = expiresAt;
  }
  for (const key of Object.keys(sections) as (keyof typeof sections)[]) {
    const raw = input[key];
    if (raw === undefined) continue;
    // Multi-line text: empty clears, like null.
    const text = raw === null ? null : raw.normalize('NFC').replace(/\r\n?/g, '\n').trim() || null;
    if (text !== null && (text.length > sections[key] || controlCharacters.test(text))) {
      errors.push(userError(sectionCodes[key], `Use at most ${sections[key]} characters of text.`, at(key)));
    } else valid[key] = text;
  }
  if (input.place !== undefined) {
    const place = input.place === null ? succeed(null) : validatePlace(input.place, at('place'));
    if (place.ok) valid.place = place.value;
    else errors.push(...place.errors);
  }
  if (input.department !== undefined) {
    const department = input.department === null ? null : input.department.normalize('NFC').replace(/\s+/g, ' ').trim() || null;
    if (department !== null && (department.length > maxDepartmentLength || controlCharacters.test(department))) {
      errors.push(userError('INVALID_DEPARTMENT', `Use at most ${maxDepartmentLength} characters.`, at('department')));
    } else valid.department = department;
  }
  for (const key of ['employmentType', 'remoteType', 'seniority', 'salaryPeriod', 'visibility'] as const) {
    if (input[key] !== undefined) valid[key] = input[key];
  }

  if (errors.length > 0) return fail(...errors);
  return succeed(valid as ValidListingFields<I>);
}
