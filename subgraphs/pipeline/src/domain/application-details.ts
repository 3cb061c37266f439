import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { DbApplicationSource } from '../db/types.ts';
import { dayFromScalar } from './calendar-day.ts';
import { cleanText } from './clean-text.ts';

export const maxSourceLabelLength = 200;
/** Clocks disagree a little; a date a few minutes ahead is still now. */
const clockSkewMs = 5 * 60_000;

export interface SalaryRangeInput {
  readonly minCents?: number | null;
  readonly maxCents?: number | null;
  readonly currency: string;
}

/**
 * The details a candidate keeps about an application (PI-03). In an update, an absent key
 * leaves the value as it is and `null` clears it; in a new application both mean none.
 */
export interface ApplicationDetailsInput {
  readonly deadline?: Date | null;
  readonly followUpOn?: Date | null;
  readonly salary?: SalaryRangeInput | null;
  readonly source?: DbApplicationSource | null;
  readonly sourceLabel?: string | null;
  readonly employerRespondedAt?: Date | null;
}

/** The columns the details write; only the keys the input named. */
export interface ApplicationDetailsPatch {
  deadline_on?: string | null;
  follow_up_on?: string | null;
  salary_min_cents?: number | null;
  salary_max_cents?: number | null;
  salary_currency?: string | null;
  source?: DbApplicationSource | null;
  source_label?: string | null;
  employer_responded_at?: Date | null;
}

const has = <K extends string>(input: object, key: K): boolean => Object.hasOwn(input, key);

/** Checks the details of `input` and turns them into columns; every problem at once. `now` judges the response date. */
export function validateApplicationDetails(input: ApplicationDetailsInput, now: Date): Outcome<ApplicationDetailsPatch> {
  const errors: UserError[] = [];
  const patch: ApplicationDetailsPatch = {};
  if (has(input, 'deadline')) patch.deadline_on = input.deadline ? dayFromScalar(input.deadline) : null;
  if (has(input, 'followUpOn')) patch.follow_up_on = input.followUpOn ? dayFromScalar(input.followUpOn) : null;
  if (has(input, 'source')) patch.source = input.source ?? null;
  if (has(input, 'sourceLabel')) {
    const label = cleanText(input.sourceLabel, maxSourceLabelLength, { singleLine: true });
    if (label.ok) patch.source_label = label.value;
    else errors.push(userError('TOO_LONG', `Use at most ${maxSourceLabelLength} characters.`, ['input', 'sourceLabel']));
  }
  if (has(input, 'salary')) {
    const salary = input.salary ?? null;
    if (salary === null) Object.assign(patch, { salary_min_cents: null, salary_max_cents: null, salary_currency: null });
    else {
      const min = salary.minCents ?? null;
      const max = salary.maxCents ?? null;
      if (min === null && max === null) errors.push(userError('SALARY_REQUIRED', 'Give a minimum, a maximum or both.', ['input', 'salary']));
      else if (min !== null && max !== null && min > max) errors.push(userError('INVALID_SALARY_RANGE', 'The minimum salary is above the maximum.', ['input', 'salary', 'maxCents']));
      else Object.assign(patch, { salary_min_cents: min, salary_max_cents: max, salary_currency: salary.currency.toUpperCase() });
    }
  }
  if (has(input, 'employerRespondedAt')) {
    const at = input.employerRespondedAt ?? null;
    if (at !== null && at.getTime() > now.getTime() + clockSkewMs) {
      errors.push(userError('DATE_IN_FUTURE', 'The employer cannot have answered in the future.', ['input', 'employerRespondedAt']));
    } else patch.employer_responded_at = at;
  }
  return errors.length > 0 ? fail(...errors) : succeed(patch);
}

/** The employer cannot answer before the user applied. Judged on the row as it would be after the change. */
export function checkResponseOrder(appliedAt: Date | null, employerRespondedAt: Date | null): Outcome<null> {
  if (appliedAt !== null && employerRespondedAt !== null && employerRespondedAt.getTime() < appliedAt.getTime()) {
    return fail(userError('DATES_OUT_OF_ORDER', 'The employer cannot have answered before you applied.', ['input', 'employerRespondedAt']));
  }
  return succeed(null);
}
