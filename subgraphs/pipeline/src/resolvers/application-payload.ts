import type { Outcome } from '@jobgraph/kit';
import type { Application } from '../db/types.ts';

/** A domain outcome about one application as the `…Payload { application errors }` a client reads. */
export function applicationPayload(outcome: Outcome<Application>) {
  if (!outcome.ok) return { application: null, errors: outcome.errors.map((e) => ({ ...e, field: [...e.field] })) };
  return { application: outcome.value, errors: [] };
}
