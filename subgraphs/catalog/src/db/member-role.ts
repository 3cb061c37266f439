import type { Kysely } from 'kysely';
import type { Database, DbCompanyMemberRole } from './types.ts';

/** The user's role in the company, or null when they are not a member. */
export async function findMemberRole(db: Kysely<Database>, companyId: string, userId: string): Promise<DbCompanyMemberRole | null> {
  const row = await db.selectFrom('company_members').select('role').where('company_id', '=', companyId).where('user_id', '=', userId).executeTakeFirst();
  return row?.role ?? null;
}
