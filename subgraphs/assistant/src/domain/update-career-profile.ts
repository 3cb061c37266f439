import { sql } from 'kysely';
import { CareerProfileCreated, CareerProfileUpdated, appendToOutbox, fail, pendingEvent, succeed, type Outcome } from '@jobgraph/kit';
import type { CareerProfile } from '../db/types.ts';
import { careerProfileEventData } from './career-profile-events.ts';
import { careerProfileId } from './career-profile-id.ts';
import { parseCareerProfilePatch, type CareerProfilePatch } from './career-profile-patch.ts';
import type { AssistantDeps } from './deps.ts';

/**
 * Applies a partial change to the user's profile and announces it in the same
 * transaction: CareerProfileUpdated, or CareerProfileCreated when this save stored the
 * profile first (the user saved before their registration reached the assistant; the
 * registration then finds it and announces nothing). Each profile has one Created event,
 * then one Updated per save.
 */
export async function updateCareerProfile(deps: AssistantDeps, userId: string, patch: CareerProfilePatch): Promise<Outcome<CareerProfile>> {
  const parsed = parseCareerProfilePatch(patch);
  if (!parsed.ok) return fail(...parsed.errors);
  const changes = parsed.value;
  const user = userId.toLowerCase();
  return deps.db.transaction().execute(async (trx) => {
    const { inserted, ...profile } = await trx
      .insertInto('career_profiles')
      .values({ id: careerProfileId(user), user_id: user, ...changes })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...changes, updated_at: sql<Date>`now()` }))
      .returningAll()
      // A row the statement inserted has no deleting transaction yet.
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .executeTakeFirstOrThrow();
    const definition = inserted ? CareerProfileCreated : CareerProfileUpdated;
    await appendToOutbox(trx, [pendingEvent(definition, profile.id, careerProfileEventData(profile))]);
    return succeed(profile);
  });
}
