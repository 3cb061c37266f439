import { sql, type Transaction } from 'kysely';
import { CareerProfileCreated, CareerProfileUpdated, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { careerProfileEventData } from './career-profile-events.ts';
import { careerProfileId } from './career-profile-id.ts';
import type { AssistantDeps } from './deps.ts';
import { parseEducation, parseProjects, parseWorkExperience, type EducationInput, type ProjectInput, type WorkExperienceInput } from './history-entries.ts';

type HistoryTable = 'education_entries' | 'work_experiences' | 'projects';

/**
 * Saves a whole ordered list: entries with an id keep it (and their creation time),
 * entries without one are added, entries left out are deleted; the list order is the
 * display order. An id that is not one of the user's own entries answers NOT_FOUND, as
 * if it did not exist. The profile counts as changed: CareerProfileUpdated is published
 * in the same transaction (fit scores are recomputed from it).
 */
async function saveList<Row extends { readonly id?: string | undefined }>(
  deps: AssistantDeps,
  table: HistoryTable,
  userId: string,
  rows: readonly Row[],
  write: (trx: Transaction<Database>, rows: readonly (Row & { id: string; user_id: string; position: number; created_at: Date })[]) => Promise<void>,
): Promise<Outcome<null>> {
  const user = userId.toLowerCase();
  return deps.db.transaction().execute(async (trx) => {
    // The profile row is touched first: saves of one user serialize on it, and a first save stores it.
    const { inserted, ...profile } = await trx
      .insertInto('career_profiles')
      .values({ id: careerProfileId(user), user_id: user })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ updated_at: sql<Date>`now()` }))
      .returningAll()
      // A row the statement inserted has no deleting transaction yet.
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .executeTakeFirstOrThrow();
    const existing = await sql<{ id: string; created_at: Date }>`select id, created_at from ${sql.table(table)} where user_id = ${user}`.execute(trx);
    const createdAt = new Map(existing.rows.map((row) => [row.id, row.created_at]));
    const unknown = rows.findIndex((row) => row.id !== undefined && !createdAt.has(row.id));
    if (unknown >= 0) return fail(userError('NOT_FOUND', 'There is no such entry.', ['input', 'entries', String(unknown), 'id']));
    await sql`delete from ${sql.table(table)} where user_id = ${user}`.execute(trx);
    const now = new Date();
    await write(
      trx,
      rows.map((row, position) => ({ ...row, id: row.id ?? crypto.randomUUID(), user_id: user, position, created_at: (row.id && createdAt.get(row.id)) || now })),
    );
    await appendToOutbox(trx, [pendingEvent(inserted ? CareerProfileCreated : CareerProfileUpdated, profile.id, careerProfileEventData(profile))]);
    return succeed(null);
  });
}

export async function saveEducation(deps: AssistantDeps, userId: string, entries: readonly EducationInput[]): Promise<Outcome<null>> {
  const parsed = parseEducation(entries);
  if (!parsed.ok) return parsed;
  return saveList(deps, 'education_entries', userId, parsed.value, async (trx, rows) => {
    if (rows.length > 0) await trx.insertInto('education_entries').values(rows.map((row) => ({ ...row }))).execute();
  });
}

export async function saveWorkExperience(deps: AssistantDeps, userId: string, entries: readonly WorkExperienceInput[]): Promise<Outcome<null>> {
  const parsed = parseWorkExperience(entries);
  if (!parsed.ok) return parsed;
  return saveList(deps, 'work_experiences', userId, parsed.value, async (trx, rows) => {
    if (rows.length > 0) await trx.insertInto('work_experiences').values(rows.map((row) => ({ ...row }))).execute();
  });
}

export async function saveProjects(deps: AssistantDeps, userId: string, entries: readonly ProjectInput[]): Promise<Outcome<null>> {
  const parsed = parseProjects(entries);
  if (!parsed.ok) return parsed;
  return saveList(deps, 'projects', userId, parsed.value, async (trx, rows) => {
    if (rows.length > 0) await trx.insertInto('projects').values(rows.map((row) => ({ ...row }))).execute();
  });
}
