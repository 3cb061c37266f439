import type { Kysely } from 'kysely';
import type { PageRequest } from '@jobgraph/kit';
import type { CompanyMember, Database } from './types.ts';

/** A page of a company's team in order of joining, `limit + 1` rows; the cursor key is the joining time in ISO. */
export function companyMembersPage(db: Kysely<Database>, companyId: string, page: PageRequest): Promise<CompanyMember[]> {
  let query = db.selectFrom('company_members').selectAll().where('company_id', '=', companyId);
  if (page.after) {
    const { key, id } = page.after;
    query = query.where((eb) => eb.or([eb('created_at', '>', new Date(key)), eb.and([eb('created_at', '=', new Date(key)), eb('id', '>', id)])]));
  }
  return query.orderBy('created_at').orderBy('id').limit(page.limit + 1).execute();
}
