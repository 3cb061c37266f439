import type { Kysely } from 'kysely';
import type { Company, Database } from './types.ts';

/** A live company by its slug (lower-case), or undefined. */
export function findCompanyBySlug(db: Kysely<Database>, slug: string): Promise<Company | undefined> {
  return db.selectFrom('companies').selectAll().where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst();
}
