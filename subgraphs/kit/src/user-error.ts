/**
 * An expected failure, returned as data in a mutation payload. `field` is the path
 * into the mutation's arguments (`["input", "email"]`), empty when the whole input is at fault.
 */
export interface UserError {
  readonly field: readonly string[];
  readonly code: string;
  readonly message: string;
}

export function userError(code: string, message: string, field: readonly string[] = []): UserError {
  return { field, code, message };
}

/** A domain operation's outcome: the value, or the user errors that stopped it. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly UserError[] };

export const succeed = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (...errors: UserError[]): Outcome<never> => ({ ok: false, errors });
