import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import { cleanText } from './clean-text.ts';

export const maxTitleLength = 200;
export const maxShortTextLength = 200;
export const maxUrlLength = 2048;
export const maxNotesLength = 10_000;
export const maxNoteLength = 2_000;
/** Clocks disagree a little; an application dated a few minutes ahead is still today's. */
const clockSkewMs = 5 * 60_000;

export interface ManualJobInput {
  readonly title: string;
  readonly companyName?: string | null;
  /** The URL scalar hands over a parsed `URL`; plain strings are accepted too. */
  readonly url?: URL | string | null;
  readonly location?: string | null;
}

export interface NewApplicationInput {
  readonly jobId?: string | null;
  readonly manualJob?: ManualJobInput | null;
  readonly stageId?: string | null;
  readonly notes?: string | null;
  readonly appliedAt?: Date | null;
}

/** What was applied to: a catalog listing, or a job described by hand. */
export type ApplicationTarget =
  | { readonly kind: 'listing'; readonly jobListingId: string }
  | { readonly kind: 'manual'; readonly title: string; readonly companyName: string | null; readonly url: string | null; readonly location: string | null };

export interface ApplicationDraft {
  readonly target: ApplicationTarget;
  readonly stageId: string | null;
  readonly notes: string | null;
  /** Null: the moment the application is recorded. */
  readonly appliedAt: Date | null;
}

const tooLong = (max: number, field: readonly string[]) => userError('TOO_LONG', `Use at most ${max} characters.`, field);

/** Checks a new application's input and cleans it; every problem is reported at once. `now` judges `appliedAt`. */
export function validateNewApplication(input: NewApplicationInput, now: Date): Outcome<ApplicationDraft> {
  const errors: UserError[] = [];
  const jobId = input.jobId ?? null;
  const manual = input.manualJob ?? null;

  let target: ApplicationTarget | null = null;
  if (jobId !== null && manual !== null) {
    errors.push(userError('JOB_AMBIGUOUS', 'Give either a listing or a job entered by hand, not both.', ['input', 'manualJob']));
  } else if (jobId === null && manual === null) {
    errors.push(userError('JOB_REQUIRED', 'Give the listing you applied to, or describe the job by hand.', ['input', 'jobId']));
  } else if (jobId !== null) {
    target = { kind: 'listing', jobListingId: jobId.toLowerCase() };
  } else if (manual !== null) {
    const described = validateManualJob(manual);
    if (described.ok) target = described.value;
    else errors.push(...described.errors);
  }

  const notes = cleanText(input.notes, maxNotesLength);
  if (!notes.ok) errors.push(tooLong(maxNotesLength, ['input', 'notes']));

  const appliedAt = input.appliedAt ?? null;
  if (appliedAt !== null && appliedAt.getTime() > now.getTime() + clockSkewMs) {
    errors.push(userError('APPLIED_AT_IN_FUTURE', 'The application date may not be in the future.', ['input', 'appliedAt']));
  }

  if (errors.length > 0 || target === null || !notes.ok) return fail(...errors);
  return succeed({ target, stageId: input.stageId?.toLowerCase() ?? null, notes: notes.value, appliedAt });
}

export function validateManualJob(input: ManualJobInput): Outcome<ApplicationTarget> {
  const errors: UserError[] = [];
  const at = (name: string) => ['input', 'manualJob', name];

  const title = cleanText(input.title, maxTitleLength, { singleLine: true });
  if (!title.ok) errors.push(tooLong(maxTitleLength, at('title')));
  else if (title.value === null) errors.push(userError('INVALID_TITLE', 'Give the job title.', at('title')));

  const companyName = cleanText(input.companyName, maxShortTextLength, { singleLine: true });
  if (!companyName.ok) errors.push(tooLong(maxShortTextLength, at('companyName')));
  const location = cleanText(input.location, maxShortTextLength, { singleLine: true });
  if (!location.ok) errors.push(tooLong(maxShortTextLength, at('location')));

  const url = webAddress(input.url ?? null);
  if (url === 'invalid') errors.push(userError('INVALID_URL', 'Use an http or https address.', at('url')));
  else if (url !== null && url.length > maxUrlLength) errors.push(tooLong(maxUrlLength, at('url')));

  if (errors.length > 0 || !title.ok || title.value === null || !companyName.ok || !location.ok || url === 'invalid') return fail(...errors);
  return succeed({ kind: 'manual', title: title.value, companyName: companyName.value, url, location: location.value });
}

/** An http(s) address as text; anything else (`javascript:`, `file:`, …) is refused. */
export function webAddress(raw: URL | string | null): string | null | 'invalid' {
  if (raw === null) return null;
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    return 'invalid';
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : 'invalid';
}

/** A timeline note: trimmed, blank is none, at most 2,000 characters. */
export function validateNote(raw: string | null | undefined, field: readonly string[] = ['input', 'note']): Outcome<string | null> {
  const note = cleanText(raw, maxNoteLength);
  return note.ok ? succeed(note.value) : fail(tooLong(maxNoteLength, field));
}
