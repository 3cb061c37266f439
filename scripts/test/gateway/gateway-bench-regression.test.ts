import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Started } from '../../bench/gateway/processes.ts';
import { checkAnswer, measure, median, startBenchGateway, startFederationWorkload, warmUp, type FederationWorkload } from '../../bench/gateway/workload.ts';

/**
 * A short run of `pnpm bench:gateway`: stock @apollo/gateway and Jobgraph's gateway (as
 * deployed: its built bundle, every edge control on, GATEWAY_WORKERS' default) take turns doing the same fixed work at 50 connections
 * (100 heavy queries each, two rounds). Jobgraph must answer at least 0.9× stock's
 * requests per second, measured in the same run — a ratio, never an absolute time, so a
 * slow or busy machine does not fail it.
 */
let workload: FederationWorkload | undefined;
const gateways: Started[] = [];

beforeAll(async () => {
  workload = await startFederationWorkload();
  gateways.push(await startBenchGateway('stock', workload), await startBenchGateway('jobgraph', workload));
}, 120_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await workload?.stop();
});

it('Jobgraph serves the federation workload at least 0.9× as fast as stock @apollo/gateway, answering correctly', async () => {
  const [stock, jobgraph] = gateways as [Started, Started];
  const checks = [await checkAnswer(stock.value), await checkAnswer(jobgraph.value)];
  for (const gateway of gateways) await warmUp(gateway.value, { seconds: 1, connections: 10 });
  const rates: [number[], number[]] = [[], []];
  for (let round = 0; round < 2; round += 1) {
    for (const [index, gateway] of [stock, jobgraph].entries()) {
      const result = await measure(gateway.value, gateway.pid, workload!, { seconds: 0, amount: 100, connections: 50, verifyBody: checks[index]!, countCalls: false });
      // Every one of Jobgraph's answers must be the correct one; stock is only the yardstick.
      if (gateway === jobgraph) expect(result.errors).toBe(0);
      rates[index]!.push(result.requestsPerSecond);
    }
  }
  const ratio = median(rates[1]) / median(rates[0]);
  expect(ratio, `Jobgraph ${median(rates[1]).toFixed(0)} req/s, stock ${median(rates[0]).toFixed(0)} req/s`).toBeGreaterThanOrEqual(0.9);
}, 120_000);
