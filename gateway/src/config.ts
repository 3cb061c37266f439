import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { jwkFromEnv, parseEnv } from '@jobgraph/kit/env';
import { defaultAdmission } from './http/admission.ts';

/**
 * One process by default: the deployment scales the gateway by pods (infra/k8s: HPA on CPU,
 * 250m requested, 768Mi limit), where one worker per core of the node would fork a process
 * for every core the pod does not own, each holding its own heap, plan cache and in-flight
 * sharing. `GATEWAY_WORKERS=0` (one per core) is for a machine whose cores are the gateway's own.
 * Measured in BENCHMARKS.md (gateway, memory).
 */
export const defaultGatewayWorkers = 1;

/**
 * Node flags the gateway is started with (infra/docker/Dockerfile's CMD, `pnpm --filter
 * @jobgraph/gateway start`; the benchmark's Jobgraph rows). Both bound what V8 would
 * otherwise size from the machine's RAM (23.5 GiB here) under the gateway's allocation rate
 * (about 2 MB of short-lived objects per federated operation, mostly @apollo/gateway's
 * result shaping):
 * - `--heap-growing-percent=50`: after each full GC the old space may grow to 1.5× what
 *   survived, instead of a factor V8 picks itself (up to 4× when collection is fast, as it is
 *   for this garbage). A growth rate, not a ceiling: the heap still grows with what the
 *   gateway holds, so no out-of-memory crash where the plan cache grows.
 * - `--max-semi-space-size=32`: a 64 MB young generation (V8 would grow it to 128 MB). With
 *   the old space bounded, 32 MB semi-spaces cost no more peak RSS than 16 MB did before and
 *   promote less: same CPU per request as 16 MB alone, where 16 MB with the growth rate cost
 *   6–14 % more.
 * Measured in BENCHMARKS.md (gateway, memory, session 6).
 */
export const gatewayNodeFlags = ['--max-semi-space-size=32', '--heap-growing-percent=50'] as const;

/** Processes the gateway runs in: GATEWAY_WORKERS, 0 meaning one per core. */
export function gatewayWorkers(configured: number): number {
  return configured === 0 ? availableParallelism() : configured;
}

const subgraphNames = ['identity', 'catalog', 'pipeline', 'assistant', 'billing'] as const;

/** Every variable the gateway reads, validated at start. */
export const gatewayEnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SUPERGRAPH_PATH: z.string().optional(),
  PUBLIC_SUPERGRAPH_PATH: z.string().optional(),
  INTERNAL_TOKEN_PRIVATE_JWK: jwkFromEnv,
  IDENTITY_JWKS_URL: z.url().optional(),
  SUBGRAPH_IDENTITY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  SUBGRAPH_CATALOG_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  SUBGRAPH_PIPELINE_URL: z.url().default('http://127.0.0.1:4003/graphql'),
  SUBGRAPH_ASSISTANT_URL: z.url().default('http://127.0.0.1:4004/graphql'),
  SUBGRAPH_BILLING_URL: z.url().default('http://127.0.0.1:4005/graphql'),
  MAX_DEPTH: z.coerce.number().int().min(1).default(12),
  MAX_ALIASES: z.coerce.number().int().min(1).default(30),
  MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100_000),
  /** Comma-separated addresses or CIDR ranges of proxies whose x-forwarded-for is believed. */
  TRUSTED_PROXIES: z.string().default('').transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean)),
  MAX_ROOT_FIELDS: z.coerce.number().int().min(1).default(20),
  MAX_DIRECTIVES: z.coerce.number().int().min(1).default(50),
  MAX_EXPANDED_FIELDS: z.coerce.number().int().min(10).default(2000),
  MAX_OPERATION_COST: z.coerce.number().int().min(1).default(5000),
  COST_BUDGET: z.coerce.number().int().min(1).default(20_000),
  COST_REFILL_PER_SECOND: z.coerce.number().positive().default(200),
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).default(10_000),
  REDIS_URL: z.string().optional(),
  KAFKA_BROKERS: z.string().optional().describe('comma-separated host:port list; the gateway reads identity.session.v1 to refuse revoked sessions at once'),
  KAFKA_NAMESPACE: z.string().regex(/^[a-z0-9-]*$/).optional().describe('prefix keeping stacks that share a cluster apart'),
  EVENTS: z.enum(['kafka', 'off']).default('kafka').describe('`off`: revoked sessions keep working until their access tokens expire'),
  /** Identity's access-token lifetime (at least its ACCESS_TOKEN_TTL_SECONDS): how long a revocation is remembered. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  /** How long an API key's answer from identity is reused; at most 30 s. */
  API_KEY_CACHE_SECONDS: z.coerce.number().min(0).max(30).default(30),
  /** The trusted documents manifest (`pnpm persisted:build`); schema/client/persisted-operations.json by default. */
  TRUSTED_DOCUMENTS_PATH: z.string().optional(),
  /** `true`: the public graph runs trusted documents only. */
  PUBLIC_TRUSTED_DOCUMENTS_ONLY: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** Prometheus `/metrics`, on its own port (never the API's). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  APQ_MAX_ENTRIES: z.coerce.number().int().min(1).default(1000),
  APQ_MAX_BYTES: z.coerce.number().int().min(1024).default(5_000_000),
  /** Operations executing at once per gateway process (admission control); the rest wait in arrival order. */
  MAX_IN_FLIGHT_OPERATIONS: z.coerce.number().int().min(1).default(defaultAdmission.maxInFlight),
  /** Operations waiting for a slot per process; one more is refused 503 OVERLOADED. */
  MAX_QUEUED_OPERATIONS: z.coerce.number().int().min(0).default(defaultAdmission.maxQueued),
  /** Longest an operation waits for a slot before it is refused 503 OVERLOADED. */
  QUEUE_TIMEOUT_MS: z.coerce.number().int().min(1).default(defaultAdmission.maxWaitMs),
  /** Longest an operation holds its slot; past it (a slow subgraph) it goes on without one. */
  MAX_SLOT_HOLD_MS: z.coerce.number().int().min(1).default(defaultAdmission.maxHoldMs),
  /** Processes serving the gateway (node:cluster); 0 means one per core. */
  GATEWAY_WORKERS: z.coerce.number().int().min(0).max(256).default(defaultGatewayWorkers),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((env) => env.EVENTS === 'off' || Boolean(env.KAFKA_BROKERS?.trim()), {
  path: ['KAFKA_BROKERS'],
  // Without identity's session events a signed-out access token works until it expires: only on purpose.
  when: () => true,
  message: 'required: the gateway reads identity\'s session events to refuse revoked sessions at once (set EVENTS=off to run without them on purpose)',
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export function gatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  return parseEnv(gatewayEnvSchema, env);
}

export function subgraphUrlsFrom(env: GatewayEnv): Record<(typeof subgraphNames)[number], string> {
  return {
    identity: env.SUBGRAPH_IDENTITY_URL,
    catalog: env.SUBGRAPH_CATALOG_URL,
    pipeline: env.SUBGRAPH_PIPELINE_URL,
    assistant: env.SUBGRAPH_ASSISTANT_URL,
    billing: env.SUBGRAPH_BILLING_URL,
  };
}
