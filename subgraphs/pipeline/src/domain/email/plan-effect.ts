import type { DbParsedEmailStatus, DbStageKind } from '../../db/types.ts';
import type { Classification, EmailClass } from './types.ts';

/** Below this confidence a message waits for the user's review instead of changing anything. */
export const confidenceThreshold = 0.6;

/** The stage kind each kind of job mail moves an application to. */
export const stageKindFor: Readonly<Record<Exclude<EmailClass, 'unrelated'>, DbStageKind>> = {
  confirmation: 'applied',
  assessment: 'screening',
  interview: 'interview',
  offer: 'offer',
  rejection: 'rejected',
};

/** How far along a stage kind is; mail never moves an application back. */
const progress: Readonly<Record<DbStageKind, number>> = { wishlist: 0, applied: 1, screening: 2, interview: 3, offer: 4, hired: 5, rejected: 6, withdrawn: 6 };

export interface MatchedApplication {
  readonly id: string;
  readonly stageKind: DbStageKind;
}

export type EmailEffect =
  | { readonly status: Exclude<DbParsedEmailStatus, 'applied'>; readonly reason: string }
  | { readonly status: 'applied'; readonly action: 'create'; readonly stageKind: DbStageKind; readonly company: string; readonly jobTitle: string }
  | { readonly status: 'applied'; readonly action: 'move'; readonly applicationId: string; readonly stageKind: DbStageKind }
  | { readonly status: 'applied'; readonly action: 'none'; readonly applicationId: string; readonly reason: string };

/**
 * What a classified message does. Unrelated mail is dismissed; a message below the
 * threshold, or one that names no company, waits for review. Otherwise the user's
 * application at that company (`match`) moves forward to the class's stage kind, or a
 * new one is created there; mail that would move an application back (a late
 * confirmation after the interview) or leave a closed one changes nothing.
 */
export function planEffect(classification: Classification, match: MatchedApplication | null, threshold = confidenceThreshold): EmailEffect {
  const kind = classification.kind;
  if (kind === 'unrelated') return { status: 'dismissed', reason: 'not about an application' };
  if (classification.confidence < threshold) return { status: 'needs_review', reason: `confidence ${classification.confidence} is below ${threshold}` };
  const target = stageKindFor[kind];
  if (match) {
    const closed = match.stageKind === 'hired' || match.stageKind === 'rejected' || match.stageKind === 'withdrawn';
    if (closed || progress[target] <= progress[match.stageKind]) return { status: 'applied', action: 'none', applicationId: match.id, reason: `already ${match.stageKind}` };
    return { status: 'applied', action: 'move', applicationId: match.id, stageKind: target };
  }
  if (classification.company === null) return { status: 'needs_review', reason: 'no company found to match an application' };
  return {
    status: 'applied',
    action: 'create',
    stageKind: target,
    company: classification.company,
    jobTitle: classification.jobTitle ?? `Role at ${classification.company}`,
  };
}
