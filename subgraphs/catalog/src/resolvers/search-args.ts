import { badUserInput, isUuid } from '@jobgraph/kit';
import { maxSearchTextLength, normalizeSearchText, type JobSearch, type JobSort } from '../domain/job-search.ts';
import { maxTagLength, maxTags, normalizeTag } from '../domain/listing-tags.ts';
import { maxRadiusKm } from '../domain/place.ts';
import type { JobSort as GraphQLJobSort, QueryJobsArgs } from '../generated/resolvers.ts';
import { fromEmploymentType, fromRemoteType, fromSalaryPeriod, fromSeniorityLevel, toEmploymentType, toRemoteType, toSalaryPeriod, toSeniorityLevel } from './enums.ts';

const maxListed = 50;

/** The `jobs` arguments as a search; nonsense (a novel as the query, a negative salary) is BAD_USER_INPUT. */
export function parseJobSearch({ query, filter }: Pick<QueryJobsArgs, 'query' | 'filter'>): JobSearch {
  // Control characters cannot be stored or matched: they count as spaces.
  const text = normalizeSearchText(query?.replace(/\p{Cc}/gu, ' '));
  if (text !== null && text.length > maxSearchTextLength) throw badUserInput(`\`query\` may have at most ${maxSearchTextLength} characters.`, { argument: 'query' });
  const tags = [...new Set((filter?.tags ?? []).map(normalizeTag).filter((tag) => tag.length > 0))];
  if (tags.length > maxTags || tags.some((tag) => tag.length > maxTagLength)) {
    throw badUserInput(`\`filter.tags\` may name at most ${maxTags} tags of up to ${maxTagLength} characters.`, { argument: 'filter.tags' });
  }
  const minSalary = filter?.minSalary ?? null;
  if (minSalary && minSalary.amountCents < 0) throw badUserInput('`filter.minSalary.amountCents` may not be negative.', { argument: 'filter.minSalary' });
  const countries = [...new Set((filter?.countries ?? []).map((code) => code.trim().toUpperCase()))];
  if (countries.length > maxListed || countries.some((code) => !/^[A-Z]{2}$/.test(code))) throw badUserInput(`\`filter.countries\` takes up to ${maxListed} ISO two-letter codes.`, { argument: 'filter.countries' });
  const placeIds = [...new Set((filter?.placeIds ?? []).map((id) => id.toLowerCase()))];
  if (placeIds.length > maxListed || !placeIds.every(isUuid)) throw badUserInput(`\`filter.placeIds\` takes up to ${maxListed} place ids.`, { argument: 'filter.placeIds' });
  const near = filter?.near ?? null;
  if (near && !(Number.isFinite(near.latitude) && Math.abs(near.latitude) <= 90 && Number.isFinite(near.longitude) && Math.abs(near.longitude) <= 180)) {
    throw badUserInput('`filter.near` needs a latitude from -90 to 90 and a longitude from -180 to 180.', { argument: 'filter.near' });
  }
  if (near && !(Number.isFinite(near.radiusKm) && near.radiusKm > 0 && near.radiusKm <= maxRadiusKm)) {
    throw badUserInput(`\`filter.near.radiusKm\` must be more than 0 and at most ${maxRadiusKm}.`, { argument: 'filter.near.radiusKm' });
  }
  return {
    text,
    countries,
    placeIds,
    near: near ? { latitude: near.latitude, longitude: near.longitude, radiusKm: near.radiusKm } : null,
    remoteTypes: [...new Set((filter?.remoteTypes ?? []).map(fromRemoteType))],
    employmentTypes: [...new Set((filter?.employmentTypes ?? []).map(fromEmploymentType))],
    seniorities: [...new Set((filter?.seniorities ?? []).map(fromSeniorityLevel))],
    tags,
    companyId: filter?.companyId?.toLowerCase() ?? null,
    minSalary: minSalary ? { amountCents: minSalary.amountCents, currency: minSalary.currency.toUpperCase(), period: fromSalaryPeriod(minSalary.period ?? 'YEAR') } : null,
  };
}

export const fromJobSort = (sort: GraphQLJobSort) => sort.toLowerCase() as JobSort;
export const toJobSort = (sort: JobSort) => sort.toUpperCase() as GraphQLJobSort;

/** The normalized search's filter as `jobs` takes it again (only what narrows), for the search history. */
export function filterInputOf(search: JobSearch): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const put = (key: string, values: readonly string[]) => {
    if (values.length > 0) filter[key] = values;
  };
  put('remoteTypes', search.remoteTypes.map(toRemoteType));
  put('employmentTypes', search.employmentTypes.map(toEmploymentType));
  put('seniorities', search.seniorities.map(toSeniorityLevel));
  put('tags', search.tags);
  put('countries', search.countries);
  put('placeIds', search.placeIds);
  if (search.companyId !== null) filter.companyId = search.companyId;
  if (search.near) filter.near = { ...search.near };
  if (search.minSalary) filter.minSalary = { amountCents: search.minSalary.amountCents, currency: search.minSalary.currency, period: toSalaryPeriod(search.minSalary.period) };
  return filter;
}
