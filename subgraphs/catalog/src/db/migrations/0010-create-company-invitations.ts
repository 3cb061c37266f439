import { sql, type Kysely } from 'kysely';

/**
 * Invitations to join a company's team. The token is given to the invitee once and kept only
 * as its SHA-256; the email stays in this table (citext) and never appears in an event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('email', sql`citext`, (c) => c.notNull().check(sql`char_length(email) between 3 and 254`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'admin', 'recruiter', 'member')`))
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique().check(sql`octet_length(token_hash) = 32`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'declined', 'expired')`))
    // An identity user: a plain uuid, no foreign key across schemas; null once erased.
    .addColumn('invited_by', 'uuid')
    .addColumn('responded_by', 'uuid')
    .addColumn('responded_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('company_invitations_answered_has_time', sql`(status in ('accepted', 'declined')) = (responded_at is not null)`)
    .addCheckConstraint('company_invitations_expires_after_created', sql`expires_at > created_at`)
    .execute();
  // `expired` is stored only when a new invitation to the same address replaces one that ran out;
  // otherwise expiry is read from `expires_at`, as for listings.
  // One pending invitation per address and company: inviting again is INVITATION_PENDING.
  await db.schema
    .createIndex('company_invitations_pending_email_key')
    .on('company_invitations')
    .columns(['company_id', 'email'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('company_invitations').execute();
}
