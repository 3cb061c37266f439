import type { Outcome, UserError } from '@jobgraph/kit';
import type { User } from '../db/types.ts';

const plainErrors = (errors: readonly UserError[]) => errors.map((e) => ({ ...e, field: [...e.field] }));

export function userPayload(outcome: Outcome<User>): { user: User | null; errors: ReturnType<typeof plainErrors> } {
  return outcome.ok ? { user: outcome.value, errors: [] } : { user: null, errors: plainErrors(outcome.errors) };
}

export function donePayload(outcome: Outcome<unknown>): { done: boolean; errors: ReturnType<typeof plainErrors> } {
  return outcome.ok ? { done: true, errors: [] } : { done: false, errors: plainErrors(outcome.errors) };
}
