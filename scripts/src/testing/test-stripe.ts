import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../../infra/stripe/stripe-mock.sh', import.meta.url));

export interface TestStripe {
  /** Where stripe-mock answers, e.g. `http://127.0.0.1:12111`. */
  readonly apiBase: string;
  readonly source: 'STRIPE_API_BASE' | 'infra/stripe/stripe-mock.sh';
  stop(): Promise<void>;
}

/**
 * The stripe-mock the test run uses: `STRIPE_API_BASE` when set (CI starts one), else one
 * started by infra/stripe/stripe-mock.sh (built from the Go module proxy on first use).
 * Never "none": a test that needs it fails rather than skips.
 */
export async function startTestStripe(): Promise<TestStripe> {
  const given = process.env.STRIPE_API_BASE;
  if (given) return { apiBase: given, source: 'STRIPE_API_BASE', stop: async () => {} };
  const { STRIPE_MOCK_RUN_DIR: _shared, ...inherited } = process.env;
  const { stdout } = await run('bash', [script, 'start'], { env: inherited, timeout: 600_000, maxBuffer: 10_000_000 });
  const values = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=') as [string, string]),
  );
  const apiBase = values.STRIPE_API_BASE;
  const runDir = values.STRIPE_MOCK_RUN_DIR;
  if (!apiBase || !runDir) throw new Error(`stripe-mock.sh start printed no STRIPE_API_BASE:\n${stdout}`);
  return {
    apiBase,
    source: 'infra/stripe/stripe-mock.sh',
    stop: async () => void (await run('bash', [script, 'stop'], { env: { ...process.env, STRIPE_MOCK_RUN_DIR: runDir }, timeout: 60_000 })),
  };
}
