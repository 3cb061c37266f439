import { requireSession } from '@jobgraph/kit';
import { clearSearchHistory, setSearchHistoryEnabled } from '../db/search-history.ts';
import type { CatalogDeps } from '../domain/deps.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';

/** A person's own search history (CA-27); an API key cannot touch it. */
export function searchHistoryMutations({ db }: CatalogDeps): Pick<MutationResolvers, 'clearSearchHistory' | 'setSearchHistoryEnabled'> {
  return {
    clearSearchHistory: async (_parent, _args, { principal }) => {
      const { userId } = requireSession(principal);
      return { cleared: await clearSearchHistory(db, userId), errors: [] };
    },
    setSearchHistoryEnabled: async (_parent, { enabled }, { principal }) => {
      const { userId } = requireSession(principal);
      await setSearchHistoryEnabled(db, userId, enabled);
      return { enabled, errors: [] };
    },
  };
}
