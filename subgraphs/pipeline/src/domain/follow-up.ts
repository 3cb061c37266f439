import type { DbStageKind, DbTaskKind } from '../db/types.ts';

/** The task an application's entering a stage calls for. */
export interface FollowUp {
  readonly kind: DbTaskKind;
  readonly title: string;
  readonly dueAt: Date;
}

const dayMs = 24 * 60 * 60 * 1000;

/** What each stage kind asks of the candidate next, and how many days they have for it. */
export const followUpRules: Readonly<Partial<Record<DbStageKind, { readonly kind: DbTaskKind; readonly title: string; readonly days: number }>>> = {
  applied: { kind: 'application_follow_up', title: 'Follow up on your application', days: 7 },
  interview: { kind: 'interview_preparation', title: 'Prepare for the interview', days: 1 },
  offer: { kind: 'offer_response', title: 'Respond to the offer', days: 3 },
};

/**
 * The follow-up task for an application that entered a stage of `kind` at `enteredAt`,
 * or null when that stage asks for nothing (screening, and the final ones: hired,
 * rejected, withdrawn). Due dates count from when the stage was entered, not from when
 * the event was handled, so a late or replayed event yields the same task.
 */
export function followUpFor(kind: DbStageKind, enteredAt: Date): FollowUp | null {
  const rule = followUpRules[kind];
  if (!rule) return null;
  return { kind: rule.kind, title: rule.title, dueAt: new Date(enteredAt.getTime() + rule.days * dayMs) };
}
