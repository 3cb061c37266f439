import { userError, type UserError } from '@jobgraph/kit';
import { characterCount, multiLineText, singleLineText } from './plain-text.ts';
import { normalizeTextList } from './text-list.ts';

/** The most entries one list (education, experience, projects) may hold. */
export const maxHistoryEntries = 50;

/**
 * Reads the fields of one entry of a list saved whole, collecting every problem with a
 * path into the mutation's arguments (`input.entries.<index>.<field>`).
 */
export class EntryReader {
  readonly errors: UserError[] = [];
  private readonly index: number;
  constructor(index: number) {
    this.index = index;
  }

  private path(name: string): string[] {
    return ['input', 'entries', String(this.index), name];
  }

  /** One line of text; blank is null, or REQUIRED when `required`. */
  line(raw: string | null | undefined, name: string, max: number, required = false): string | null {
    const text = raw === null || raw === undefined ? '' : singleLineText(raw);
    if (text === '' && required) this.errors.push(userError('REQUIRED', `Give the ${name}.`, this.path(name)));
    if (characterCount(text) > max) this.errors.push(userError('TOO_LONG', `The ${name} may have at most ${max} characters.`, this.path(name)));
    return text === '' ? null : text;
  }

  /** Paragraphs of text; blank is null, or REQUIRED when `required`. */
  paragraphs(raw: string | null | undefined, name: string, max: number, required = false): string | null {
    const text = raw === null || raw === undefined ? '' : multiLineText(raw);
    if (text === '' && required) this.errors.push(userError('REQUIRED', `Give the ${name}.`, this.path(name)));
    if (characterCount(text) > max) this.errors.push(userError('TOO_LONG', `The ${name} may have at most ${max} characters.`, this.path(name)));
    return text === '' ? null : text;
  }

  list(raw: readonly string[] | null | undefined, name: string, noun: string, maxItems: number, maxLength: number): string[] {
    const normalized = normalizeTextList(raw ?? [], { field: this.path(name), noun, maxItems, maxLength });
    this.errors.push(...normalized.errors);
    return [...normalized.values];
  }

  /** A start and end date (`YYYY-MM-DD`): the end not before the start, and none while current. */
  period(start: string | null, end: string | null, isCurrent: boolean): void {
    if (start !== null && end !== null && end < start) {
      this.errors.push(userError('INVALID_DATES', 'The end date may not be before the start date.', this.path('endDate')));
    }
    if (isCurrent && end !== null) {
      this.errors.push(userError('INVALID_DATES', 'A current entry has no end date.', this.path('endDate')));
    }
  }

  url(raw: string | null | undefined, name: string): string | null {
    if (raw === null || raw === undefined || raw.trim() === '') return null;
    const text = raw.trim();
    if (!/^https?:\/\//i.test(text) || text.length > 2000) {
      this.errors.push(userError('INVALID_URL', 'Give an http or https address of at most 2,000 characters.', this.path(name)));
    }
    return text;
  }
}

/** A GraphQL `Date` (a JS Date at UTC midnight) as the `YYYY-MM-DD` the database keeps. */
export function calendarDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
