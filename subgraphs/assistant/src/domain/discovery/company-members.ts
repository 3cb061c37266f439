import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/** A member joined or changed role (newer events win, as catalog ordered them). */
export async function projectMember(trx: Kysely<Database>, member: { readonly companyId: string; readonly userId: string; readonly role: string }, asOf: Date): Promise<void> {
  await trx
    .insertInto('company_members')
    .values({ company_id: member.companyId, user_id: member.userId.toLowerCase(), role: member.role, updated_at: asOf })
    .onConflict((oc) => oc.columns(['company_id', 'user_id']).doUpdateSet((eb) => ({ role: eb.ref('excluded.role'), updated_at: eb.ref('excluded.updated_at') })).where('company_members.updated_at', '<=', asOf))
    .execute();
}

export async function projectMemberRemoved(trx: Kysely<Database>, member: { readonly companyId: string; readonly userId: string }, asOf: Date): Promise<void> {
  await trx.deleteFrom('company_members').where('company_id', '=', member.companyId).where('user_id', '=', member.userId.toLowerCase()).where('updated_at', '<=', asOf).execute();
}

/** Whether the user is a member of the company, as far as catalog's events have told. */
export async function isCompanyMember(db: Kysely<Database>, userId: string, companyId: string): Promise<boolean> {
  const row = await db.selectFrom('company_members').select('role').where('company_id', '=', companyId.toLowerCase()).where('user_id', '=', userId.toLowerCase()).executeTakeFirst();
  return row !== undefined;
}
