import type { Profiler } from 'node:inspector';

/** Starts sampling this process's CPU (every 200 µs); `stop` answers the profile. */
export async function startProfile(): Promise<{ stop(): Promise<Profiler.Profile> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/**
 * A profile as self time per request: by package or source file, then (with
 * BENCH_CPU_FUNCTIONS=<n>) the n hottest functions.
 */
export function summarizeProfile(title: string, profile: Profiler.Profile, requests: number): string {
  const intervals = profile.timeDeltas ?? [];
  const selfMs = new Map<number, number>();
  (profile.samples ?? []).forEach((node, i) => selfMs.set(node, (selfMs.get(node) ?? 0) + (intervals[i] ?? 0) / 1000));
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const url = node.callFrame.url;
    const place = url === '' ? node.callFrame.functionName || '(native)' : /node_modules\/\.pnpm\/([^/]+)/.exec(url)?.[1]?.replace(/@(\d[^@]*)$/, '') ?? url.replace(/^file:\/\/\/work\/[^/]+\/[^/]+\//, '');
    byPlace.set(place, (byPlace.get(place) ?? 0) + (selfMs.get(node.id) ?? 0));
  }
  byPlace.delete('(idle)');
  const total = [...byPlace.values()].reduce((sum, ms) => sum + ms, 0);
  const top = [...byPlace.entries()].sort(([, a], [, b]) => b - a).slice(0, 25);
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/^file:\/\/\/work\/[^/]+\/[^/]+\//, '')}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + (selfMs.get(node.id) ?? 0));
  }
  byFunction.delete('(idle) :0');
  const functions = process.env.BENCH_CPU_FUNCTIONS ? [...byFunction.entries()].sort(([, a], [, b]) => b - a).slice(0, Number(process.env.BENCH_CPU_FUNCTIONS)) : [];
  return [
    `${title}: CPU ${(total / requests).toFixed(2)} ms per request; self time per request:`,
    ...top.map(([place, ms]) => `  ${(ms / requests).toFixed(2).padStart(7)} ms  ${place}`),
    ...functions.map(([name, ms]) => `  ${(ms / requests).toFixed(2).padStart(7)} ms  ${name}`),
  ].join('\n');
}
