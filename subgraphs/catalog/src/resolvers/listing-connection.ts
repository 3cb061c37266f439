import { badUserInput, parsePage, toConnection, type ConnectionArgs } from '@jobgraph/kit';
import { positionOf, type ListedJobListing, type ListingOrder, type ListingPage } from '../db/listing-order.ts';
import type { ResolversTypes } from '../generated/resolvers.ts';

export type ListingConnection = Awaited<ResolversTypes['JobListingConnection']>;

/**
 * `first`/`after` as a page of a list sorted by `order`; a cursor from another list is
 * BAD_USER_INPUT. A `scope` (a search's fingerprint) is carried in front of the sort key,
 * so a cursor of one search is refused by any other, before any SQL runs.
 */
export function parseListingPage(args: ConnectionArgs, order: ListingOrder, scope: string | null = null): ListingPage {
  const { limit, after } = parsePage(args);
  if (after === null) return { limit, after: null };
  const prefix = scope === null ? '' : `${scope}~`;
  if (typeof after.key !== 'string' || !after.key.startsWith(prefix)) {
    throw badUserInput('`after` is a cursor of another search: its words, filters or sort differ. Start again without `after`.', { argument: 'after' });
  }
  const position = positionOf({ key: after.key.slice(prefix.length), id: after.id }, order);
  if (position === null) throw badUserInput('`after` is a cursor of another list.', { argument: 'after' });
  return { limit, after: position };
}

/** The `limit + 1` rows fetched for `page`, as a connection whose cursors carry each row's sort key (after the scope). */
export function listingConnection(rows: readonly ListedJobListing[], page: ListingPage, scope: string | null = null): ListingConnection {
  const prefix = scope === null ? '' : `${scope}~`;
  const after = page.after === null ? null : { key: page.after.value, id: page.after.id };
  const connection = toConnection(rows, { limit: page.limit, after }, (row) => ({ key: prefix + row.sort_key, id: row.id }));
  return { edges: [...connection.edges], pageInfo: connection.pageInfo };
}
