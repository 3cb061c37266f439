import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/**
 * The assistant's part of erasing a user: their career profile goes, with everything
 * in it. Nothing else here is theirs: listing features describe catalog's listings, and
 * the inbox holds event ids only. Every later table that holds a user's rows (CVs,
 * resume versions, fit scores, chats, model runs) adds its delete here.
 */
export async function forgetUser(trx: Kysely<Database>, userId: string): Promise<{ readonly deletedProfiles: number }> {
  const result = await trx.deleteFrom('career_profiles').where('user_id', '=', userId.toLowerCase()).executeTakeFirst();
  return { deletedProfiles: Number(result.numDeletedRows) };
}
