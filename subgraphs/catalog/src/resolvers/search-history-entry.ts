import type { SearchHistoryEntryResolvers } from '../generated/resolvers.ts';
import { toJobSort } from './search-args.ts';

export const SearchHistoryEntry: SearchHistoryEntryResolvers = {
  sort: (entry) => toJobSort(entry.sort),
  resultCount: (entry) => entry.result_count,
  searchedAt: (entry) => entry.searched_at,
};
