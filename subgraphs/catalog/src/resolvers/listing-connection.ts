import { badUserInput, parsePage, toConnection, type ConnectionArgs } from '@jobgraph/kit';
import { positionOf, type ListedJobListing, type ListingOrder, type ListingPage } from '../db/listing-order.ts';
import type { ResolversTypes } from '../generated/resolvers.ts';

/** `first`/`after` as a page of a list sorted by `order`; a cursor from another list is BAD_USER_INPUT. */
export function parseListingPage(args: ConnectionArgs, order: ListingOrder): ListingPage {
  const { limit, after } = parsePage(args);
  if (after === null) return { limit, after: null };
  const position = positionOf(after, order);
  if (position === null) throw badUserInput('`after` is a cursor of another list.', { argument: 'after' });
  return { limit, after: position };
}

/** The `limit + 1` rows fetched for `page`, as a connection whose cursors carry each row's sort key. */
export function listingConnection(rows: readonly ListedJobListing[], page: ListingPage): ResolversTypes['JobListingConnection'] {
  const after = page.after === null ? null : { key: page.after.value, id: page.after.id };
  const connection = toConnection(rows, { limit: page.limit, after }, (row) => ({ key: row.sort_key, id: row.id }));
  return { edges: [...connection.edges], pageInfo: connection.pageInfo };
}
