/** The inbound-email settings read from the environment once, at start. */
export interface InboundEmailSettings {
  /** Forwarding addresses are `<token>@<inboundDomain>`. */
  readonly inboundDomain: string;
  /** Bearer secret of the raw RFC 5322 route; the route is closed without it. */
  readonly rawSecret: string | null;
  /** Postmark's Basic-auth password (or `?token=`); the route is closed without it. */
  readonly postmarkSecret: string | null;
  /** Mailgun's HTTP webhook signing key; the route is closed without it. */
  readonly mailgunSigningKey: string | null;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** How far a Mailgun timestamp may be from now, in seconds. */
  readonly mailgunToleranceSeconds: number;
}

const minimumSecretLength = 16;

export function readInboundEmailSettings(env: NodeJS.ProcessEnv): InboundEmailSettings {
  const secret = (name: string): string | null => {
    const value = env[name]?.trim();
    if (!value) return null;
    if (value.length < minimumSecretLength) throw new Error(`${name} must be at least ${minimumSecretLength} characters.`);
    return value;
  };
  const maxBodyBytes = Number(env.INBOUND_EMAIL_MAX_BYTES ?? 10 * 1024 * 1024);
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) throw new Error('INBOUND_EMAIL_MAX_BYTES must be an integer of at least 1024.');
  return {
    inboundDomain: (env.INBOUND_EMAIL_DOMAIN ?? 'inbound.jobgraph.localhost').trim().toLowerCase(),
    rawSecret: secret('INBOUND_EMAIL_RAW_SECRET'),
    postmarkSecret: secret('INBOUND_EMAIL_POSTMARK_SECRET'),
    mailgunSigningKey: secret('MAILGUN_WEBHOOK_SIGNING_KEY'),
    maxBodyBytes,
    mailgunToleranceSeconds: 300,
  };
}
