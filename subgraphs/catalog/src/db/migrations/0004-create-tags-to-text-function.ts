import { sql, type Kysely } from 'kysely';

/**
 * `array_to_string` is only STABLE, so a generated column cannot call it. Joining
 * `text[]` elements with spaces is immutable in fact; this wrapper says so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function tags_to_text(tags text[]) returns text
    language sql immutable parallel safe strict
    return array_to_string(tags, ' ')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function tags_to_text(text[])`.execute(db);
}
