import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';

export interface SalaryRangeInput {
  readonly minCents?: number | null;
  readonly maxCents?: number | null;
  readonly currency: string;
}

/** Gross yearly pay in minor units of one currency; at least one bound is set. */
export interface SalaryRange {
  readonly minCents: number | null;
  readonly maxCents: number | null;
  readonly currency: string;
}

/** One billion in major units: above it, the number is a typo. */
export const maxSalaryCents = 100_000_000_000;

export function validateSalaryRange(input: SalaryRangeInput, field: readonly string[]): Outcome<SalaryRange> {
  const errors: UserError[] = [];
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.push(userError('INVALID_CURRENCY', 'Use a three-letter ISO 4217 code, such as EUR or USD.', [...field, 'currency']));
  const minCents = input.minCents ?? null;
  const maxCents = input.maxCents ?? null;
  for (const [name, value] of [['minCents', minCents], ['maxCents', maxCents]] as const) {
    if (value !== null && (!Number.isSafeInteger(value) || value < 0 || value > maxSalaryCents)) {
      errors.push(userError('INVALID_SALARY', `Use a whole number of cents from 0 to ${maxSalaryCents}.`, [...field, name]));
    }
  }
  if (minCents === null && maxCents === null) errors.push(userError('INVALID_SALARY', 'Give a minimum, a maximum, or both.', [...field]));
  if (errors.length > 0) return fail(...errors);
  if (minCents !== null && maxCents !== null && minCents > maxCents) {
    return fail(userError('SALARY_RANGE_INVERTED', 'The maximum may not be below the minimum.', [...field, 'maxCents']));
  }
  return succeed({ minCents, maxCents, currency });
}
