import { sql } from 'kysely';
import { CareerProfileCreated, CareerProfileUpdated, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { CareerProfile } from '../../db/types.ts';
import { careerProfileEventData } from '../career-profile-events.ts';
import { careerProfileId } from '../career-profile-id.ts';
import { parseCareerProfilePatch } from '../career-profile-patch.ts';
import type { AssistantDeps } from '../deps.ts';
import { ownDocument } from '../documents/documents.ts';
import { parseEducation, parseWorkExperience } from '../history-entries.ts';
import { cvToProfile, type CvSection } from './cv-to-profile.ts';

/**
 * Fills the user's profile from one of their parsed CVs, with the sections they chose:
 * the profile's fields and the added entries are saved in one transaction with one
 * CareerProfileUpdated (or Created, for a first save), like any other profile change.
 * Another user's document answers NOT_FOUND, exactly as a missing one.
 */
export async function applyParsedCv(deps: AssistantDeps, userId: string, documentId: string, sections: readonly CvSection[]): Promise<Outcome<CareerProfile>> {
  if (sections.length === 0) return fail(userError('REQUIRED', 'Choose at least one section to copy.', ['input', 'sections']));
  const document = await ownDocument(deps.db, userId, documentId);
  if (!document) return fail(userError('NOT_FOUND', 'There is no such document.', ['input', 'documentId']));
  const cv = document.parsed_cv;
  if (!cv) return fail(userError('NOT_PARSED', 'This document has no parsed CV: only a checked resume with a text layer has one.', ['input', 'documentId']));
  const user = document.user_id;
  return deps.db.transaction().execute(async (trx) => {
    // The profile row first: changes of one user serialize on it, and a first change stores it.
    const stored = await trx
      .insertInto('career_profiles')
      .values({ id: careerProfileId(user), user_id: user })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ updated_at: sql<Date>`now()` }))
      .returningAll()
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .executeTakeFirstOrThrow();
    const education = await trx.selectFrom('education_entries').select(['institution', 'degree', 'position']).where('user_id', '=', user).execute();
    const work = await trx.selectFrom('work_experiences').select(['company', 'role', 'position']).where('user_id', '=', user).execute();
    const plan = cvToProfile(cv, new Set(sections), { skills: stored.skills, languages: stored.languages, educationLevel: stored.education_level, education, work });
    const changes = parseCareerProfilePatch(plan.patch);
    const schools = parseEducation(plan.education);
    const jobs = parseWorkExperience(plan.work);
    if (!changes.ok || !schools.ok || !jobs.ok) {
      // The plan cuts everything to the profile's limits; a refusal here is a bug, not the user's input.
      throw new Error('a parsed CV produced a profile change the profile refuses');
    }
    const next = (rows: readonly { position: number }[]) => rows.reduce((max, row) => Math.max(max, row.position + 1), 0);
    if (schools.value.length > 0) {
      const from = next(education);
      await trx.insertInto('education_entries').values(schools.value.map((row, i) => ({ ...row, id: crypto.randomUUID(), user_id: user, position: from + i }))).execute();
    }
    if (jobs.value.length > 0) {
      const from = next(work);
      await trx.insertInto('work_experiences').values(jobs.value.map((row, i) => ({ ...row, id: crypto.randomUUID(), user_id: user, position: from + i }))).execute();
    }
    const profile = Object.keys(changes.value).length > 0
      ? await trx.updateTable('career_profiles').set({ ...changes.value, updated_at: sql<Date>`now()` }).where('user_id', '=', user).returningAll().executeTakeFirstOrThrow()
      : (({ inserted: _inserted, ...row }) => row)(stored);
    await appendToOutbox(trx, [pendingEvent(stored.inserted ? CareerProfileCreated : CareerProfileUpdated, profile.id, careerProfileEventData(profile))]);
    return succeed(profile);
  });
}
