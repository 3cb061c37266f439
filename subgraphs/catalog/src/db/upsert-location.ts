import { sql, type Kysely } from 'kysely';
import type { Place } from '../domain/place.ts';
import type { Database } from './types.ts';

/** The id of the place (one row per city, region and country; the first coordinates given stay). */
export async function upsertLocation(trx: Kysely<Database>, place: Place): Promise<string> {
  const inserted = await sql<{ id: string }>`
    insert into locations (city, region, country_code, latitude, longitude, timezone)
    values (${place.city}, ${place.region}, ${place.countryCode}, ${place.latitude}, ${place.longitude}, ${place.timezone})
    on conflict (country_code, lower(coalesce(region, '')), lower(city)) do update set city = locations.city
    returning id`.execute(trx);
  const row = inserted.rows[0];
  if (!row) throw new Error('location upsert returned no row');
  return row.id;
}
