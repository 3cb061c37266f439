import type { DbApplicationSource } from '../db/types.ts';
import type { ApplicationDetailsInput } from '../domain/application-details.ts';
import type { ApplicationSource, ApplicationSalaryInput as SalaryRangeInput } from '../generated/resolvers.ts';

interface DetailsArgs {
  readonly deadline?: Date | null;
  readonly followUpOn?: Date | null;
  readonly salary?: SalaryRangeInput | null;
  readonly source?: ApplicationSource | null;
  readonly sourceLabel?: string | null;
  readonly employerRespondedAt?: Date | null;
}

/** The details of a create or update input as the domain reads them; absent keys stay absent. */
export function detailsInput<T extends DetailsArgs>(input: T): Omit<T, 'source'> & ApplicationDetailsInput {
  const { source, ...rest } = input;
  if (!Object.hasOwn(input, 'source')) return rest;
  return { ...rest, source: source ? (source.toLowerCase() as DbApplicationSource) : null };
}
