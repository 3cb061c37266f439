import { sql, type Kysely } from 'kysely';

/**
 * What the assistant read from a resume (AS-07): its text, and the parsed sections as
 * JSON (contact, summary, experience, education, skills), stored when the upload is
 * checked so what the user confirms is what was shown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('documents')
    .addColumn('extracted_text', 'text', (c) => c.check(sql`char_length(extracted_text) <= 100000`))
    .addColumn('parsed_cv', 'jsonb')
    .addColumn('parsed_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('documents')
    .addCheckConstraint('documents_parsed_cv_has_time', sql`(parsed_cv is null) = (parsed_at is null)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('documents').dropConstraint('documents_parsed_cv_has_time').execute();
  await db.schema.alterTable('documents').dropColumn('parsed_at').dropColumn('parsed_cv').dropColumn('extracted_text').execute();
}
