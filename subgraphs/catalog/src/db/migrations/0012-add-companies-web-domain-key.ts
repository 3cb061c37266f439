import { sql, type Kysely } from 'kysely';

/** One live company per web domain (DOMAIN_TAKEN); a deleted company frees it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('companies_web_domain_live_key').on('companies').column('web_domain').unique().where(sql.ref('deleted_at'), 'is', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('companies_web_domain_live_key').execute();
}
