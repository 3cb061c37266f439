import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const chromiumScript = fileURLToPath(new URL('../../../infra/chromium/chromium.sh', import.meta.url));

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set (CI fetches it), else
 * Debian's package unpacked by infra/chromium/chromium.sh. Never "none": a browser test
 * fails rather than skips.
 */
export async function testChromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const { stdout } = await run('bash', [chromiumScript, 'fetch'], { timeout: 600_000, maxBuffer: 10_000_000 });
  const path = /^CHROMIUM_PATH=(.+)$/m.exec(stdout)?.[1];
  if (!path) throw new Error(`chromium.sh fetch printed no CHROMIUM_PATH:\n${stdout}`);
  return path;
}
