import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/**
 * The assistant's part of erasing a user: their career profile goes, with everything
 * in it: education, experience, projects and fit scores. Listing features describe
 * catalog's listings, and the inbox holds event ids only. Every later table that holds a
 * user's rows (documents, resume versions, chats, model runs) adds its delete here.
 */
export async function forgetUser(trx: Kysely<Database>, userId: string): Promise<{ readonly deletedProfiles: number }> {
  const user = userId.toLowerCase();
  for (const table of ['education_entries', 'work_experiences', 'projects', 'fit_scores', 'fit_profile_digests', 'documents', 'job_descriptions', 'application_owners', 'resume_versions', 'company_members'] as const) {
    await trx.deleteFrom(table).where('user_id', '=', user).execute();
  }
  const result = await trx.deleteFrom('career_profiles').where('user_id', '=', user).executeTakeFirst();
  return { deletedProfiles: Number(result.numDeletedRows) };
}
