import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import { cleanText } from './clean-text.ts';

export const maxStageNameLength = 60;
/** A board with more columns than this is no board; also bounds a reorder's input. */
export const maxStages = 30;

/** A stage name: one line, trimmed, 1 to 60 characters. */
export function validateStageName(raw: string, field: readonly string[] = ['input', 'name']): Outcome<string> {
  const name = cleanText(raw, maxStageNameLength, { singleLine: true });
  if (!name.ok) return fail(userError('TOO_LONG', `Use at most ${maxStageNameLength} characters.`, field));
  if (name.value === null) return fail(userError('INVALID_NAME', 'Give the stage a name.', field));
  return succeed(name.value);
}

/**
 * Whether `requested` is a new board order of exactly the `active` stage ids: each once,
 * none missing, none foreign. Returns the order lower-cased.
 */
export function validateStageOrder(active: readonly string[], requested: readonly string[]): Outcome<readonly string[]> {
  const order = requested.map((id) => id.toLowerCase());
  const known = new Set(active);
  const unique = new Set(order);
  if (unique.size !== order.length) return fail(userError('DUPLICATE_STAGE', 'Name each stage once.', ['input', 'stageIds']));
  if (order.some((id) => !known.has(id))) return fail(userError('STAGE_NOT_FOUND', 'You have no active stage with one of these ids.', ['input', 'stageIds']));
  if (order.length !== known.size) return fail(userError('INCOMPLETE_ORDER', 'Give every active stage of yours, in the new order.', ['input', 'stageIds']));
  return succeed(order);
}
