import { z } from 'zod';
import { parseEnv } from './env.ts';

/** Settings whose values never reach a terminal or a log: keys, secrets, passwords, tokens. */
const secretName = /SECRET|PASSWORD|PRIVATE|JWK|TOKEN|_KEY$/;

/** A value as `--print-config` shows it: secrets masked, and the password in a URL too. */
export function maskSetting(name: string, value: unknown): string {
  if (value === undefined) return '(unset)';
  if (secretName.test(name)) return '*** (set)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}

/** One line per variable the schema knows, in its order, with the value it parsed to. */
export function describeConfig(schema: z.ZodObject, env: NodeJS.ProcessEnv = process.env): string[] {
  const parsed = parseEnv(schema, env) as Record<string, unknown>;
  const names = Object.keys(schema.shape);
  const width = Math.max(...names.map((name) => name.length));
  return names.map((name) => `${name.padEnd(width)}  ${maskSetting(name, name in env ? parsed[name] : (parsed[name] ?? undefined))}`);
}

/**
 * `--print-config`: validates the environment (every problem listed, exit 1), prints the
 * settings with secrets masked, and exits 0 without starting anything.
 */
export function printConfigIfAsked(service: string, schema: z.ZodObject, env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): void {
  if (!argv.includes('--print-config')) return;
  try {
    process.stdout.write(`${service} configuration\n${describeConfig(schema, env).map((line) => `  ${line}`).join('\n')}\n`);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
