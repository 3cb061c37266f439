import { readdirSync, readlinkSync } from 'node:fs';
import { allPids, procStat, readProcFile } from '../proc.ts';

/**
 * CPU time (user + system, seconds) spent by the processes that carry events: this
 * Node process, the Postgres server it started, the Kafka broker it talks to. Read from
 * /proc (Linux); on a shared machine the wall clock shows the share of the cores these
 * processes got, their CPU time shows what the work itself costs.
 */
export interface CpuSample {
  readonly node: number;
  /** By process: backends come and go. */
  readonly postgres: ReadonlyMap<number, number>;
  readonly kafka: number;
}

export interface CpuUse {
  readonly node: number;
  readonly postgres: number;
  readonly kafka: number;
}

/** Where the processes are: the Postgres data directory (null: a server not ours) and the broker's port. */
export interface CpuWatch {
  readonly dataDir: string | null;
  readonly kafkaPid: number | null;
}

/** CPU seconds (user + system) of a process, or null when it has ended. */
function cpuSeconds(pid: number): number | null {
  const stat = procStat(pid);
  return stat ? (stat.userMs + stat.systemMs) / 1000 : null;
}

/** The Postgres server whose command line names `dataDir`, and every process it started (backends, writers, autovacuum). */
export function postgresPids(dataDir: string): number[] {
  const all = allPids();
  const postmaster = all.find((pid) => (readProcFile(`/proc/${pid}/cmdline`) ?? '').includes(dataDir) && (readProcFile(`/proc/${pid}/cmdline`) ?? '').includes('postgres'));
  if (postmaster === undefined) return [];
  return [postmaster, ...all.filter((pid) => procStat(pid)?.ppid === postmaster)];
}

/** The process listening on `port` on loopback (the Kafka broker), by its socket's inode. */
export function listenerPid(port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (readProcFile(table) ?? '').split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns[1]?.endsWith(`:${hex}`) && columns[3] === '0A' && columns[9]) inodes.add(columns[9]);
    }
  }
  for (const pid of allPids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

export function cpuSample(watch: CpuWatch): CpuSample {
  const usage = process.cpuUsage();
  const postgres = new Map<number, number>();
  for (const pid of watch.dataDir ? postgresPids(watch.dataDir) : []) postgres.set(pid, cpuSeconds(pid) ?? 0);
  return { node: (usage.user + usage.system) / 1e6, postgres, kafka: watch.kafkaPid === null ? NaN : (cpuSeconds(watch.kafkaPid) ?? NaN) };
}

/** CPU seconds spent between two samples; a backend that ended in between is not counted (a lower bound). */
export function cpuBetween(from: CpuSample, to: CpuSample): CpuUse {
  let postgres = 0;
  for (const [pid, seconds] of to.postgres) postgres += seconds - (from.postgres.get(pid) ?? 0);
  return { node: to.node - from.node, postgres, kafka: to.kafka - from.kafka };
}
