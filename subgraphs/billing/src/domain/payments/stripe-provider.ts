import Stripe from 'stripe';
import type { ChargeRequest, ChargeResult, PaymentProvider, ProviderEvent } from './provider.ts';

export interface StripeSettings {
  readonly secretKey: string;
  /** Another API host (stripe-mock in tests), e.g. `http://127.0.0.1:12111`. */
  readonly apiBase?: string;
  /** The transport the SDK sends through (tests record requests with it); Node's by default. */
  readonly httpClient?: Stripe.HttpClient;
}

/** The official SDK, pointed at Stripe or at a stripe-mock. */
export function createStripeClient(settings: StripeSettings): Stripe {
  const options: Stripe.StripeConfig = { maxNetworkRetries: 1, timeout: 20_000 };
  if (settings.httpClient) options.httpClient = settings.httpClient;
  if (settings.apiBase) {
    const url = new URL(settings.apiBase);
    options.host = url.hostname;
    options.port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    options.protocol = url.protocol === 'https:' ? 'https' : 'http';
  }
  return new Stripe(settings.secretKey, options);
}

const intentStatus = (status: Stripe.PaymentIntent.Status): 'paid' | 'pending' | 'failed' => {
  if (status === 'succeeded') return 'paid';
  if (status === 'canceled') return 'failed';
  return 'pending';
};

/**
 * Charges as a PaymentIntent confirmed at once for a Stripe customer per payer, each call
 * with an idempotency key (Stripe answers a retry with the first result). Anything short of
 * `succeeded` is pending: the `payment_intent.*` webhook settles it.
 */
export function createStripeProvider(stripe: Stripe): PaymentProvider {
  return {
    name: 'stripe',
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const customer = await stripe.customers.create({ metadata: { jobgraph_payer_id: request.payerId } }, { idempotencyKey: `customer:${request.payerId}` });
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: request.amountCents,
            currency: request.currency.toLowerCase(),
            customer: customer.id,
            payment_method: request.paymentMethod,
            confirm: true,
            description: request.description,
            metadata: { jobgraph_payment_id: request.paymentId },
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          },
          { idempotencyKey: request.idempotencyKey },
        );
        const status = intentStatus(intent.status);
        if (status === 'failed') return { status, providerRef: intent.id, reason: intent.cancellation_reason ?? 'canceled' };
        return { status, providerRef: intent.id };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) return { status: 'failed', providerRef: error.payment_intent?.id ?? null, reason: error.message };
        throw error;
      }
    },
  };
}

/**
 * Verifies a Stripe webhook (signature over the raw body, timestamp within `toleranceSeconds`)
 * and says what it means to billing. Throws on a bad signature or a stale timestamp.
 */
export function parseStripeWebhook(stripe: Stripe, rawBody: string, signature: string, secret: string, toleranceSeconds: number): ProviderEvent {
  const event = stripe.webhooks.constructEvent(rawBody, signature, secret, toleranceSeconds);
  if (event.type === 'payment_intent.succeeded' || event.type === 'payment_intent.payment_failed') {
    const intent = event.data.object;
    const paymentId = intent.metadata?.jobgraph_payment_id;
    if (!paymentId) return { id: event.id, type: event.type, kind: 'ignored' };
    if (event.type === 'payment_intent.succeeded') return { id: event.id, type: event.type, kind: 'payment_succeeded', paymentId, providerRef: intent.id };
    return { id: event.id, type: event.type, kind: 'payment_failed', paymentId, providerRef: intent.id, reason: intent.last_payment_error?.message ?? 'payment failed' };
  }
  return { id: event.id, type: event.type, kind: 'ignored' };
}
