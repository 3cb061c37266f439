import { badUserInput } from '@jobgraph/kit';
import { maxSearchTextLength, normalizeSearchText, type JobSearch } from '../domain/job-search.ts';
import { maxTags, normalizeTag } from '../domain/listing-tags.ts';
import { maxRadiusKm } from '../domain/place.ts';
import type { QueryJobsArgs } from '../generated/resolvers.ts';
import { fromEmploymentType, fromRemoteType, fromSalaryPeriod, fromSeniorityLevel } from './enums.ts';

/** The `jobs` arguments as a search; nonsense (a novel as the query, a negative salary) is BAD_USER_INPUT. */
export function parseJobSearch({ query, filter }: Pick<QueryJobsArgs, 'query' | 'filter'>): JobSearch {
  const text = normalizeSearchText(query);
  if (text !== null && text.length > maxSearchTextLength) throw badUserInput(`\`query\` may have at most ${maxSearchTextLength} characters.`, { argument: 'query' });
  const tags = [...new Set((filter?.tags ?? []).map(normalizeTag).filter((tag) => tag.length > 0))];
  if (tags.length > maxTags) throw badUserInput(`\`filter.tags\` may name at most ${maxTags} tags.`, { argument: 'filter.tags' });
  const minSalary = filter?.minSalary ?? null;
  if (minSalary && minSalary.amountCents < 0) throw badUserInput('`filter.minSalary.amountCents` may not be negative.', { argument: 'filter.minSalary' });
  const countries = [...new Set((filter?.countries ?? []).map((code) => code.trim().toUpperCase()))];
  if (countries.length > 50 || countries.some((code) => !/^[A-Z]{2}$/.test(code))) throw badUserInput('`filter.countries` takes up to 50 ISO two-letter codes.', { argument: 'filter.countries' });
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
    near: near ? { latitude: near.latitude, longitude: near.longitude, radiusKm: near.radiusKm } : null,
    remoteTypes: (filter?.remoteTypes ?? []).map(fromRemoteType),
    employmentTypes: (filter?.employmentTypes ?? []).map(fromEmploymentType),
    seniorities: (filter?.seniorities ?? []).map(fromSeniorityLevel),
    tags,
    companyId: filter?.companyId?.toLowerCase() ?? null,
    minSalary: minSalary ? { amountCents: minSalary.amountCents, currency: minSalary.currency.toUpperCase(), period: fromSalaryPeriod(minSalary.period ?? 'YEAR') } : null,
  };
}
