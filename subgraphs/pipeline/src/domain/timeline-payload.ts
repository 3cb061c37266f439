import { z } from 'zod';
import type { DbTimelineKind } from '../db/types.ts';

const uuid = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const stageKind = z.enum(['wishlist', 'applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn']);

export const maxTimelineNoteLength = 5_000;

/**
 * The payload each kind of timeline entry carries (PI-08). Every write goes through
 * `timelinePayload`, so a row's JSON always has its kind's shape; the strict objects
 * refuse keys no kind names.
 */
export const timelinePayloadSchemas = {
  note: z.object({ text: z.string().min(1).max(maxTimelineNoteLength) }).strict(),
  stage_change: z
    .object({ stageChangeId: uuid, fromStageId: uuid.nullable(), fromStageKind: stageKind.nullable(), toStageId: uuid, toStageKind: stageKind, note: z.string().max(2_000).nullable() })
    .strict(),
  interview: z
    .object({ calendarEventId: uuid, eventKind: z.enum(['interview', 'phone_screen', 'assessment', 'deadline', 'offer_call', 'other']), startsAt: instant, endsAt: instant })
    .strict(),
  offer: z
    .object({ stageId: uuid, salary: z.object({ minCents: z.number().int().nonnegative().nullable(), maxCents: z.number().int().nonnegative().nullable(), currency: z.string().length(3) }).strict().nullable() })
    .strict(),
  follow_up: z.object({ taskId: uuid, dueAt: instant.nullable(), reason: z.enum(['stage', 'silence', 'interview_thank_you']) }).strict(),
  email: z
    .object({
      inboundEmailId: uuid.nullable(),
      classification: z.enum(['confirmation', 'rejection', 'interview', 'offer', 'assessment']),
      confidence: z.number().min(0).max(1),
      subject: z.string().max(300),
      effect: z.string().max(200),
    })
    .strict(),
} as const satisfies Record<DbTimelineKind, z.ZodType>;

export type TimelinePayloads = { readonly [K in DbTimelineKind]: z.infer<(typeof timelinePayloadSchemas)[K]> };

/**
 * Checks a payload against its kind's shape. A payload pipeline builds that fails is a
 * bug, not a user's mistake: it throws, and the transaction that would write it rolls back.
 */
export function timelinePayload<K extends DbTimelineKind>(kind: K, payload: TimelinePayloads[K]): TimelinePayloads[K] {
  const parsed = timelinePayloadSchemas[kind].safeParse(payload);
  if (!parsed.success) throw new Error(`a ${kind} timeline payload of the wrong shape: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data as TimelinePayloads[K];
}

/** Reads a stored payload back as its kind's shape; null for a row that does not match (never thrown at a reader). */
export function readTimelinePayload<K extends DbTimelineKind>(kind: K, payload: unknown): TimelinePayloads[K] | null {
  const parsed = timelinePayloadSchemas[kind].safeParse(payload);
  return parsed.success ? (parsed.data as TimelinePayloads[K]) : null;
}

/** Only the user's own notes may be edited or deleted; what the system and the parser recorded stays as it happened. */
export function isEditableEntry(entry: { readonly kind: DbTimelineKind; readonly author: string }): boolean {
  return entry.kind === 'note' && entry.author === 'user';
}
