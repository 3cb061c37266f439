import { sql, type Kysely } from 'kysely';

/**
 * Normalized places (CA-15) shared by listings and companies: one row per city, region and
 * country. Radius search reads the btree on (latitude, longitude) for a bounding box, then
 * checks the exact great-circle distance (no PostGIS or earthdistance here).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('locations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('city', 'text', (c) => c.notNull().check(sql`char_length(city) between 1 and 100`))
    .addColumn('region', 'text', (c) => c.check(sql`char_length(region) between 1 and 100`))
    .addColumn('country_code', sql`char(2)`, (c) => c.notNull().check(sql`country_code ~ '^[A-Z]{2}$'`))
    .addColumn('latitude', 'double precision', (c) => c.notNull().check(sql`latitude between -90 and 90`))
    .addColumn('longitude', 'double precision', (c) => c.notNull().check(sql`longitude between -180 and 180`))
    .addColumn('timezone', 'text', (c) => c.check(sql`char_length(timezone) between 1 and 64`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index locations_place_key on locations (country_code, lower(coalesce(region, '')), lower(city))`.execute(db);
  await db.schema.createIndex('locations_lat_lng_idx').on('locations').columns(['latitude', 'longitude']).execute();
  await db.schema.alterTable('job_listings').addColumn('location_id', 'uuid', (c) => c.references('locations.id').onDelete('set null')).execute();
  await db.schema.createIndex('job_listings_location_id_idx').on('job_listings').column('location_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('job_listings').dropColumn('location_id').execute();
  await db.schema.dropTable('locations').execute();
}
