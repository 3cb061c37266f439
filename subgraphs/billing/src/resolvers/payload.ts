import type { UserError } from '@jobgraph/kit';

/** Domain UserErrors as the payload's `errors` field. */
export function errorsOf(errors: readonly UserError[]): { field: string[]; code: string; message: string }[] {
  return errors.map((error) => ({ ...error, field: [...error.field] }));
}

/** An idempotency key a client may send: 8 to 100 visible ASCII characters. */
export function validIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{8,100}$/.test(key);
}
