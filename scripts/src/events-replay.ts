/**
 * `pnpm events:replay <domain>`: rebuilds the domain's projections from the beginning of
 * the topics it consumes into a scratch schema, compares them with the live tables and
 * prints every difference (exit 1 when there is one). The live consumers keep running.
 * Needs DATABASE_URL (a superuser URL of the stack's database) and KAFKA_BROKERS;
 * KAFKA_NAMESPACE when the stack uses one.
 */
import { domains, type Domain } from '@jobgraph/db';
import { createKafkaTransport, createLogger } from '@jobgraph/kit';
import { replayable, replayDomain } from './replay/replay-domain.ts';

const domain = process.argv[2] as Domain | undefined;
const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean) ?? [];
if (!domain || !domains.includes(domain) || !process.env.DATABASE_URL || brokers.length === 0) {
  console.error(`usage: DATABASE_URL=… KAFKA_BROKERS=… pnpm events:replay <${Object.keys(replayable).join('|')}>`);
  process.exit(2);
}
const logger = createLogger('replay', 'warn');
const namespace = process.env.KAFKA_NAMESPACE;
const transport = createKafkaTransport({ brokers, clientId: 'jobgraph-replay', logger, ...(namespace ? { namespace } : {}) });
try {
  const report = await replayDomain({ domain, adminUrl: process.env.DATABASE_URL, brokers, transport, logger, ...(namespace ? { namespace } : {}) });
  console.log(`replayed ${report.events} events into a scratch ${domain} schema; compared ${Object.entries(report.compared).map(([table, n]) => `${table} (${n} rows)`).join(', ')}`);
  for (const failure of report.failures) console.log(`  handler failed: ${failure}`);
  for (const difference of report.differences) console.log(`  ${difference}`);
  console.log(report.differences.length === 0 ? 'no difference: the projections are what the stream says' : `${report.differences.length} differences`);
  process.exitCode = report.differences.length === 0 ? 0 : 1;
} finally {
  await transport.close();
}
