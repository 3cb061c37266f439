import { sql, type Kysely } from 'kysely';

/**
 * A narrow copy of each open public listing, holding only what search filters, sorts, ranks
 * and counts facets by (about a third of a listing row's width). Searches find, sort and rank
 * these rows and read full listings only for the page they return, so a word matching
 * thousands of listings reads a third of the pages, and sorts keys instead of whole rows.
 * A trigger keeps it in step with `job_listings` in the same transaction: a listing that is
 * open and public has its row (inserted or rewritten when a searched column changes), any other
 * has none; deleting a listing deletes its row. The function keeps the schema it was created in,
 * so statements by other roles (an administrator's update) keep it too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listing_search')
    .addColumn('id', 'uuid', (c) => c.primaryKey().references('job_listings.id').onDelete('cascade'))
    .addColumn('listed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('featured_until', 'timestamptz')
    .addColumn('company_id', 'uuid', (c) => c.notNull())
    .addColumn('remote_type', 'text', (c) => c.notNull())
    .addColumn('employment_type', 'text', (c) => c.notNull())
    .addColumn('seniority', 'text')
    .addColumn('location_id', 'uuid')
    .addColumn('tags', sql`text[]`, (c) => c.notNull())
    .addColumn('salary_currency', 'char(3)')
    .addColumn('salary_period', 'text', (c) => c.notNull())
    .addColumn('salary_top_cents', 'bigint')
    .addColumn('salary_yearly_top_cents', 'bigint')
    .addColumn('search_vector', sql`tsvector`, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('listing_search_vector_idx').on('listing_search').using('gin').column('search_vector').execute();
  await db.schema.createIndex('listing_search_tags_idx').on('listing_search').using('gin').column('tags').execute();
  await db.schema.createIndex('listing_search_newest_idx').on('listing_search').expression(sql`listed_at desc, id desc`).execute();
  await db.schema.createIndex('listing_search_salary_idx').on('listing_search').expression(sql`coalesce(salary_yearly_top_cents, -1) desc, id desc`).execute();
  await db.schema.createIndex('listing_search_location_idx').on('listing_search').column('location_id').execute();
  await db.schema.createIndex('listing_search_company_idx').on('listing_search').column('company_id').execute();
  await sql`
    create function sync_listing_search() returns trigger language plpgsql set search_path from current as $$
    begin
      if new.status = 'open' and new.visibility = 'public' then
        insert into listing_search (id, listed_at, expires_at, featured_until, company_id, remote_type, employment_type, seniority,
          location_id, tags, salary_currency, salary_period, salary_top_cents, salary_yearly_top_cents, search_vector)
        values (new.id, coalesce(new.posted_at, new.created_at), new.expires_at, new.featured_until, new.company_id, new.remote_type,
          new.employment_type, new.seniority, new.location_id, new.tags, new.salary_currency, new.salary_period,
          coalesce(new.salary_max_cents, new.salary_min_cents), new.salary_yearly_top_cents, coalesce(new.search_vector, ''::tsvector))
        on conflict (id) do update set listed_at = excluded.listed_at, expires_at = excluded.expires_at,
          featured_until = excluded.featured_until, company_id = excluded.company_id, remote_type = excluded.remote_type,
          employment_type = excluded.employment_type, seniority = excluded.seniority, location_id = excluded.location_id,
          tags = excluded.tags, salary_currency = excluded.salary_currency, salary_period = excluded.salary_period,
          salary_top_cents = excluded.salary_top_cents, salary_yearly_top_cents = excluded.salary_yearly_top_cents,
          search_vector = excluded.search_vector;
      elsif tg_op = 'UPDATE' then
        delete from listing_search where id = new.id;
      end if;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger job_listings_search after insert or update of status, visibility, posted_at, created_at, expires_at,
      featured_until, company_id, title, description, tags, remote_type, employment_type, seniority, location_id,
      salary_min_cents, salary_max_cents, salary_currency, salary_period
    on job_listings for each row execute function sync_listing_search()
  `.execute(db);
  await sql`
    insert into listing_search (id, listed_at, expires_at, featured_until, company_id, remote_type, employment_type, seniority,
      location_id, tags, salary_currency, salary_period, salary_top_cents, salary_yearly_top_cents, search_vector)
    select id, coalesce(posted_at, created_at), expires_at, featured_until, company_id, remote_type, employment_type, seniority,
      location_id, tags, salary_currency, salary_period, coalesce(salary_max_cents, salary_min_cents), salary_yearly_top_cents,
      coalesce(search_vector, ''::tsvector)
    from job_listings where status = 'open' and visibility = 'public'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger job_listings_search on job_listings`.execute(db);
  await sql`drop function sync_listing_search()`.execute(db);
  await db.schema.dropTable('listing_search').execute();
}
