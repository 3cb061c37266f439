import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import { normalizeCompanyName } from './company-name.ts';

export interface CompanyFieldsInput {
  readonly name?: string;
  readonly website?: URL | string | null;
  readonly description?: string | null;
}

/** A company name as shown, and its dedupe key. */
export interface CompanyName {
  readonly display: string;
  readonly normalized: string;
}

export interface CompanyFields {
  readonly name: CompanyName;
  readonly website: string | null;
  readonly description: string | null;
}

/** Exactly the keys that were given (optional stays optional), validated. */
export type ValidCompanyFields<I extends CompanyFieldsInput> = { readonly [K in keyof I]: K extends keyof CompanyFields ? CompanyFields[K] : never };

export const maxNameLength = 200;
export const maxDescriptionLength = 5000;
export const maxWebsiteLength = 2000;

/** Validates the given fields and reports every problem, each on its path under `path`. */
export function validateCompanyFields<I extends CompanyFieldsInput>(input: I, path: readonly string[]): Outcome<ValidCompanyFields<I>> {
  const errors: UserError[] = [];
  const valid: Record<string, unknown> = {};
  if (input.name !== undefined) {
    const display = input.name.normalize('NFC').replace(/\s+/g, ' ').trim();
    const normalized = normalizeCompanyName(display);
    if (display.length === 0 || display.length > maxNameLength || /\p{Cc}/u.test(display) || normalized.length === 0) {
      errors.push(userError('INVALID_NAME', `Use 1 to ${maxNameLength} characters, with at least one letter or digit.`, [...path, 'name']));
    } else valid.name = { display, normalized } satisfies CompanyName;
  }
  if (input.website !== undefined) {
    const website = input.website === null ? null : websiteOf(input.website);
    if (website === undefined) errors.push(userError('INVALID_WEBSITE', 'Use an http or https address.', [...path, 'website']));
    else valid.website = website;
  }
  if (input.description !== undefined) {
    const description = input.description === null ? null : input.description.normalize('NFC').trim() || null;
    if (description !== null && description.length > maxDescriptionLength) {
      errors.push(userError('INVALID_DESCRIPTION', `Use at most ${maxDescriptionLength} characters.`, [...path, 'description']));
    } else valid.description = description;
  }
  return errors.length > 0 ? fail(...errors) : succeed(valid as ValidCompanyFields<I>);
}

function websiteOf(value: URL | string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.toString());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const text = url.toString();
  return text.length <= maxWebsiteLength ? text : undefined;
}
