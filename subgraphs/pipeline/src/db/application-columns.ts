import { sql } from 'kysely';
import type { Application, ApplicationTable } from './types.ts';

/**
 * Every column of an application a resolver reads: all but the search vector, which only
 * the search's `where` needs (sent back, it would be parsed for nothing on every row).
 * Reads select these, never `applications.*`.
 */
export const applicationColumns = [
  'applications.id',
  'applications.user_id',
  'applications.job_listing_id',
  'applications.manual_title',
  'applications.manual_company_name',
  'applications.manual_url',
  'applications.manual_location',
  'applications.stage_id',
  'applications.notes',
  'applications.applied_at',
  'applications.created_at',
  'applications.updated_at',
  'applications.deleted_at',
  'applications.deadline_on',
  'applications.follow_up_on',
  'applications.salary_min_cents',
  'applications.salary_max_cents',
  'applications.salary_currency',
  'applications.source',
  'applications.source_label',
  'applications.employer_responded_at',
  'applications.listing_snapshot',
] as const satisfies readonly `applications.${keyof ApplicationTable}`[];

/** Compile-time check: fails when `ApplicationTable` gains a column the list above lacks. */
const complete: Exclude<keyof ApplicationTable, (typeof applicationColumns)[number] extends `applications.${infer C}` ? C : never> extends 'search_document' ? true : never = true;
void complete;

const columnNames = applicationColumns.map((column) => column.slice('applications.'.length));
const prefix = 'application__';

/**
 * Every column of an application joined under `alias`, each selected as `application__<column>`:
 * a list that joins its rows' applications hands them over with it (see `joinedApplication`).
 */
export function joinedApplicationColumns(alias: string) {
  return columnNames.map((column) => sql.ref(`${alias}.${column}`).as(`${prefix}${column}`));
}

/** `application__<column>` for each column, in the same order (built once, not per row). */
const prefixedNames = columnNames.map((column) => `${prefix}${column}`);
const prefixedId = `${prefix}id`;

/** The application `joinedApplicationColumns` selected into a row, or null when the join found none. */
export function joinedApplication(row: object): Application | null {
  const fields = row as Record<string, unknown>;
  if (fields[prefixedId] === null || fields[prefixedId] === undefined) return null;
  const application: Record<string, unknown> = {};
  for (let i = 0; i < columnNames.length; i += 1) application[columnNames[i]!] = fields[prefixedNames[i]!];
  return application as unknown as Application;
}

/** A row with the joined application's columns taken out, and the application (or null) under `live_application`. */
export function splitJoinedApplication<Row extends object>(row: Row): Row & { readonly live_application: Application | null } {
  const fields = row as Record<string, unknown>;
  const own: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) if (!key.startsWith(prefix)) own[key] = fields[key];
  own.live_application = joinedApplication(row);
  return own as Row & { readonly live_application: Application | null };
}
