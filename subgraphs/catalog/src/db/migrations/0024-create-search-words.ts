import { sql, type Kysely } from 'kysely';

/**
 * The words of listing titles, for spelling correction: a typed word that is not among them
 * is replaced by its nearest one (pg_trgm similarity over this small table's trigram index)
 * before full text search, instead of comparing the query with every title. A trigger adds
 * the words of each new or retitled listing; words are never removed (one that no open
 * listing still holds corrects to a word that matches nothing, which is harmless).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_words')
    .addColumn('word', 'text', (c) => c.primaryKey().check(sql`char_length(word) between 3 and 40`))
    .execute();
  await db.schema.createIndex('search_words_word_trgm_idx').on('search_words').using('gin').expression(sql`word gin_trgm_ops`).execute();
  await sql`
    create function title_words(title text) returns setof text
    language sql immutable parallel safe strict
    as $$ select distinct w from regexp_split_to_table(lower(title), '[^[:alnum:]]+') as w where char_length(w) between 3 and 40 $$
  `.execute(db);
  await sql`
    create function remember_title_words() returns trigger language plpgsql as $$
    begin
      insert into search_words (word) select title_words(new.title) on conflict do nothing;
      return new;
    end $$
  `.execute(db);
  await sql`create trigger job_listings_title_words after insert or update of title on job_listings for each row execute function remember_title_words()`.execute(db);
  await sql`insert into search_words (word) select distinct title_words(title) from job_listings on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger job_listings_title_words on job_listings`.execute(db);
  await sql`drop function remember_title_words()`.execute(db);
  await sql`drop function title_words(text)`.execute(db);
  await db.schema.dropTable('search_words').execute();
}
