import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** stripe-mock's base URL, from the vitest global setup (scripts/src/testing/test-stripe.ts). */
    stripeApiBase: string;
  }
}

/** Where the run's stripe-mock answers; the global setup fails the run rather than leave it unset. */
export function stripeMockUrl(): string {
  const url = inject('stripeApiBase');
  if (!url) throw new Error('no stripe-mock for this run: the vitest global setup must start one');
  return url;
}
