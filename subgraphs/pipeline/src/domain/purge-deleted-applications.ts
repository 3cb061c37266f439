import { appendToOutbox } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { applicationPurged } from '../events/published.ts';
import { restorableDays } from './delete-application.ts';

/**
 * Deletes for good the applications that sat in the trash longer than `restorableDays`
 * (their timelines and tasks go with them), at most `batchSize` per call, and publishes
 * ApplicationPurged for each in the same transaction. Run by the scheduled purge job;
 * returns how many it purged, so the job can go on while a batch came back full.
 */
export async function purgeDeletedApplications(db: Kysely<Database>, batchSize = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const purged = await trx
      .deleteFrom('applications')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('applications')
          .select('id')
          .where('deleted_at', '<', sql<Date>`now() - make_interval(days => ${restorableDays})`)
          .limit(batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'user_id'])
      .execute();
    if (purged.length > 0) await appendToOutbox(trx, purged.map((row) => applicationPurged(row.id, row.user_id)));
    return purged.length;
  });
}
