import type { Kysely } from 'kysely';
import type { Database, DbCompanyRole, DbListingStatus } from './types.ts';

/**
 * Pipeline's projections of catalog: listing → company, and company → members. Every
 * write is an idempotent upsert versioned by the time of the event it reflects (`asOf`),
 * so a redelivered or late event never overwrites a newer one. The two tables are
 * independent (joined when read), so a member added after the listing, or before it,
 * comes to the same state.
 */

export interface ListingSnapshot {
  readonly listingId: string;
  readonly companyId: string;
  readonly title: string;
  readonly status: DbListingStatus;
  /** catalog's whole snapshot, kept for the applications that copy it (PI-05). */
  readonly snapshot?: Readonly<Record<string, unknown>>;
}

export async function projectListing(db: Kysely<Database>, listing: ListingSnapshot, asOf: Date): Promise<void> {
  await db
    .insertInto('listing_ownership')
    .values({ job_listing_id: listing.listingId, company_id: listing.companyId, title: listing.title, status: listing.status, snapshot: JSON.stringify(listing.snapshot ?? {}), updated_at: asOf })
    .onConflict((oc) =>
      oc
        .column('job_listing_id')
        .doUpdateSet((eb) => ({
          company_id: eb.ref('excluded.company_id'),
          title: eb.ref('excluded.title'),
          status: eb.ref('excluded.status'),
          snapshot: eb.ref('excluded.snapshot'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('listing_ownership.updated_at', '<=', asOf),
    )
    .execute();
}

export interface MemberSnapshot {
  readonly companyId: string;
  readonly userId: string;
  readonly role: DbCompanyRole;
}

export async function projectMemberAdded(db: Kysely<Database>, member: MemberSnapshot, asOf: Date): Promise<void> {
  await db
    .insertInto('company_members')
    .values({ company_id: member.companyId, user_id: member.userId, role: member.role, updated_at: asOf })
    .onConflict((oc) =>
      oc
        .columns(['company_id', 'user_id'])
        .doUpdateSet((eb) => ({ role: eb.ref('excluded.role'), updated_at: eb.ref('excluded.updated_at') }))
        .where('company_members.updated_at', '<=', asOf),
    )
    .execute();
}

export async function projectMemberRemoved(db: Kysely<Database>, member: Omit<MemberSnapshot, 'role'>, asOf: Date): Promise<void> {
  await db.deleteFrom('company_members').where('company_id', '=', member.companyId).where('user_id', '=', member.userId).where('updated_at', '<=', asOf).execute();
}

/** A company's name (CompanyCreated), for the listing snapshots applications keep. */
export async function projectCompanyName(db: Kysely<Database>, company: { readonly companyId: string; readonly name: string }, asOf: Date): Promise<void> {
  await db
    .insertInto('company_names')
    .values({ company_id: company.companyId, name: company.name, updated_at: asOf })
    .onConflict((oc) =>
      oc
        .column('company_id')
        .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), updated_at: eb.ref('excluded.updated_at') }))
        .where('company_names.updated_at', '<=', asOf),
    )
    .execute();
}
