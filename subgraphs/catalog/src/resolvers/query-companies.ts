import { badUserInput, isUuid, parsePage, toConnection } from '@jobgraph/kit';
import { searchCompanies, type CompanyPosition } from '../db/search-companies.ts';
import { maxSearchTextLength, normalizeSearchText } from '../domain/job-search.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { fromCompanySize } from './enums.ts';

const keyPatterns = { name: /^a:([\s\S]{1,200})$/, match: /^m:(\d(?:\.\d{1,6})?)$/ } as const;
const maxIndustries = 20;

/** Live companies by name or by how well the name matches `query`; cursors carry `a:<name>` or `m:<similarity>`. */
export const companies: QueryResolvers['companies'] = async (_parent, args, { db }) => {
  // Control characters (NUL among them) cannot be stored or matched: they count as spaces.
  const text = normalizeSearchText(args.query?.replace(/\p{Cc}/gu, ' '));
  if (text !== null && text.length > maxSearchTextLength) throw badUserInput(`\`query\` may have at most ${maxSearchTextLength} characters.`, { argument: 'query' });
  const industries = [...new Set((args.filter?.industries ?? []).map((industry) => industry.replace(/\s+/g, ' ').trim().toLowerCase()))];
  if (industries.length > maxIndustries || industries.some((industry) => industry.length > 80)) {
    throw badUserInput(`\`filter.industries\` may name at most ${maxIndustries} industries of up to 80 characters.`, { argument: 'filter.industries' });
  }
  const countries = [...new Set((args.filter?.countries ?? []).map((code) => code.trim().toUpperCase()))];
  if (countries.length > 50 || countries.some((code) => !/^[A-Z]{2}$/.test(code))) throw badUserInput('`filter.countries` takes up to 50 ISO two-letter codes.', { argument: 'filter.countries' });
  const order = text === null ? 'name' : 'match';
  const page = parsePage(args);
  let after: CompanyPosition | null = null;
  if (page.after) {
    const value = typeof page.after.key === 'string' ? keyPatterns[order].exec(page.after.key)?.[1] : undefined;
    if (value === undefined || !isUuid(page.after.id)) throw badUserInput('`after` is a cursor of another list.', { argument: 'after' });
    after = { value, id: page.after.id };
  }
  const rows = await searchCompanies(
    db,
    { text, industries, sizes: (args.filter?.sizes ?? []).map(fromCompanySize), verified: args.filter?.verified ?? null, countries },
    page.limit,
    after,
  );
  const connection = toConnection(rows, page, (row) => ({ key: `${order === 'name' ? 'a' : 'm'}:${row.sort_key}`, id: row.id }));
  return { edges: [...connection.edges], pageInfo: connection.pageInfo };
};
