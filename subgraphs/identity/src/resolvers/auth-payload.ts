import type { Outcome } from '@jobgraph/kit';
import type { SignedIn } from '../domain/sign-up.ts';
import type { ResolversTypes } from '../generated/resolvers.ts';
import { markProvenOwner } from './own-account.ts';

/** A sign-up, sign-in or refresh outcome as the `AuthPayload` a client reads. */
export function authPayload(outcome: Outcome<SignedIn>): ResolversTypes['AuthPayload'] {
  if (!outcome.ok) return { user: null, tokens: null, errors: [...outcome.errors].map((e) => ({ ...e, field: [...e.field] })) };
  return { user: markProvenOwner(outcome.value.user), tokens: outcome.value.tokens, errors: [] };
}
