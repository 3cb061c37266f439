import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/** Roles that may buy, change and cancel a company's plan. */
const billingRoles = ['owner', 'admin'] as const;

/** Whether the user is an owner or admin of the company (billing's projection of catalog's members). */
export async function canManageCompanyBilling(db: Kysely<Database>, userId: string, companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('company_members')
    .select('role')
    .where('company_id', '=', companyId.toLowerCase())
    .where('user_id', '=', userId.toLowerCase())
    .where('removed', '=', false)
    .where('role', 'in', billingRoles)
    .executeTakeFirst();
  return row !== undefined;
}

/** Seats in use: the company's current members. */
export async function seatsInUse(db: Kysely<Database>, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('company_members')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('company_id', '=', companyId.toLowerCase())
    .where('removed', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface MemberChange {
  readonly companyId: string;
  readonly userId: string;
  readonly role: 'owner' | 'admin' | 'recruiter' | 'member' | null;
  readonly time: Date;
}

/** Applies CompanyMemberAdded (role) or Removed (null); an event older than the stored one changes nothing. */
export async function projectCompanyMember(trx: Kysely<Database>, change: MemberChange): Promise<void> {
  const companyId = change.companyId.toLowerCase();
  const userId = change.userId.toLowerCase();
  await trx
    .insertInto('company_members')
    .values({ company_id: companyId, user_id: userId, role: change.role ?? 'member', removed: change.role === null, event_time: change.time })
    .onConflict((oc) =>
      oc
        .columns(['company_id', 'user_id'])
        .doUpdateSet((eb) => ({
          role: change.role === null ? eb.ref('company_members.role') : change.role,
          removed: change.role === null,
          event_time: change.time,
          updated_at: new Date(),
        }))
        .where('company_members.event_time', '<=', change.time),
    )
    .execute();
}
