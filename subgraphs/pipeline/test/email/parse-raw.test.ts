import { describe, expect, it } from 'vitest';
import { parseRawEmail } from '../../src/domain/email/parse-raw.ts';

const crlf = (lines: string[]) => lines.join('\r\n');

describe('parsing a raw message', () => {
  it('decodes quoted-printable and encoded words, and reads sender, recipients and date', async () => {
    const email = await parseRawEmail(
      crlf([
        'From: =?UTF-8?B?w4lsb2RpZSBNYXJ0aW4=?= <Elodie@Cigale.fr>',
        'To: Alex <u-abc@in.jobgraph.test>, other@example.com',
        'Cc: third@example.com',
        'Subject: =?UTF-8?Q?Proposition_d=E2=80=99embauche?=',
        'Date: Tue, 14 Oct 2025 09:16:00 +0000',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Vous trouverez la promesse d=E2=80=99embauche en pi=C3=A8ce jointe, un tr=',
        '=C3=A8s long mot.',
      ]),
    );
    expect(email.from).toEqual({ address: 'elodie@cigale.fr', name: 'Élodie Martin' });
    expect(email.recipients).toEqual(['u-abc@in.jobgraph.test', 'other@example.com', 'third@example.com']);
    expect(email.subject).toBe('Proposition d’embauche');
    expect(email.text).toBe('Vous trouverez la promesse d’embauche en pièce jointe, un très long mot.');
    expect(email.date?.toISOString()).toBe('2025-10-14T09:16:00.000Z');
  });

  it('turns an HTML-only body into text with no markup, scripts or event handlers left', async () => {
    const email = await parseRawEmail(
      crlf([
        'From: a@b.example',
        'Subject: hi',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<html><head><script>alert(1)</script><style>p{}</style></head><body><p onclick="steal()">We would like to <b>invite</b> you.</p>',
        '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">Pick a time</a><iframe src="https://evil.example"></iframe></body></html>',
      ]),
    );
    expect(email.text).toContain('We would like to invite you.');
    expect(email.text).toContain('Pick a time');
    expect(email.text).not.toMatch(/<|>|alert|javascript|onclick|onerror/i);
  });

  it('strips markup typed into a plain-text body but keeps <address> and <url> forms', async () => {
    const email = await parseRawEmail(
      crlf(['From: a@b.example', 'Subject: x', '', 'Hello <script>fetch("//evil")</script><img src=x onerror=alert(1)>there', 'Mail <rosa@tidewater.app> or <https://tidewater.app/jobs>']),
    );
    expect(email.text).toBe('Hello there\nMail <rosa@tidewater.app> or <https://tidewater.app/jobs>');
  });

  it('prefers the text part of multipart/alternative and counts attachments without keeping them', async () => {
    const email = await parseRawEmail(
      crlf([
        'From: a@b.example',
        'Subject: offer',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: multipart/alternative; boundary="a"',
        '',
        '--a',
        'Content-Type: text/plain',
        '',
        'Plain offer text',
        '--a',
        'Content-Type: text/html',
        '',
        '<p>HTML offer text</p>',
        '--a--',
        '--m',
        'Content-Type: application/pdf; name="offer.pdf"',
        'Content-Disposition: attachment; filename="offer.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        'JVBERi0xLjQK',
        '--m',
        'Content-Type: image/png; name="logo.png"',
        'Content-Disposition: attachment; filename="logo.png"',
        '',
        'xx',
        '--m--',
      ]),
    );
    expect(email.text).toBe('Plain offer text');
    expect(email.attachmentCount).toBe(2);
  });

  it('parses malformed MIME and broken encodings as far as it can, without throwing', async () => {
    const broken = await parseRawEmail(
      crlf([
        'From: not an address',
        'Subject: =?UTF-8?B?broken!!?= =?x-unknown?Q?abc?=',
        'Date: the day after tomorrow',
        'Content-Type: multipart/alternative; boundary="never-closed"',
        '',
        '--never-closed',
        'Content-Type: text/plain; charset=no-such-charset',
        'Content-Transfer-Encoding: base64',
        '',
        '@@@not base64@@@',
        '--never-closed',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Bad escape =ZZ and a NUL \u0000 here =',
      ]),
    );
    expect(broken.from.address).toBe('');
    expect(broken.date).toBeNull();
    expect(broken.text).not.toContain('\u0000');
    const garbage = await parseRawEmail(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x0d, 0x0a, 0x0d, 0x0a, 0xc3]));
    expect(garbage).toMatchObject({ subject: '', attachmentCount: 0 });
  });
});
