/**
 * The raw inbound-email webhook's shared secret when `pnpm dev` runs without one, so
 * `pnpm email:send` works out of the box. Development only: production sets its own.
 */
export const developmentInboundEmailSecret = 'jobgraph-dev-inbound-email-secret';
