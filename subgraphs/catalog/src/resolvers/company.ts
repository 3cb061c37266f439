import { badUserInput, forbidden, isUuid, parsePage, toConnection } from '@jobgraph/kit';
import { companyMembersPage } from '../db/company-members-page.ts';
import type { DbListingStatus } from '../db/types.ts';
import { can } from '../domain/company-permissions.ts';
import type { CompanyResolvers } from '../generated/resolvers.ts';
import { fromListingStatus, toCompanySize, toCompanyType } from './enums.ts';
import { listingConnection, parseListingPage } from './listing-connection.ts';
import { parseReviewPage, reviewConnection } from './review-connection.ts';
import { viewerRole } from './viewer-role.ts';

export const Company: CompanyResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.companyById.load(reference.id),
  createdAt: (company) => company.created_at,
  logoUrl: (company) => company.logo_url,
  size: (company) => (company.size_band === null ? null : toCompanySize(company.size_band)),
  foundedYear: (company) => company.founded_year,
  headquartersPlace: (company, _args, { loaders }) => (company.headquarters_location_id === null ? null : loaders.locationById.load(company.headquarters_location_id)),
  type: (company) => (company.company_type === null ? null : toCompanyType(company.company_type)),
  webDomain: (company) => company.web_domain,
  linkedinId: (company) => company.linkedin_id,
  verified: (company) => company.verified_at !== null,
  verifiedAt: (company) => company.verified_at,
  jobs: async (company, { first, after, statuses }, context) => {
    const wanted: DbListingStatus[] = statuses?.length ? [...new Set(statuses.map(fromListingStatus))].sort() : ['open'];
    const member = can(await viewerRole(context, company.id), 'view_unpublished');
    if (wanted.some((status) => status !== 'open') && !member) {
      throw forbidden('Only members of this company may list its unpublished listings.');
    }
    const page = parseListingPage({ first, after }, 'newest');
    return listingConnection(await context.loaders.companyListings.load({ companyId: company.id, statuses: wanted, page, publicOnly: !member }), page);
  },
  members: async (company, args, context) => {
    if (!can(await viewerRole(context, company.id), 'view_team')) throw forbidden('Only members of this company may see its team.');
    const page = parsePage(args);
    if (page.after && (typeof page.after.key !== 'string' || Number.isNaN(Date.parse(page.after.key)) || !isUuid(page.after.id))) {
      throw badUserInput('`after` is a cursor of another list.', { argument: 'after' });
    }
    const rows = await companyMembersPage(context.db, company.id, page);
    const connection = toConnection(rows, page, (member) => ({ key: member.created_at.toISOString(), id: member.id }));
    return { edges: [...connection.edges], pageInfo: connection.pageInfo };
  },
  reviews: async (company, args, { loaders }) => {
    const page = parseReviewPage(args);
    return reviewConnection(await loaders.companyReviews.load({ companyId: company.id, ...page }), page);
  },
  rating: (company, _args, { loaders }) => loaders.ratingOfCompany.load(company.id),
};
