import type { PlaceResolvers } from '../generated/resolvers.ts';

export const Place: PlaceResolvers = {
  countryCode: (location) => location.country_code,
};
