import type { Kysely } from 'kysely';
import type { Database, Plan } from './types.ts';

/** Plans on sale: candidate plans first, then cheapest first. */
export function findActivePlans(db: Kysely<Database>): Promise<Plan[]> {
  return db.selectFrom('plans').selectAll().where('active', '=', true).orderBy('audience').orderBy('price_cents').orderBy('code').execute();
}
