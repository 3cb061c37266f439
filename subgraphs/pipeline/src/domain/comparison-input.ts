import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import { cleanText } from './clean-text.ts';

export const maxComparisonNameLength = 100;
export const minComparisonJobs = 2;
export const maxComparisonJobs = 10;
export const maxComparisons = 20;

/** A comparison's name and listings (PI-24): 2 to 10 listings, each once; `creating` requires both. */
export function validateComparison(input: { readonly name?: string | null; readonly jobIds?: readonly string[] | null }, creating: boolean): Outcome<{ name?: string; jobIds?: string[] }> {
  const errors: UserError[] = [];
  const patch: { name?: string; jobIds?: string[] } = {};
  if (creating || Object.hasOwn(input, 'name')) {
    const name = cleanText(input.name, maxComparisonNameLength, { singleLine: true });
    if (!name.ok) errors.push(userError('TOO_LONG', `Use at most ${maxComparisonNameLength} characters.`, ['input', 'name']));
    else if (name.value === null) errors.push(userError('INVALID_NAME', 'Name the comparison.', ['input', 'name']));
    else patch.name = name.value;
  }
  if (creating || Object.hasOwn(input, 'jobIds')) {
    const ids = (input.jobIds ?? []).map((id) => id.toLowerCase());
    if (ids.length < minComparisonJobs) errors.push(userError('TOO_FEW_JOBS', `Compare at least ${minComparisonJobs} listings.`, ['input', 'jobIds']));
    else if (ids.length > maxComparisonJobs) errors.push(userError('TOO_MANY_JOBS', `Compare at most ${maxComparisonJobs} listings.`, ['input', 'jobIds']));
    else if (new Set(ids).size !== ids.length) errors.push(userError('DUPLICATE_JOB', 'Name each listing once.', ['input', 'jobIds']));
    else patch.jobIds = ids;
  }
  return errors.length > 0 ? fail(...errors) : succeed(patch);
}
