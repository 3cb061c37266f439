import { sql, type Kysely } from 'kysely';

/** Company search: trigram match on the name (pg_trgm in `extensions`), and the industry filter. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('companies_name_trgm_idx').on('companies').using('gin').expression(sql`name gin_trgm_ops`).execute();
  await db.schema.createIndex('companies_industry_idx').on('companies').expression(sql`lower(industry)`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('companies_industry_idx').execute();
  await db.schema.dropIndex('companies_name_trgm_idx').execute();
}
