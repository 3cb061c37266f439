import { isApiKeyPrincipal, isUser } from '@jobgraph/kit';
import type { FacetCache } from '../db/facet-cache.ts';
import { jobFacets, type JobFacetCounts } from '../db/job-facets.ts';
import { recordSearch } from '../db/record-search.ts';
import { placesOf, searchJobListings } from '../db/search-job-listings.ts';
import { spellingCorrections } from '../db/spelling.ts';
import { correctedText, effectiveSort, searchFingerprint, searchWords } from '../domain/job-search.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { listingConnection, parseListingPage } from './listing-connection.ts';
import { filterInputOf, fromJobSort, parseJobSearch } from './search-args.ts';
import { selectsAnyOf } from './selected-fields.ts';

const orderOf = { relevance: 'relevance', recency: 'newest', salary: 'salary' } as const;

/**
 * One page of a search. Its cursors carry the search's fingerprint; facets and the total are
 * counted only when the client selects them. A person's first page goes into their history.
 */
export const jobsQuery = (facetCache: FacetCache): QueryResolvers['jobs'] => async (_parent, args, { db, principal }, info) => {
  const asked = parseJobSearch(args);
  const sort = effectiveSort(asked, args.sort ? fromJobSort(args.sort) : null);
  const fingerprint = searchFingerprint(asked, sort);
  const page = parseListingPage(args, orderOf[sort], fingerprint);
  // Before matching: misspelled words corrected against title words, place filters resolved to places (a small statement each).
  const [corrected, locationIds] = await Promise.all([
    asked.text === null ? null : spellingCorrections(db, searchWords(asked.text)).then((corrections) => correctedText(asked.text ?? '', corrections)),
    placesOf(db, asked),
  ]);
  const search = { ...asked, corrected, locationIds };
  const remember =
    isUser(principal) && !isApiKeyPrincipal(principal) && page.after === null
      ? recordSearch(db, { userId: principal.userId, fingerprint, search, sort, filter: filterInputOf(search) })
      : Promise.resolve();
  // Facets do not depend on the sort: one cache entry per words and filters. When the client
  // selected them, they are counted alongside the page (another connection) instead of after it.
  const facetKey = searchFingerprint(asked, 'recency');
  let facets: Promise<JobFacetCounts> | null = null;
  const countFacets = () => (facets ??= facetCache.counts(facetKey, () => jobFacets(db, search)));
  if (selectsAnyOf(info, ['facets', 'totalCount'])) countFacets().catch(() => undefined);
  const [rows] = await Promise.all([searchJobListings(db, search, sort, page), remember]);
  return { ...listingConnection(rows, page, fingerprint), facets: countFacets };
};
