/**
 * BENCH_HEAP_REPORT=<path prefix>: loaded into every gateway process of the bench with
 * `node --import` (Jobgraph's bundle and the other gateways alike). Samples the process's
 * memory every 100 ms and, whenever RSS reaches a new peak, writes the V8 heap spaces,
 * external memory and array buffers at that moment to `<prefix>.<row>.<pid>.json` (what the
 * peak is made of; BENCHMARKS.md, gateway memory). Written as it goes, because a process
 * stopped by a signal runs no exit handler. Plain JavaScript, so it adds no type stripper.
 */
import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const prefix = process.env.BENCH_HEAP_REPORT;
if (prefix) {
  const path = `${prefix}.${process.env.BENCH_GATEWAY_KIND ?? 'gateway'}.${process.pid}.json`;
  const mb = (/** @type {number} */ bytes) => Math.round(bytes / 104857.6) / 10;
  let peakRss = 0;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.rss <= peakRss) return;
    peakRss = usage.rss;
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, mb(space.space_size)]));
    writeFileSync(path, JSON.stringify({ rss: mb(usage.rss), heapTotal: mb(usage.heapTotal), heapUsed: mb(usage.heapUsed), external: mb(usage.external), arrayBuffers: mb(usage.arrayBuffers), ...spaces }));
  }, 100);
  timer.unref();
}
