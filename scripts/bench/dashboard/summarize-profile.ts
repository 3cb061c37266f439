/**
 * `node scripts/bench/dashboard/summarize-profile.ts <file.cpuprofile> <requests>`: a CPU
 * profile written by `--cpu-prof` (the deployed gateway's, with BENCH_GATEWAY_NODE_FLAGS)
 * as self time per request, by package and (BENCH_CPU_FUNCTIONS=<n>) the n hottest functions.
 */
import { readFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import { summarizeProfile } from './profile.ts';

const [file, requests] = process.argv.slice(2);
if (!file || !requests) throw new Error('usage: summarize-profile.ts <file.cpuprofile> <requests>');
console.log(summarizeProfile(file, JSON.parse(readFileSync(file, 'utf8')) as Profiler.Profile, Number(requests)));
