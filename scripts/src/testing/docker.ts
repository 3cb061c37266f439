import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

let answer: Promise<boolean> | undefined;

/** Whether a Docker engine answers; the client alone (as on this project's CI) is not enough. */
export function dockerAvailable(): Promise<boolean> {
  answer ??= promisify(execFile)('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 }).then(
    ({ stdout }) => stdout.trim().length > 0,
    () => false,
  );
  return answer;
}
