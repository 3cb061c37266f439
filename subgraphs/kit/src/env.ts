import { z } from 'zod';

/**
 * Parses the environment once at start-up. Every problem is listed, then the process
 * stops: a service never runs half-configured.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${problems.join('\n')}`);
}

/** A JSON Web Key given as JSON text in an environment variable. */
export const jwkFromEnv = z
  .string()
  .transform((text, ctx) => {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && 'kty' in value) return value as Record<string, unknown> & { kty: string };
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'must be a JSON Web Key (JSON with "kty")' });
    return z.NEVER;
  });
