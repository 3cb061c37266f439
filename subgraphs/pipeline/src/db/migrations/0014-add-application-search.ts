import { sql, type Kysely } from 'kysely';

/**
 * Full-text search over a user's own applications (PI-11): the company, the title (typed
 * by hand or from the listing snapshot) and the notes, in the language-neutral `simple`
 * configuration, kept by Postgres itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('applications')
    .addColumn('search_document', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(
        sql`to_tsvector('simple'::regconfig,
          coalesce(manual_title, '') || ' ' || coalesce(manual_company_name, '') || ' ' ||
          coalesce(listing_snapshot ->> 'title', '') || ' ' || coalesce(listing_snapshot ->> 'companyName', '') || ' ' ||
          coalesce(notes, ''))`,
      ).stored(),
    )
    .execute();
  await db.schema.createIndex('applications_search_idx').on('applications').using('gin').column('search_document').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('search_document').execute();
}
