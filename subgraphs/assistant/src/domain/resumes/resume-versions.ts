import { sql, type Kysely } from 'kysely';
import { diff } from 'jsondiffpatch';
import { ResumeVersionChanged, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { Database, ResumeVersion } from '../../db/types.ts';
import type { AssistantDeps } from '../deps.ts';
import { characterCount, singleLineText } from '../plain-text.ts';
import { analyzeResume, atsCoverage } from './resume-analysis.ts';
import { renderResumePdf } from './resume-pdf.ts';
import { checkResumeSections, type ResumeSections } from './resume-sections.ts';

export const resumeKey = (userId: string, versionId: string): string => `assistant/resumes/${userId.toLowerCase()}/${versionId}.pdf`;

const changed = (row: ResumeVersion, status: 'saved' | 'deleted') =>
  pendingEvent(ResumeVersionChanged, row.id, { resumeVersionId: row.id, userId: row.user_id, isBase: row.is_base, listingId: row.listing_id, atsScore: row.ats_score, analysisScore: row.analysis.overall, status });

/** A user's own resume version, or null: another user's answers exactly like a missing one. */
export async function ownResumeVersion(db: Kysely<Database>, userId: string, id: string): Promise<ResumeVersion | null> {
  return (await db.selectFrom('resume_versions').selectAll().where('id', '=', id.toLowerCase()).where('user_id', '=', userId.toLowerCase()).executeTakeFirst()) ?? null;
}

function readTitle(raw: string | null | undefined, fallback: string, errors: UserError[]): string {
  const title = raw === null || raw === undefined ? '' : singleLineText(raw);
  if (characterCount(title) > 200) errors.push(userError('TOO_LONG', 'The title may have at most 200 characters.', ['input', 'title']));
  return title === '' ? fallback : title;
}

/** jsondiffpatch's delta from the base to a version: what was added, changed and removed, by path; null when equal. */
const delta = (base: ResumeSections, sections: ResumeSections): string | null => {
  const result = diff(base, sections);
  return result === undefined ? null : JSON.stringify(result);
};

/**
 * Saves the user's base resume (one per user): sections checked against the schema,
 * analysed, rendered to PDF and stored; every tailored version's diff is taken again
 * from the new base in the same transaction.
 */
export async function saveBaseResume(deps: AssistantDeps, userId: string, input: { readonly title?: string | null; readonly sections: unknown }): Promise<Outcome<ResumeVersion>> {
  const user = userId.toLowerCase();
  const errors: UserError[] = [];
  const title = readTitle(input.title, 'Base resume', errors);
  const checked = checkResumeSections(input.sections);
  if (!checked.ok) errors.push(...checked.errors);
  if (errors.length > 0 || !checked.ok) return fail(...errors);
  const existing = await deps.db.selectFrom('resume_versions').select(['id']).where('user_id', '=', user).where('is_base', '=', true).executeTakeFirst();
  const id = existing?.id ?? crypto.randomUUID();
  const key = resumeKey(user, id);
  await storePdf(deps, key, title, checked.sections);
  const analysis = JSON.stringify(analyzeResume(checked.sections));
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('resume_versions')
      .values({ id, user_id: user, is_base: true, title, sections: JSON.stringify(checked.sections), analysis, pdf_key: key })
      .onConflict((oc) => oc.column('id').doUpdateSet({ title, sections: JSON.stringify(checked.sections), analysis, updated_at: sql<Date>`now()` }))
      .returningAll()
      .executeTakeFirstOrThrow();
    const tailored = await trx.selectFrom('resume_versions').select(['id', 'sections']).where('user_id', '=', user).where('is_base', '=', false).execute();
    for (const version of tailored) {
      await trx.updateTable('resume_versions').set({ diff_from_base: delta(checked.sections, version.sections) }).where('id', '=', version.id).execute();
    }
    await appendToOutbox(trx, [changed(row, 'saved')]);
    return succeed(row);
  });
}

/**
 * A version tailored to a catalog listing: the given sections (or a copy of the base),
 * scored for the listing's keywords (its tags) with the ones it misses, diffed from the
 * base, analysed and rendered. Codes: NOT_FOUND (a listing the assistant does not know),
 * NO_BASE (no sections given and no base to copy).
 */
export async function tailorResume(deps: AssistantDeps, userId: string, input: { readonly listingId: string; readonly title?: string | null; readonly sections?: unknown }): Promise<Outcome<ResumeVersion>> {
  const user = userId.toLowerCase();
  const errors: UserError[] = [];
  const listing = await deps.db.selectFrom('listing_features').select(['listing_id', 'title', 'tags']).where('listing_id', '=', input.listingId.toLowerCase()).where('status', '!=', 'draft').executeTakeFirst();
  if (!listing) errors.push(userError('NOT_FOUND', 'There is no such listing.', ['input', 'listingId']));
  const title = readTitle(input.title, `Resume for ${listing?.title ?? 'a listing'}`, errors);
  const base = await deps.db.selectFrom('resume_versions').selectAll().where('user_id', '=', user).where('is_base', '=', true).executeTakeFirst();
  let sections: ResumeSections | null = null;
  if (input.sections === undefined || input.sections === null) {
    if (!base) errors.push(userError('NO_BASE', 'Save a base resume first, or give the sections.', ['input', 'sections']));
    else sections = base.sections;
  } else {
    const checked = checkResumeSections(input.sections);
    if (checked.ok) sections = checked.sections;
    else errors.push(...checked.errors);
  }
  if (errors.length > 0 || !listing || !sections) return fail(...errors);
  const coverage = atsCoverage(sections, listing.tags);
  const id = crypto.randomUUID();
  const key = resumeKey(user, id);
  await storePdf(deps, key, title, sections);
  const values = {
    id,
    user_id: user,
    listing_id: listing.listing_id,
    title,
    sections: JSON.stringify(sections),
    ats_score: coverage.score,
    keywords: [...coverage.covered],
    missing_keywords: [...coverage.missing],
    diff_from_base: base ? delta(base.sections, sections) : null,
    analysis: JSON.stringify(analyzeResume(sections)),
    pdf_key: key,
  };
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('resume_versions').values(values).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [changed(row, 'saved')]);
    return succeed(row);
  });
}

export async function deleteResumeVersion(deps: AssistantDeps, userId: string, id: string): Promise<Outcome<string>> {
  const row = await ownResumeVersion(deps.db, userId, id);
  if (!row) return fail(userError('NOT_FOUND', 'There is no such resume version.', ['id']));
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('resume_versions').where('id', '=', row.id).execute();
    await appendToOutbox(trx, [changed(row, 'deleted')]);
  });
  await deps.blobs.delete(row.pdf_key);
  return succeed(row.id);
}

async function storePdf(deps: AssistantDeps, key: string, title: string, sections: ResumeSections): Promise<void> {
  await deps.blobs.write(key, await renderResumePdf(title, sections), 'application/pdf');
}
