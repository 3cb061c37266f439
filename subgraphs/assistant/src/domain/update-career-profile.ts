import { sql } from 'kysely';
import { fail, succeed, type Outcome } from '@jobgraph/kit';
import type { CareerProfile } from '../db/types.ts';
import { careerProfileId } from './career-profile-id.ts';
import { parseCareerProfilePatch, type CareerProfilePatch } from './career-profile-patch.ts';
import type { AssistantDeps } from './deps.ts';

/**
 * Applies a partial change to the user's profile, creating the profile on first save
 * (with the id the empty profile showed). One statement, in a transaction so that the
 * event announcing the change can later commit with it.
 */
export async function updateCareerProfile(deps: AssistantDeps, userId: string, patch: CareerProfilePatch): Promise<Outcome<CareerProfile>> {
  const parsed = parseCareerProfilePatch(patch);
  if (!parsed.ok) return fail(...parsed.errors);
  const changes = parsed.value;
  return deps.db.transaction().execute(async (trx) => {
    const profile = await trx
      .insertInto('career_profiles')
      .values({ id: careerProfileId(userId), user_id: userId, ...changes })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...changes, updated_at: sql<Date>`now()` }))
      .returningAll()
      .executeTakeFirstOrThrow();
    return succeed(profile);
  });
}
