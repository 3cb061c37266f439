import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import { lockCompany } from '../db/lock-company.ts';
import { openNow } from '../db/listing-status-filter.ts';
import type { Database } from '../db/types.ts';

/**
 * Open listings a company may have at once before billing has said anything about it: the
 * Free employer plan's allowance. A company whose plan billing announced follows that plan.
 */
export const freeEmployerActiveListings = 5;

/** Whether one more open listing stays within `allowance` (null: unlimited). */
export function mayOpenAnother(openListings: number, allowance: number | null): boolean {
  return allowance === null || openListings < allowance;
}

/**
 * Checks, with the company row locked (so two openings at once cannot both take the last
 * place), that the company may open one more listing. Over the limit is PLAN_LIMIT_REACHED.
 */
export async function checkActiveListingLimit(trx: Kysely<Database>, companyId: string, field: readonly string[]): Promise<Outcome<void>> {
  await lockCompany(trx, companyId);
  const entitlement = await trx.selectFrom('company_entitlements').select('active_listings').where('company_id', '=', companyId).executeTakeFirst();
  const allowance = entitlement ? entitlement.active_listings : freeEmployerActiveListings;
  const { open } = await trx
    .selectFrom('job_listings')
    .select((eb) => eb.fn.countAll<string>().as('open'))
    .where('company_id', '=', companyId)
    .where(openNow)
    .executeTakeFirstOrThrow();
  if (mayOpenAnother(Number(open), allowance)) return succeed(undefined);
  return fail(userError('PLAN_LIMIT_REACHED', `Your plan allows ${allowance} open listings at once; close one or upgrade to open another.`, field));
}
