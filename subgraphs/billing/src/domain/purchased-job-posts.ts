import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/** Job posts bought for the company that still run at `at`. */
export async function purchasedJobPosts(trx: Kysely<Database>, companyId: string, at: Date): Promise<number> {
  const row = await trx
    .selectFrom('purchases')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), eb.lit(0)).as('posts'))
    .where('company_id', '=', companyId.toLowerCase())
    .where('kind', '=', 'job_post')
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .executeTakeFirstOrThrow();
  return Number(row.posts);
}
