import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../../infra/s3/s3.sh', import.meta.url));

export interface TestS3 {
  /** `endpoint|accessKey|secretKey`, as vitest's provide() passes plain strings. */
  readonly connection: string;
  readonly source: 'S3_ENDPOINT' | 'infra/s3/s3.sh';
  stop(): Promise<void>;
}

/**
 * The S3-compatible server the test run uses: `S3_ENDPOINT` (+ `S3_ACCESS_KEY`,
 * `S3_SECRET_KEY`) when set (CI starts one), else a versitygw from infra/s3 in a run
 * folder of its own, stopped by its PID when the run ends. Never "none": a test that
 * needs S3 fails rather than skips.
 */
export async function startTestS3(): Promise<TestS3> {
  const { S3_ENDPOINT: endpoint, S3_ACCESS_KEY: accessKey, S3_SECRET_KEY: secretKey } = process.env;
  if (endpoint && accessKey && secretKey) return { connection: `${endpoint}|${accessKey}|${secretKey}`, source: 'S3_ENDPOINT', stop: async () => {} };
  const runDir = await mkdtemp(join(fileURLToPath(new URL('../../../infra/s3/', import.meta.url)), 'run-test-'));
  const env = { ...process.env, S3_RUN_DIR: runDir };
  const { stdout } = await run('bash', [script, 'start'], { env, maxBuffer: 1 << 20, timeout: 30 * 60_000 });
  const value = (name: string) => stdout.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1] ?? '';
  return {
    connection: `${value('S3_ENDPOINT')}|${value('S3_ACCESS_KEY')}|${value('S3_SECRET_KEY')}`,
    source: 'infra/s3/s3.sh',
    stop: async () => {
      await run('bash', [script, 'stop'], { env });
      await rm(runDir, { recursive: true, force: true });
    },
  };
}
