import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { EdgeRefusal, principalKey, type EdgeCall, type EdgePlugin } from '../../edge.ts';

export interface RequestRateLimitOptions {
  /** Whom to count: the caller's address, or the authenticated principal (API key or user). */
  readonly by: 'ip' | 'principal';
  readonly requests: number;
  readonly perSeconds: number;
  /** Shared counters for several gateway instances; in memory without one. */
  readonly redis?: Redis;
  readonly observer?: { refused(by: 'ip' | 'principal'): void };
}

/**
 * Plain request-rate limits (rate-limiter-flexible): so many requests per window per
 * IP, and per API key or user. Over the limit: 429 RATE_LIMITED with Retry-After,
 * before the body is read.
 */
export function requestRateLimit(options: RequestRateLimitOptions): EdgePlugin {
  const settings = { points: options.requests, duration: options.perSeconds, keyPrefix: `jobgraph:rate:${options.by}` };
  const limiter: RateLimiterAbstract = options.redis ? new RateLimiterRedis({ ...settings, storeClient: options.redis, useRedisPackage: false }) : new RateLimiterMemory(settings);
  const keyOf = (call: EdgeCall): string | null => {
    if (options.by === 'ip') return call.ip;
    return call.principal.kind === 'anonymous' && !call.apiKeyId ? null : principalKey(call);
  };
  return {
    name: `rate-limit-${options.by}`,
    async onRequest(call) {
      const key = keyOf(call);
      if (!key) return;
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        options.observer?.refused(options.by);
        throw new EdgeRefusal(429, 'RATE_LIMITED', `Too many requests from this ${options.by === 'ip' ? 'address' : 'caller'}; retry in ${retryAfterSeconds} s.`, {
          extensions: { retryAfterSeconds },
          headers: { 'retry-after': String(retryAfterSeconds) },
        });
      }
    },
  };
}
