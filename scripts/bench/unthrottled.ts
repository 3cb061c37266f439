import type { StartGatewayOptions } from '@jobgraph/gateway';

/**
 * Gateway settings for a bench's own callers: on a fast machine one caller outruns the
 * deployed per-IP and per-caller request rates and cost budget and is refused with
 * RATE_LIMITED. Only those are raised; every request is still priced and drawn from its
 * caller's budget, and every other edge control keeps its production setting.
 */
export const unthrottled = {
  rateLimits: { perIp: { requests: 1e9, perSeconds: 60 }, perPrincipal: { requests: 1e9, perSeconds: 60 } },
  demandControl: { budgetCapacity: 1e12, budgetRefillPerSecond: 1e9 },
} as const satisfies Pick<StartGatewayOptions, 'rateLimits' | 'demandControl'>;
