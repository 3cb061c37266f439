import type { Kysely } from 'kysely';
import type { Tagging } from '../domain/listing-taggings.ts';
import type { Database } from './types.ts';

/** The listing's taxonomy rows become exactly `taggings`, in their order. */
export async function replaceListingTags(trx: Kysely<Database>, listingId: string, taggings: readonly Tagging[]): Promise<void> {
  await trx.deleteFrom('listing_tags').where('listing_id', '=', listingId).execute();
  if (taggings.length === 0) return;
  await trx
    .insertInto('listing_tags')
    .values(taggings.map((tagging, position) => ({ listing_id: listingId, tag: tagging.tag, kind: tagging.kind, requirement: tagging.requirement, level: tagging.level, position })))
    .execute();
}
