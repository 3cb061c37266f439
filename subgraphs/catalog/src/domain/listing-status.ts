import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { DbListingStatus } from '../db/types.ts';

export type ListingStatus = DbListingStatus;

/** What moves a listing: an employer publishes or closes it; time expires it. */
export type ListingAction = 'publish' | 'close' | 'expire';

/**
 * The legal moves. A draft goes live or is abandoned; an open listing closes or runs out;
 * an expired one may be published again or closed; closed is final.
 */
const transitions: Readonly<Record<ListingStatus, Readonly<Partial<Record<ListingAction, ListingStatus>>>>> = {
  draft: { publish: 'open', close: 'closed' },
  open: { close: 'closed', expire: 'expired' },
  expired: { publish: 'open', close: 'closed' },
  closed: {},
};

export function nextStatus(from: ListingStatus, action: ListingAction): ListingStatus | null {
  return transitions[from][action] ?? null;
}

export interface StatusFacts {
  readonly status: ListingStatus;
  readonly expires_at: Date | null;
}

/** The status a reader sees: an open listing whose expiry has passed is expired, whether or not that was stored yet. */
export function effectiveStatus(listing: StatusFacts, now: Date): ListingStatus {
  if (listing.status === 'open' && listing.expires_at !== null && listing.expires_at.getTime() <= now.getTime()) return 'expired';
  return listing.status;
}

/** The status `action` leads to from where the listing effectively is, or INVALID_TRANSITION. */
export function transition(listing: StatusFacts, action: ListingAction, now: Date, field: readonly string[] = []): Outcome<ListingStatus> {
  const from = effectiveStatus(listing, now);
  const to = nextStatus(from, action);
  if (to === null) return fail(userError('INVALID_TRANSITION', `A listing that is ${from} cannot be ${pastTense[action]}.`, field));
  return succeed(to);
}

const pastTense: Record<ListingAction, string> = { publish: 'published', close: 'closed', expire: 'expired' };
