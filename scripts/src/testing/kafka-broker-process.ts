import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '@jobgraph/db';

const run = promisify(execFile);
const brokerScript = fileURLToPath(new URL('../../../infra/kafka/broker.sh', import.meta.url));

export interface KafkaBrokerProcess {
  readonly brokers: string;
  readonly runDir: string;
  /** Stops the broker by its PID; the data directory stays, so `start()` brings the same broker back. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A real single-node Kafka started by infra/kafka/broker.sh (fetched from Maven
 * Central on first use) on free loopback ports. Tests that stop and restart the broker
 * own one of these.
 */
export async function startKafkaBrokerProcess(): Promise<KafkaBrokerProcess> {
  // A fresh run directory: never the one CI's shared broker was started with.
  const { KAFKA_RUN_DIR: _shared, ...inherited } = process.env;
  const env = { ...inherited, KAFKA_PORT: String(await freePort()), KAFKA_CONTROLLER_PORT: String(await freePort()) };
  const { stdout } = await run('bash', [brokerScript, 'start'], { env, maxBuffer: 10_000_000, timeout: 300_000 });
  const values = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=') as [string, string]),
  );
  const brokers = values.KAFKA_BROKERS;
  const runDir = values.KAFKA_RUN_DIR;
  if (!brokers || !runDir) throw new Error(`broker.sh start printed no KAFKA_BROKERS/KAFKA_RUN_DIR:\n${stdout}`);
  const withRunDir = { ...process.env, KAFKA_RUN_DIR: runDir };
  return {
    brokers,
    runDir,
    stop: async () => void (await run('bash', [brokerScript, 'stop'], { env: withRunDir, timeout: 60_000 })),
    start: async () => void (await run('bash', [brokerScript, 'start'], { env: withRunDir, timeout: 300_000, maxBuffer: 10_000_000 })),
  };
}
