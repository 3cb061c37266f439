import { badUserInput, isUuid, parsePage, type Cursor } from '@jobgraph/kit';
import type { TaskPageQuery, TaskPosition } from '../db/task-pages.ts';
import type { UserTasksArgs } from '../generated/resolvers.ts';

const microsecondTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** `User.tasks` arguments as a page query; anything malformed is BAD_USER_INPUT before SQL runs. */
export function taskPageQuery(args: UserTasksArgs): TaskPageQuery {
  const page = parsePage(args);
  return { limit: page.limit, after: page.after === null ? null : taskPosition(page.after), includeCompleted: args.includeCompleted ?? false };
}

/** A cursor's key must be the exact due time this API put there (or `infinity` for undated), its id a uuid. */
function taskPosition(cursor: Cursor): TaskPosition {
  const key = cursor.key;
  const validKey = typeof key === 'string' && (key === 'infinity' || (microsecondTimestamp.test(key) && !Number.isNaN(Date.parse(key))));
  if (!validKey || !isUuid(cursor.id)) throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
  return { dueKey: key, id: cursor.id.toLowerCase() };
}
