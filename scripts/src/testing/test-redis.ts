import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const redisScript = fileURLToPath(new URL('../../../infra/redis/redis.sh', import.meta.url));

export interface TestRedis {
  readonly url: string;
  readonly source: 'REDIS_URL' | 'infra/redis/redis.sh';
  stop(): Promise<void>;
}

/**
 * The Redis the test run uses: `REDIS_URL` when set (CI starts one), else a server
 * started by infra/redis/redis.sh from Debian's package. Never "none": a test that
 * needs Redis fails rather than skips.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const given = process.env.REDIS_URL;
  if (given) return { url: given, source: 'REDIS_URL', stop: async () => {} };
  const { REDIS_RUN_DIR: _shared, ...env } = process.env;
  const { stdout } = await run('bash', [redisScript, 'start'], { env, timeout: 180_000 });
  const values = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split('=') as [string, string]));
  const url = values.REDIS_URL;
  const runDir = values.REDIS_RUN_DIR;
  if (!url || !runDir) throw new Error(`redis.sh start printed no REDIS_URL/REDIS_RUN_DIR:\n${stdout}`);
  return { url, source: 'infra/redis/redis.sh', stop: async () => void (await run('bash', [redisScript, 'stop'], { env: { ...process.env, REDIS_RUN_DIR: runDir }, timeout: 30_000 })) };
}
