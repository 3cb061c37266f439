import type { Kysely } from 'kysely';
import type { Database, DbParsedEmailStatus, DbStageKind } from '../../db/types.ts';
import { maxShortTextLength, maxTitleLength } from '../application-input.ts';
import { cleanText } from '../clean-text.ts';
import { createApplicationIn } from '../create-application.ts';
import { ensureDefaultStages } from '../default-stages.ts';
import { moveApplicationIn } from '../move-application.ts';
import { appendTimeline, timelineEntry } from '../timeline.ts';
import { planEffect, type MatchedApplication } from './plan-effect.ts';
import type { Classification } from './types.ts';

export interface AppliedEffect {
  readonly status: DbParsedEmailStatus;
  readonly applicationId: string | null;
  readonly reason: string;
}

/**
 * Carries out what a classified message means, in the caller's transaction, through the
 * pipeline's own create and move: the application at the named company is moved, or a
 * new one created; the timeline gets the stage change those write, by the email parser
 * with a note saying which message did it, and an EMAIL entry naming the message.
 */
export async function applyEmailEffect(
  trx: Kysely<Database>,
  userId: string,
  message: { readonly inboundEmailId: string; readonly subject: string; readonly sentAt: Date | null },
  classification: Classification,
  threshold?: number,
): Promise<AppliedEffect> {
  const applied = await applyEffect(trx, userId, message, classification, threshold);
  if (applied.status === 'applied' && applied.applicationId !== null && classification.kind !== 'unrelated') {
    await appendTimeline(trx, [
      timelineEntry({
        applicationId: applied.applicationId,
        userId,
        kind: 'email',
        author: 'parser',
        payload: { inboundEmailId: message.inboundEmailId, classification: classification.kind, confidence: classification.confidence, subject: message.subject.slice(0, 300), effect: applied.reason.slice(0, 200) },
      }),
    ]);
  }
  return applied;
}

async function applyEffect(
  trx: Kysely<Database>,
  userId: string,
  message: { readonly subject: string; readonly sentAt: Date | null },
  classification: Classification,
  threshold?: number,
): Promise<AppliedEffect> {
  const match = await matchApplication(trx, userId, classification.company);
  const effect = planEffect(classification, match, threshold);
  if (effect.status !== 'applied') return { status: effect.status, applicationId: null, reason: effect.reason };
  if (effect.action === 'none') return { status: 'applied', applicationId: effect.applicationId, reason: effect.reason };

  const note = parserNote(classification, message.subject);
  const stageId = await firstActiveStageOfKind(trx, userId, effect.stageKind);
  if (effect.action === 'move') {
    if (stageId === null) return { status: 'needs_review', applicationId: effect.applicationId, reason: `no active ${effect.stageKind} stage` };
    const moved = await moveApplicationIn(trx, userId, { applicationId: effect.applicationId, stageId, note }, null, 'parser');
    return moved.ok ? { status: 'applied', applicationId: moved.value.id, reason: `moved to ${effect.stageKind}` } : { status: 'needs_review', applicationId: effect.applicationId, reason: moved.errors[0]?.code ?? 'move refused' };
  }
  const title = cleanText(effect.jobTitle.slice(0, maxTitleLength), maxTitleLength, { singleLine: true });
  const company = cleanText(effect.company.slice(0, maxShortTextLength), maxShortTextLength, { singleLine: true });
  const appliedAt = effect.stageKind === 'applied' && message.sentAt && message.sentAt.getTime() <= Date.now() ? message.sentAt : null;
  const created = await createApplicationIn(
    trx,
    userId,
    {
      target: { kind: 'manual', title: (title.ok && title.value) || 'Role', companyName: company.ok ? company.value : null, url: null, location: null },
      stageId,
      notes: null,
      appliedAt,
    },
    null,
    note,
    { author: 'parser' },
  );
  return created.ok ? { status: 'applied', applicationId: created.value.id, reason: `created in ${effect.stageKind}` } : { status: 'needs_review', applicationId: null, reason: created.errors[0]?.code ?? 'create refused' };
}

/** The user's newest live application entered for this company (case-insensitive), if any. */
async function matchApplication(trx: Kysely<Database>, userId: string, company: string | null): Promise<MatchedApplication | null> {
  if (company === null) return null;
  const row = await trx
    .selectFrom('applications')
    .innerJoin('application_stages', 'application_stages.id', 'applications.stage_id')
    .select(['applications.id', 'application_stages.kind'])
    .where('applications.user_id', '=', userId)
    .where('applications.deleted_at', 'is', null)
    .where((eb) => eb(eb.fn('lower', ['applications.manual_company_name']), '=', company.toLowerCase()))
    .orderBy('applications.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, stageKind: row.kind } : null;
}

/** Null when the user has no active stage of this kind (they archived it): the stage is created nowhere, the email waits for review. */
async function firstActiveStageOfKind(trx: Kysely<Database>, userId: string, kind: DbStageKind): Promise<string | null> {
  await ensureDefaultStages(trx, userId);
  const row = await trx
    .selectFrom('application_stages')
    .select('id')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('archived_at', 'is', null)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

function parserNote(classification: Classification, subject: string): string {
  return `Email parser: ${classification.kind} (confidence ${classification.confidence}) — "${subject.slice(0, 300)}"`;
}
