import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';

/** What the author writes in a review of a company (CA-25). */
export interface ReviewFields {
  /** 1 to 5 stars. */
  readonly rating: number;
  readonly title: string;
  readonly body: string;
  readonly anonymous: boolean;
}

export const maxReviewTitle = 150;
export const maxReviewBody = 5000;
export const maxRejectionReason = 500;

/** Trimmed, NFC; line breaks and tabs kept only where `multiline`; other control characters refused. */
function text(raw: string, max: number, multiline: boolean): string | undefined {
  const normalized = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  const single = multiline ? normalized : normalized.replace(/\s+/g, ' ');
  const forbidden = multiline ? /[\p{Cc}--[\n\t]]/v : /\p{Cc}/u;
  return single.length >= 1 && single.length <= max && !forbidden.test(single) ? single : undefined;
}

/**
 * The fields given (a missing key is "keep"), validated, each problem on its input path:
 * INVALID_RATING (a whole number from 1 to 5), INVALID_TITLE, INVALID_BODY.
 */
export function validateReviewFields(input: Partial<ReviewFields>, path: readonly string[]): Outcome<Partial<ReviewFields>> {
  const errors: UserError[] = [];
  const fields: { -readonly [K in keyof ReviewFields]?: ReviewFields[K] } = {};
  if (input.rating !== undefined) {
    if (Number.isInteger(input.rating) && input.rating >= 1 && input.rating <= 5) fields.rating = input.rating;
    else errors.push(userError('INVALID_RATING', 'A rating is a whole number of stars from 1 to 5.', [...path, 'rating']));
  }
  if (input.title !== undefined) {
    const title = text(input.title, maxReviewTitle, false);
    if (title === undefined) errors.push(userError('INVALID_TITLE', `A title needs 1 to ${maxReviewTitle} characters.`, [...path, 'title']));
    else fields.title = title;
  }
  if (input.body !== undefined) {
    const body = text(input.body, maxReviewBody, true);
    if (body === undefined) errors.push(userError('INVALID_BODY', `A review needs 1 to ${maxReviewBody} characters.`, [...path, 'body']));
    else fields.body = body;
  }
  if (input.anonymous !== undefined) fields.anonymous = input.anonymous;
  return errors.length > 0 ? fail(...errors) : succeed(fields);
}

/** A rejection's reason for the author: 1 to 500 characters, or none. */
export function validateRejectionReason(raw: string | null | undefined, path: readonly string[]): Outcome<string | null> {
  if (raw == null || raw.trim() === '') return succeed(null);
  const reason = text(raw, maxRejectionReason, true);
  return reason === undefined ? fail(userError('INVALID_REASON', `A reason has at most ${maxRejectionReason} characters.`, [...path])) : succeed(reason);
}
