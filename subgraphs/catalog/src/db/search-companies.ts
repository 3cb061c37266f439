import { sql, type Kysely } from 'kysely';
import type { Company, Database, DbCompanySize } from './types.ts';

export interface CompanySearch {
  readonly text: string | null;
  readonly industries: readonly string[];
  readonly sizes: readonly DbCompanySize[];
  readonly verified: boolean | null;
  /** ISO codes, upper-case: companies headquartered in one of them. */
  readonly countries: readonly string[];
}

/** Where the previous page ended: `name` order by name, `match` order by similarity (six places). */
export interface CompanyPosition {
  readonly value: string;
  readonly id: string;
}

export type ListedCompany = Company & { readonly sort_key: string };

/** `%`, `_` and `\` match themselves in a LIKE pattern built from user text. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * Live companies matching `search`, `limit + 1` rows. With text: the name contains it, or
 * nearly matches one of its words (`<%`, word similarity; both served by the trigram index),
 * best first. Without: by name. Ties break by id.
 */
export async function searchCompanies(db: Kysely<Database>, search: CompanySearch, limit: number, after: CompanyPosition | null): Promise<ListedCompany[]> {
  const base = db
    .selectFrom('companies')
    .selectAll()
    .where('deleted_at', 'is', null)
    .$if(search.industries.length > 0, (q) => q.where(sql<string>`lower(industry)`, 'in', search.industries))
    .$if(search.sizes.length > 0, (q) => q.where('size_band', 'in', search.sizes))
    .$if(search.verified !== null, (q) => q.where('verified_at', search.verified ? 'is not' : 'is', null))
    .$if(search.countries.length > 0, (q) =>
      q.where('headquarters_location_id', 'in', (eb) => eb.selectFrom('locations').select('id').where('country_code', 'in', search.countries)),
    );
  if (search.text === null) {
    return base
      .select(sql<string>`name`.as('sort_key'))
      .$if(after !== null, (q) => q.where(sql<boolean>`(name, id) > (${after?.value ?? ''}::text, ${after?.id ?? null}::uuid)`))
      .orderBy('name')
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  }
  const text = search.text;
  const ranked = base
    .select(sql<string>`round(greatest(word_similarity(${text}::text, name), case when name ilike ${`%${likeEscaped(text)}%`} then 1 else 0 end)::numeric, 6)::text`.as('sort_key'))
    .where(sql<boolean>`(name ilike ${`%${likeEscaped(text)}%`} or ${text}::text <% name)`);
  return db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .$if(after !== null, (q) => q.where(sql<boolean>`(sort_key::numeric, id) < (${after?.value ?? '0'}::numeric, ${after?.id ?? null}::uuid)`))
    .orderBy(sql`sort_key::numeric`, 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}
