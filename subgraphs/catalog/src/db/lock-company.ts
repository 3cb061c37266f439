import type { Kysely } from 'kysely';
import type { Company, Database } from './types.ts';

/**
 * The live company, locked until the transaction ends: team changes and listing openings of
 * one company run one after another, so "last owner" and "plan limit" checks see settled counts.
 */
export function lockCompany(trx: Kysely<Database>, companyId: string): Promise<Company | undefined> {
  return trx.selectFrom('companies').selectAll().where('id', '=', companyId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
}
