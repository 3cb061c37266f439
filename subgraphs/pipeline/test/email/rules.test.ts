import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newForwardingToken, tokenOfRecipient } from '../../src/domain/email/forwarding-address.ts';
import { planEffect } from '../../src/domain/email/plan-effect.ts';
import { isTrustedSender } from '../../src/domain/email/trust.ts';
import { validateTrustedSender } from '../../src/domain/email/trusted-sender-input.ts';
import type { Classification } from '../../src/domain/email/types.ts';
import { mailgunSignatureValid } from '../../src/email/providers.ts';

const classified = (kind: Classification['kind'], confidence = 0.9, company: string | null = 'Acme'): Classification => ({ kind, confidence, reasons: [], company, jobTitle: 'Engineer', dates: [] });

describe('forwarding addresses', () => {
  it('are 26 base32 characters, all different, and read back from a recipient (plus-tag ignored, other domains not)', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newForwardingToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{26}$/);
    const [token] = tokens;
    expect(tokenOfRecipient(`${token?.toUpperCase()}+jobs@In.Jobgraph.Test`, 'in.jobgraph.test')).toBe(token);
    expect(tokenOfRecipient(`${token}@in.jobgraph.test.evil.example`, 'in.jobgraph.test')).toBeNull();
    expect(tokenOfRecipient('short@in.jobgraph.test', 'in.jobgraph.test')).toBeNull();
  });
});

describe('trusted senders', () => {
  it('trusts the built-in ATS domains and subdomains, the user’s addresses and domains, by address only', () => {
    const mine = [
      { kind: 'domain' as const, sender: 'acme.com' },
      { kind: 'address' as const, sender: 'jane@recruit.example' },
    ];
    expect(isTrustedSender('no-reply@us.greenhouse-mail.io', [])).toBe(true);
    expect(isTrustedSender('x@hire.lever.co', [])).toBe(true);
    expect(isTrustedSender('jobs@careers.acme.com', mine)).toBe(true);
    expect(isTrustedSender('JANE@recruit.example', mine)).toBe(true);
    expect(isTrustedSender('john@recruit.example', mine)).toBe(false);
    expect(isTrustedSender('hr@notacme.com', mine)).toBe(false);
    expect(isTrustedSender('no-reply@greenhouse.io.evil.example', mine)).toBe(false);
    expect(isTrustedSender('', mine)).toBe(false);
  });

  it('accepts addresses and domains, normalized, and refuses junk and whole public providers', () => {
    expect(validateTrustedSender('  @Acme.COM ')).toEqual({ ok: true, value: { kind: 'domain', sender: 'acme.com' } });
    expect(validateTrustedSender('Jane.Doe@Acme.com')).toEqual({ ok: true, value: { kind: 'address', sender: 'jane.doe@acme.com' } });
    for (const bad of ['acme', 'a b@c.com', 'x@', '@', 'evil\u0000.com', '<script>@x.com', 'http://acme.com']) {
      expect(validateTrustedSender(bad)).toMatchObject({ ok: false, errors: [{ code: 'INVALID_SENDER' }] });
    }
    expect(validateTrustedSender('gmail.com')).toMatchObject({ ok: false, errors: [{ code: 'TOO_BROAD' }] });
    expect(validateTrustedSender(`${'a'.repeat(260)}.com`)).toMatchObject({ ok: false, errors: [{ code: 'TOO_LONG' }] });
  });
});

describe('the effect of a classified message', () => {
  it('creates an application in the matching stage kind when none at that company exists', () => {
    expect(planEffect(classified('confirmation'), null)).toEqual({ status: 'applied', action: 'create', stageKind: 'applied', company: 'Acme', jobTitle: 'Engineer' });
    expect(planEffect(classified('assessment'), null)).toMatchObject({ action: 'create', stageKind: 'screening' });
    expect(planEffect({ ...classified('offer'), jobTitle: null }, null)).toMatchObject({ action: 'create', stageKind: 'offer', jobTitle: 'Role at Acme' });
  });

  it('moves forward only, and leaves closed applications alone', () => {
    expect(planEffect(classified('interview'), { id: 'a', stageKind: 'applied' })).toEqual({ status: 'applied', action: 'move', applicationId: 'a', stageKind: 'interview' });
    expect(planEffect(classified('rejection'), { id: 'a', stageKind: 'offer' })).toMatchObject({ action: 'move', stageKind: 'rejected' });
    expect(planEffect(classified('confirmation'), { id: 'a', stageKind: 'interview' })).toMatchObject({ action: 'none', applicationId: 'a' });
    expect(planEffect(classified('interview'), { id: 'a', stageKind: 'rejected' })).toMatchObject({ action: 'none' });
    expect(planEffect(classified('offer'), { id: 'a', stageKind: 'hired' })).toMatchObject({ action: 'none' });
  });

  it('keeps unsure or company-less mail for review and dismisses unrelated mail', () => {
    expect(planEffect(classified('offer', 0.59), null)).toMatchObject({ status: 'needs_review' });
    expect(planEffect(classified('offer', 0.59), null, 0)).toMatchObject({ status: 'applied' });
    expect(planEffect(classified('interview', 0.9, null), null)).toMatchObject({ status: 'needs_review', reason: expect.stringContaining('no company') });
    expect(planEffect(classified('unrelated', 0.99), null)).toMatchObject({ status: 'dismissed' });
  });
});

describe('the Mailgun signature', () => {
  it('is the HMAC-SHA256 of timestamp and token with the signing key', () => {
    const key = 'key-0123456789abcdef';
    const signature = createHmac('sha256', key).update('1700000000' + 'tok').digest('hex');
    expect(mailgunSignatureValid(key, '1700000000', 'tok', signature)).toBe(true);
    expect(mailgunSignatureValid(key, '1700000000', 'tok', signature.toUpperCase())).toBe(true);
    expect(mailgunSignatureValid(key, '1700000001', 'tok', signature)).toBe(false);
    expect(mailgunSignatureValid('other-key-0123456789', '1700000000', 'tok', signature)).toBe(false);
    expect(mailgunSignatureValid(key, '1700000000', 'tok', '')).toBe(false);
  });
});
