import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { treeRssBytes } from '../proc.ts';

export interface Started {
  readonly child: ChildProcess;
  readonly pid: number;
  /** What followed the awaited prefix on its line (a URL). */
  readonly value: string;
  stop(): Promise<void>;
}

/** What the process prints once ready: a line prefix (the value is the rest of that line), or a function answering the value from a line (undefined: not yet). */
export type Readiness = string | ((line: string) => string | undefined);

/**
 * Starts `node <file> ...args` and waits for the stdout line `ready` accepts; later output is
 * drained. The child's environment is this process's plus `env`, or `env` alone with `inheritEnv: false`.
 */
export function startProcess(file: string, args: readonly string[], ready: Readiness, options: { env?: NodeJS.ProcessEnv; inheritEnv?: boolean; nodeArgs?: readonly string[]; timeoutMs?: number } = {}): Promise<Started> {
  const prefix = typeof ready === 'string' ? ready : 'its ready line';
  const valueOf = typeof ready === 'string' ? (line: string) => (line.startsWith(ready) ? line.slice(ready.length).trim() : undefined) : ready;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), file, ...args], { env: { ...(options.inheritEnv === false ? {} : process.env), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${file} ${args.join(' ')} did not print ${prefix} in time: ${stderr}`)), options.timeoutMs ?? 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`${file} ${args.join(' ')} exited (${code}) before ${prefix}: ${stderr}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const value = valueOf(line);
      if (value === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      lines.removeAllListeners('line');
      lines.on('line', () => {});
      resolve({
        child,
        pid: child.pid!,
        value,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    });
  });
}

/** Samples the tree's RSS every `everyMs` until stopped; answers the peak. */
export function rssPeak(pid: number, everyMs = 100): { stop(): number } {
  let peak = treeRssBytes(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssBytes(pid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRssBytes(pid));
    },
  };
}
