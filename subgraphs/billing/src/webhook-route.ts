import type Stripe from 'stripe';
import type { Kysely } from 'kysely';
import { sendJson, type Logger, type RouteHandler } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import { processProviderEvent } from './domain/webhook.ts';
import { parseStripeWebhook } from './domain/payments/stripe-provider.ts';

export const stripeWebhookPath = '/webhooks/stripe';

/** Stripe sends small events; anything larger is not one. */
const maxBodyBytes = 256 * 1024;

async function rawBody(request: Parameters<RouteHandler>[0]): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface WebhookSettings {
  readonly secret: string;
  readonly toleranceSeconds: number;
}

/**
 * `POST /webhooks/stripe`: no internal token (Stripe calls it, through the gateway's
 * forwarding); the signature over the raw body, with a timestamp tolerance, is the
 * authentication. Each event id is processed once (the `provider_events` inbox).
 */
export function stripeWebhookRoute(db: Kysely<Database>, stripe: Stripe, settings: WebhookSettings, logger: Logger): RouteHandler {
  return async (request, response) => {
    if (request.method !== 'POST') {
      sendJson(response, 405, { error: 'method not allowed' }, { allow: 'POST' });
      return;
    }
    const signature = request.headers['stripe-signature'];
    const body = await rawBody(request);
    if (body === null) {
      sendJson(response, 413, { error: 'payload too large' });
      return;
    }
    if (typeof signature !== 'string' || signature.length === 0) {
      sendJson(response, 400, { error: 'missing signature' });
      return;
    }
    let event;
    try {
      event = parseStripeWebhook(stripe, body, signature, settings.secret, settings.toleranceSeconds);
    } catch {
      // A forged signature, a stale timestamp (a replay), or a body that is not an event.
      sendJson(response, 400, { error: 'invalid signature' });
      return;
    }
    const outcome = await processProviderEvent(db, 'stripe', event, new Date());
    logger.info({ eventId: event.id, type: event.type, outcome }, 'stripe webhook');
    sendJson(response, 200, { received: true, outcome });
  };
}
