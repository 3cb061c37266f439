import type { Kysely } from 'kysely';
import type { Database } from './types.ts';

/** `base` and every `base-<n>` in use, by live and deleted companies alike (slugs are never reused). */
export async function takenSlugs(db: Kysely<Database>, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('companies')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return new Set(rows.map((row) => row.slug));
}
