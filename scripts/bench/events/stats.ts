import { loadavg } from 'node:os';

export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** p50/p95/p99 of `values` (ms), formatted in columns. */
export function quantiles(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(8)).join(' ');
}

export const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

export const perSecond = (count: number, ms: number): number => count / (ms / 1000);

export const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
