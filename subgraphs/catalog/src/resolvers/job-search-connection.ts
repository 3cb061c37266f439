import type { JobFacetCounts } from '../db/job-facets.ts';
import { salaryBand } from '../domain/job-search.ts';
import type { JobFacetsResolvers, JobSearchConnectionResolvers } from '../generated/resolvers.ts';
import type { ListingConnection } from './listing-connection.ts';
import { toEmploymentType, toRemoteType, toSalaryPeriod, toSeniorityLevel } from './enums.ts';

/** A page of `jobs`, and its facets, counted once when first asked for (facets or totalCount). */
export interface JobSearchResult {
  readonly edges: ListingConnection['edges'];
  readonly pageInfo: ListingConnection['pageInfo'];
  readonly facets: () => Promise<JobFacetCounts>;
}

export const JobSearchConnection: JobSearchConnectionResolvers = {
  totalCount: async (result) => (await result.facets()).total,
  facets: (result) => result.facets(),
};

export const JobFacets: JobFacetsResolvers = {
  remoteTypes: (facets) => facets.remoteTypes.map(({ value, count }) => ({ value: toRemoteType(value), count })),
  employmentTypes: (facets) => facets.employmentTypes.map(({ value, count }) => ({ value: toEmploymentType(value), count })),
  seniorities: (facets) => facets.seniorities.map(({ value, count }) => ({ value: toSeniorityLevel(value), count })),
  tags: (facets) => [...facets.tags],
  countries: (facets) => [...facets.countries],
  places: async (facets, _args, { loaders }) => {
    const places = await loaders.locationById.loadMany(facets.places.map((place) => place.value));
    return facets.places.flatMap(({ count }, index) => {
      const place = places[index];
      return place && !(place instanceof Error) ? [{ place, count }] : [];
    });
  },
  salaryBands: (facets) =>
    facets.salaryBands.map(({ currency, period, bucket, count }) => {
      const band = salaryBand(currency, period, bucket);
      return { currency, period: toSalaryPeriod(period), minCents: band.minCents, maxCents: band.maxCents, count };
    }),
};
