import type { Redis } from 'ioredis';

export interface BucketAnswer {
  readonly allowed: boolean;
  /** Tokens left after this take (or now, when refused). */
  readonly remaining: number;
  /** When refused: seconds until the bucket holds enough. */
  readonly retryAfterSeconds: number;
}

/** A token bucket per key: `capacity` tokens, refilled at `refillPerSecond`; a take of n succeeds only whole. */
export interface TokenBuckets {
  take(key: string, tokens: number): Promise<BucketAnswer>;
}

export interface BucketShape {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** Buckets in this process: enough for one gateway instance. */
export function memoryTokenBuckets(shape: BucketShape, now: () => number = Date.now): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async take(key, tokens) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: shape.capacity, at: time };
      bucket.tokens = Math.min(shape.capacity, bucket.tokens + ((time - bucket.at) / 1000) * shape.refillPerSecond);
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > 100_000) buckets.delete(buckets.keys().next().value as string);
      return settle(bucket, tokens, shape);
    },
  };
}

function settle(bucket: { tokens: number }, tokens: number, shape: BucketShape): BucketAnswer {
  if (bucket.tokens >= tokens) {
    bucket.tokens -= tokens;
    return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
  }
  return { allowed: false, remaining: Math.floor(bucket.tokens), retryAfterSeconds: Math.max(1, Math.ceil((tokens - bucket.tokens) / shape.refillPerSecond)) };
}

// Refill and take in one atomic step on the Redis server, timed by its own clock.
const takeScript = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + (now - at) / 1000 * rate)
local allowed = 0
if tokens >= want then
  tokens = tokens - want
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return { allowed, tostring(tokens) }
`;

/** Buckets in Redis: every gateway instance draws from the same budget. */
export function redisTokenBuckets(redis: Redis, shape: BucketShape, prefix = 'jobgraph:cost:'): TokenBuckets {
  return {
    async take(key, tokens) {
      const [allowed, left] = (await redis.eval(takeScript, 1, prefix + key, shape.capacity, shape.refillPerSecond, tokens)) as [number, string];
      const remaining = Number(left);
      if (allowed === 1) return { allowed: true, remaining: Math.floor(remaining), retryAfterSeconds: 0 };
      return { allowed: false, remaining: Math.floor(remaining), retryAfterSeconds: Math.max(1, Math.ceil((tokens - remaining) / shape.refillPerSecond)) };
    },
  };
}
