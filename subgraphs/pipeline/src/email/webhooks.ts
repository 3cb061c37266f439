import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger, RouteHandler } from '@jobgraph/kit';
import { sql } from 'kysely';
import { parseRawEmail } from '../domain/email/parse-raw.ts';
import { answer, basicPassword, bearer, BodyTooLarge, constantTimeEqual, readBody } from './http.ts';
import { ingestEmail, type IngestionSettings, type IngestOutcome } from './ingest.ts';
import { mailgunFields, mailgunMessage, mailgunSignatureValid, postmarkMessage, type ProviderMessage } from './providers.ts';
import type { InboundEmailSettings } from './settings.ts';

export const inboundEmailPaths = {
  postmark: '/webhooks/inbound-email/postmark',
  mailgun: '/webhooks/inbound-email/mailgun',
  raw: '/webhooks/inbound-email/raw',
} as const;

type Refusal = { readonly refuse: number; readonly error: string };
/** The message, or why it is refused; `release` undoes what accepting it claimed (a Mailgun token) when ingestion fails, so the provider's retry is not taken for a replay. */
type Handler = (request: IncomingMessage, body: Buffer) => Promise<(ProviderMessage & { readonly release?: () => Promise<void> }) | Refusal>;

/**
 * The inbound-mail webhooks, served by the pipeline subgraph beside /graphql. They take
 * no internal token: each checks its provider's proof (Postmark: Basic credentials or
 * `?token=`; Mailgun: the HMAC signature, a fresh timestamp and a token never seen;
 * raw: a Bearer secret), compared in constant time, and refuses bodies over the limit.
 * A route whose secret is not configured answers 503 and accepts nothing.
 */
export function inboundEmailRoutes(ingestion: IngestionSettings, settings: InboundEmailSettings, logger: Logger): Record<string, RouteHandler> {
  const route = (provider: 'postmark' | 'mailgun' | 'raw', secret: string | null, handle: Handler): RouteHandler => {
    return async (request, response) => {
      if (request.method !== 'POST') return answer(response, 405, { error: 'POST only' });
      if (secret === null) return answer(response, 503, { error: `the ${provider} inbound route is not configured` });
      let body: Buffer;
      try {
        body = await readBody(request, settings.maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) return answer(response, 413, { error: `messages over ${settings.maxBodyBytes} bytes are refused` });
        throw error;
      }
      const message = await handle(request, body);
      if ('refuse' in message) return answer(response, message.refuse, { error: message.error });
      let outcomes: IngestOutcome[];
      try {
        outcomes = await ingestEmail(ingestion, { provider, email: message.email, raw: message.raw, envelopeRecipients: message.envelopeRecipients });
      } catch (error) {
        await message.release?.();
        throw error;
      }
      if (outcomes.length === 0) logger.info({ provider }, 'inbound email for no known forwarding address');
      for (const outcome of outcomes.filter((o) => o.status === 'refused' && !o.duplicate)) logger.info({ provider, inboundEmailId: outcome.inboundEmailId }, 'inbound email refused: sender not trusted');
      answer(response, 200, { deliveries: outcomes.map(publicOutcome) });
    };
  };

  const unauthorized = { refuse: 401, error: 'the request is not authenticated' } as const;

  return {
    [inboundEmailPaths.raw]: route('raw', settings.rawSecret, async (request, body) => {
      const given = bearer(request);
      if (given === null || settings.rawSecret === null || !constantTimeEqual(given, settings.rawSecret)) return unauthorized;
      const email = await parseRawEmail(body);
      return { email, raw: body, envelopeRecipients: envelopeHeaders(request) };
    }),
    [inboundEmailPaths.postmark]: route('postmark', settings.postmarkSecret, async (request, body) => {
      const given = basicPassword(request) ?? new URL(request.url ?? '/', 'http://internal').searchParams.get('token');
      if (given === null || settings.postmarkSecret === null || !constantTimeEqual(given, settings.postmarkSecret)) return unauthorized;
      return (await postmarkMessage(body)) ?? { refuse: 400, error: 'not a Postmark inbound message' };
    }),
    [inboundEmailPaths.mailgun]: route('mailgun', settings.mailgunSigningKey, async (request, body) => {
      const fields = await mailgunFields(body, request.headers['content-type'] ?? '');
      if (!fields || settings.mailgunSigningKey === null) return unauthorized;
      if (!mailgunSignatureValid(settings.mailgunSigningKey, fields.timestamp, fields.token, fields.signature)) return unauthorized;
      const age = Math.abs(Date.now() / 1000 - Number(fields.timestamp));
      if (!Number.isFinite(age) || age > settings.mailgunToleranceSeconds) return { refuse: 401, error: 'the signature timestamp is too old or in the future' };
      if (!(await firstUseOfToken(ingestion, fields.token))) return { refuse: 401, error: 'this signature token was used already' };
      const release = async () => void (await ingestion.db.deleteFrom('inbound_webhook_tokens').where('token', '=', fields.token).execute());
      try {
        return { ...(await mailgunMessage(fields)), release };
      } catch (error) {
        await release();
        throw error;
      }
    }),
  };
}

/** Records the token; false when it was recorded before (a replay). Tokens older than a day are forgotten. */
async function firstUseOfToken(ingestion: IngestionSettings, token: string): Promise<boolean> {
  await ingestion.db.deleteFrom('inbound_webhook_tokens').where('seen_at', '<', sql<Date>`now() - interval '1 day'`).execute();
  const inserted = await ingestion.db.insertInto('inbound_webhook_tokens').values({ token }).onConflict((oc) => oc.column('token').doNothing()).returning('token').executeTakeFirst();
  return inserted !== undefined;
}

/** The envelope recipient a relay in front of the raw route may add (Postfix's X-Original-To, Delivered-To). */
function envelopeHeaders(request: IncomingMessage): string[] {
  return ['x-original-to', 'delivered-to']
    .map((name) => request.headers[name])
    .flatMap((value) => (Array.isArray(value) ? value : value ? [value] : []))
    .map((value) => value.trim().toLowerCase());
}

/** What the provider is told: per reached address, the status and whether it was a repeat; no ids of users. */
function publicOutcome(outcome: IngestOutcome): { status: string; duplicate: boolean } {
  return { status: outcome.status, duplicate: outcome.duplicate };
}
