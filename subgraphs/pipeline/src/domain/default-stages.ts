import { sql, type Kysely } from 'kysely';
import type { Database, DbStageKind } from '../db/types.ts';
import type { PipelineDeps } from './deps.ts';

/** The board every user starts with, in order. */
export const defaultStages: readonly { readonly name: string; readonly kind: DbStageKind }[] = [
  { name: 'Applied', kind: 'applied' },
  { name: 'Screening', kind: 'screening' },
  { name: 'Interview', kind: 'interview' },
  { name: 'Offer', kind: 'offer' },
  { name: 'Hired', kind: 'hired' },
  { name: 'Rejected', kind: 'rejected' },
  { name: 'Withdrawn', kind: 'withdrawn' },
];

/**
 * Gives `userId` the default stages unless they have stages already (archived ones
 * count: a user who retired a default stage does not get it back). Idempotent and safe
 * under concurrency in one statement: a second transaction racing the first finds its
 * rows on the unique (user_id, position) key and inserts nothing. Runs in the caller's
 * transaction (a change that needed the stages, or the UserRegistered handler's), so it
 * commits or rolls back with it. Returns how many stages it created.
 *
 * ```sql
 * insert into application_stages (user_id, name, position, kind)
 * select $1::uuid, v.name, v.position, v.kind from (values ($2::text, $3::int, $4::text), …) as v(name, position, kind)
 * where not exists (select 1 from application_stages where user_id = $1)
 * on conflict do nothing
 * ```
 */
export async function ensureDefaultStages(trx: Kysely<Database>, userId: string): Promise<number> {
  const rows = defaultStages.map((stage, index) => sql`(${stage.name}::text, ${index + 1}::int, ${stage.kind}::text)`);
  const result = await trx
    .insertInto('application_stages')
    .columns(['user_id', 'name', 'position', 'kind'])
    .expression(
      sql`select ${userId}::uuid, v.name, v.position, v.kind from (values ${sql.join(rows)}) as v(name, position, kind)
          where not exists (select 1 from application_stages where user_id = ${userId}::uuid)`,
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** `ensureDefaultStages` in a transaction of its own, for a read that finds a user with no board yet. */
export function createDefaultStages(deps: PipelineDeps, userId: string): Promise<number> {
  return deps.db.transaction().execute((trx) => ensureDefaultStages(trx, userId));
}
