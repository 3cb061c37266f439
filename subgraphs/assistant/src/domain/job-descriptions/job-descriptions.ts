import { sql, type Kysely } from 'kysely';
import { JobDescriptionChanged, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { Database, JobDescription } from '../../db/types.ts';
import { ownsApplication } from '../application-owners.ts';
import { loadSkillVocabulary } from '../cv/skill-vocabulary-store.ts';
import type { AssistantDeps } from '../deps.ts';
import { characterCount, multiLineText, singleLineText } from '../plain-text.ts';
import { readJobDescription } from './jd-extract.ts';
import { jobDescriptionHash, maxJobDescriptionLength, normalizeJobDescription } from './jd-text.ts';

export interface SaveJobDescriptionInput {
  readonly text: string;
  readonly jobTitle?: string | null;
  readonly companyName?: string | null;
  readonly applicationId?: string | null;
}

export const changedEvent = (row: JobDescription, status: 'saved' | 'linked' | 'unlinked' | 'deleted') =>
  pendingEvent(JobDescriptionChanged, row.id, {
    jobDescriptionId: row.id,
    userId: row.user_id,
    applicationId: row.application_id,
    status,
    skills: [...row.skills],
    requirementCount: row.requirements.length,
  });

/** A user's own job description, or null: another user's answers exactly like a missing one. */
export async function ownJobDescription(db: Kysely<Database>, userId: string, id: string): Promise<JobDescription | null> {
  return (await db.selectFrom('job_descriptions').selectAll().where('id', '=', id.toLowerCase()).where('user_id', '=', userId.toLowerCase()).executeTakeFirst()) ?? null;
}

const applicationNotFound = () => userError('NOT_FOUND', 'There is no such application of yours.', ['input', 'applicationId']);

function label(raw: string | null | undefined, name: string, errors: UserError[]): string | null {
  const text = raw === null || raw === undefined ? '' : singleLineText(raw);
  if (characterCount(text) > 200) errors.push(userError('TOO_LONG', `The ${name} may have at most 200 characters.`, ['input', name]));
  return text === '' ? null : text;
}

/**
 * Saves a pasted job description, read for its requirements and the catalog tags it
 * names. The same text again (same normalized content: case, spacing and bullets do not
 * count) answers the one already saved, with `duplicate`. An application to link must be
 * one of the user's own, live in pipeline; anything else answers NOT_FOUND.
 */
export async function saveJobDescription(deps: AssistantDeps, userId: string, input: SaveJobDescriptionInput): Promise<Outcome<{ jobDescription: JobDescription; duplicate: boolean }>> {
  const user = userId.toLowerCase();
  const errors: UserError[] = [];
  const text = multiLineText(input.text);
  if (normalizeJobDescription(text) === '') errors.push(userError('REQUIRED', 'Paste the job description.', ['input', 'text']));
  if (characterCount(text) > maxJobDescriptionLength) errors.push(userError('TOO_LONG', `A job description may have at most ${maxJobDescriptionLength.toLocaleString('en')} characters.`, ['input', 'text']));
  const jobTitle = label(input.jobTitle, 'jobTitle', errors);
  const companyName = label(input.companyName, 'companyName', errors);
  if (input.applicationId && !(await ownsApplication(deps.db, user, input.applicationId))) errors.push(applicationNotFound());
  if (errors.length > 0) return fail(...errors);
  const hash = jobDescriptionHash(text);
  const facts = readJobDescription(text, await loadSkillVocabulary(deps.db));
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('job_descriptions')
      .values({ user_id: user, application_id: input.applicationId?.toLowerCase() ?? null, job_title: jobTitle, company_name: companyName, raw_text: text, content_hash: hash, requirements: [...facts.requirements], skills: [...facts.skills] })
      .onConflict((oc) => oc.columns(['user_id', 'content_hash']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx.selectFrom('job_descriptions').selectAll().where('user_id', '=', user).where('content_hash', '=', hash).executeTakeFirstOrThrow();
      return succeed({ jobDescription: existing, duplicate: true });
    }
    await appendToOutbox(trx, [changedEvent(inserted, 'saved')]);
    return succeed({ jobDescription: inserted, duplicate: false });
  });
}

/** Links a job description to one of the user's live applications, or unlinks it (null). */
export async function linkJobDescription(deps: AssistantDeps, userId: string, id: string, applicationId: string | null): Promise<Outcome<JobDescription>> {
  const row = await ownJobDescription(deps.db, userId, id);
  if (!row) return fail(userError('NOT_FOUND', 'There is no such job description.', ['input', 'id']));
  if (applicationId !== null && !(await ownsApplication(deps.db, userId, applicationId))) return fail(applicationNotFound());
  const target = applicationId?.toLowerCase() ?? null;
  if (row.application_id === target) return succeed(row);
  return deps.db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('job_descriptions').set({ application_id: target, updated_at: sql<Date>`now()` }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [changedEvent(updated, target === null ? 'unlinked' : 'linked')]);
    return succeed(updated);
  });
}

export async function deleteJobDescription(deps: AssistantDeps, userId: string, id: string): Promise<Outcome<string>> {
  const row = await ownJobDescription(deps.db, userId, id);
  if (!row) return fail(userError('NOT_FOUND', 'There is no such job description.', ['id']));
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('job_descriptions').where('id', '=', row.id).execute();
    await appendToOutbox(trx, [changedEvent(row, 'deleted')]);
  });
  return succeed(row.id);
}

/** Unlinks every job description from an application pipeline purged, announcing each. */
export async function unlinkApplication(trx: Kysely<Database>, applicationId: string): Promise<void> {
  const rows = await trx.updateTable('job_descriptions').set({ application_id: null, updated_at: sql<Date>`now()` }).where('application_id', '=', applicationId).returningAll().execute();
  if (rows.length > 0) await appendToOutbox(trx, rows.map((row) => changedEvent(row, 'unlinked')));
}
