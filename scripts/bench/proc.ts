import { readdirSync, readFileSync } from 'node:fs';

/**
 * What the benches read about processes from /proc (Linux): parent, CPU time and resident
 * memory, of one process or of a process and every process below it. A process that ends
 * between two reads is simply not there any more.
 */

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100;

/** A /proc file's text, or null when it cannot be read (the process ended). */
export function readProcFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Every process id on the machine. */
export function allPids(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

export interface ProcStat {
  readonly ppid: number;
  /** CPU time in user mode so far (ms). */
  readonly userMs: number;
  /** CPU time in kernel mode so far (ms). */
  readonly systemMs: number;
}

/** A process's parent and CPU time from /proc/<pid>/stat, or null when it has ended. */
export function procStat(pid: number): ProcStat | null {
  const text = readProcFile(`/proc/${pid}/stat`);
  if (!text) return null;
  // Fields after the command name (which may hold spaces): ppid is field 4, utime 14, stime 15.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), userMs: (Number(fields[11]) * 1000) / ticksPerSecond, systemMs: (Number(fields[12]) * 1000) / ticksPerSecond };
}

/** CPU time (user + system) a running process has used so far, in ms; throws if it has ended. */
export function processCpuMs(pid: number): number {
  const stat = procStat(pid);
  if (!stat) throw new Error(`process ${pid} has ended`);
  return stat.userMs + stat.systemMs;
}

/** `pid` and every process below it (cluster workers, a server's backends) that is still there. */
export function processTree(pid: number): number[] {
  const found: number[] = [];
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const children = readProcFile(`/proc/${current}/task/${current}/children`);
    if (children === null) continue;
    found.push(current);
    const trimmed = children.trim();
    if (trimmed) pending.push(...trimmed.split(/\s+/).map(Number));
  }
  return found;
}

/** Resident memory of a process and every process below it, in bytes. */
export function treeRssBytes(pid: number): number {
  let total = 0;
  for (const current of processTree(pid)) {
    const match = /VmRSS:\s+(\d+) kB/.exec(readProcFile(`/proc/${current}/status`) ?? '');
    if (match) total += Number(match[1]) * 1024;
  }
  return total;
}

/** CPU time (user + system) a process and every process below it have used so far, in ms. */
export function treeCpuMs(pid: number): number {
  let total = 0;
  for (const current of processTree(pid)) {
    const stat = procStat(current);
    if (stat) total += stat.userMs + stat.systemMs;
  }
  return total;
}
