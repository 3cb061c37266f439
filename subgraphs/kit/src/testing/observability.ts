import { pino, type Logger } from 'pino';

export { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';

/** A real pino logger whose JSON lines are kept in memory, for tests that read what a service logged. */
export function recordingLogger(name: string, level = 'info'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ name, level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}
