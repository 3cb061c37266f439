import { sql, type Kysely } from 'kysely';

/** What a seeker wants to know of an employer, and the admins' verified badge. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('companies')
    .addColumn('logo_url', 'text', (c) => c.check(sql`logo_url ~* '^https://' and char_length(logo_url) <= 2000`))
    .addColumn('industry', 'text', (c) => c.check(sql`char_length(industry) between 1 and 80`))
    .addColumn('size_band', 'text', (c) => c.check(sql`size_band in ('micro', 'small', 'medium', 'large', 'enterprise')`))
    .addColumn('headquarters', 'text', (c) => c.check(sql`char_length(headquarters) between 1 and 200`))
    .addColumn('founded_year', 'smallint', (c) => c.check(sql`founded_year between 1600 and 2200`))
    .addColumn('company_type', 'text', (c) => c.check(sql`company_type in ('private', 'public', 'nonprofit', 'government', 'education', 'self_employed')`))
    // Lower-case host without `www.`: one live company per domain.
    .addColumn('web_domain', 'text', (c) => c.check(sql`web_domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$' and char_length(web_domain) <= 253`))
    .addColumn('linkedin_id', 'text', (c) => c.check(sql`linkedin_id ~ '^[a-z0-9][a-z0-9-]{0,99}$'`))
    // Set by platform admins only; the admin is an identity user (no foreign key across schemas).
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verified_by', 'uuid')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['verified_by', 'verified_at', 'linkedin_id', 'web_domain', 'company_type', 'founded_year', 'headquarters', 'size_band', 'industry', 'logo_url']) {
    await db.schema.alterTable('companies').dropColumn(column).execute();
  }
}
