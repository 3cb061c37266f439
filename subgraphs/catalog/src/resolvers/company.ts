import { forbidden } from '@jobgraph/kit';
import type { DbListingStatus } from '../db/types.ts';
import { can } from '../domain/company-permissions.ts';
import type { CompanyResolvers } from '../generated/resolvers.ts';
import { fromListingStatus } from './enums.ts';
import { listingConnection, parseListingPage } from './listing-connection.ts';
import { viewerRole } from './viewer-role.ts';

export const Company: CompanyResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.companyById.load(reference.id),
  createdAt: (company) => company.created_at,
  jobs: async (company, { first, after, statuses }, context) => {
    const wanted: DbListingStatus[] = statuses?.length ? [...new Set(statuses.map(fromListingStatus))].sort() : ['open'];
    if (wanted.some((status) => status !== 'open') && !can(await viewerRole(context, company.id), 'view_unpublished')) {
      throw forbidden('Only members of this company may list its unpublished listings.');
    }
    const page = parseListingPage({ first, after }, 'newest');
    return listingConnection(await context.loaders.companyListings.load({ companyId: company.id, statuses: wanted, page }), page);
  },
};
