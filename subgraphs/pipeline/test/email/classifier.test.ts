import { describe, expect, it } from 'vitest';
import { classifyByRules } from '../../src/domain/email/rule-classifier.ts';
import type { ParsedEmail } from '../../src/domain/email/types.ts';

const email = (subject: string, text: string, from = { address: 'no-reply@ashbyhq.com', name: 'Quanta Hiring Team' }): ParsedEmail => ({
  from,
  recipients: [],
  subject,
  text,
  date: new Date('2025-10-14T09:00:00Z'),
  messageId: null,
  attachmentCount: 0,
});

describe('the rule-based classifier', () => {
  it('reads a confirmation with company, title and a confident score with its reasons', () => {
    const result = classifyByRules(email('Thanks for applying to Quanta!', 'Thanks for applying for the Data Engineer role at Quanta. We have received your application and will review it.'));
    expect(result).toMatchObject({ kind: 'confirmation', company: 'Quanta', jobTitle: 'Data Engineer' });
    expect(result.confidence).toBeGreaterThan(0.6);
    expect(result.reasons).toContain('confirmation: application received (+3)');
  });

  it('never reads a rejection as an offer, even full of offer words', () => {
    const result = classifyByRules(email('Your offer status', 'Congratulations on reaching the final round. Unfortunately we will not be offering you the position; we have offered the role to another candidate.'));
    expect(result.kind).toBe('rejection');
  });

  it('reads an invitation with the dates it names, the year taken from the message', () => {
    const result = classifyByRules(email('Interview', 'We would like to invite you to an interview on Tuesday 21st October at 10:30, or on November 3, 2026.'));
    expect(result.kind).toBe('interview');
    expect(result.dates.map((d) => d.date)).toEqual(['2025-10-21', '2026-11-03']);
  });

  it('reads German and French mail', () => {
    expect(classifyByRules(email('Ihre Bewerbung', 'Leider müssen wir Ihnen eine Absage erteilen.')).kind).toBe('rejection');
    expect(classifyByRules(email('Candidature', "Nous souhaiterions vous rencontrer pour un entretien jeudi.")).kind).toBe('interview');
  });

  it('calls marketing with job words unrelated, and a message with no job phrase unrelated with reasons', () => {
    expect(classifyByRules(email('50% off interview prep', 'Special offer: get an offer faster! Unsubscribe')).kind).toBe('unrelated');
    expect(classifyByRules(email('lunch?', 'are you free for lunch'))).toMatchObject({ kind: 'unrelated', reasons: ['only weak hints: a time proposed'] });
    expect(classifyByRules(email('pub', 'see you at the pub'))).toMatchObject({ kind: 'unrelated', reasons: ['no phrase of job mail found'] });
  });

  it('keeps confidence within 0 and 1 and lower when two classes compete', () => {
    const clear = classifyByRules(email('Offer', 'We are pleased to offer you the Staff Engineer position. Your offer letter is attached.'));
    const mixed = classifyByRules(email('Next steps', 'Thanks for applying. Please complete the coding challenge; we would love to meet you after.'));
    for (const r of [clear, mixed]) expect(r.confidence).toBeGreaterThanOrEqual(0), expect(r.confidence).toBeLessThanOrEqual(1);
    expect(mixed.confidence).toBeLessThan(clear.confidence);
  });
});

describe('a forwarded message', () => {
  it('is read from its forwarded part, and its company from the original sender, not the user who forwarded it', () => {
    const forwarded = email(
      'Fwd: next steps',
      'fyi\n\n---------- Forwarded message ---------\nFrom: Tom Reyes <tom.reyes@helixbio.com>\nSubject: next steps\n\nWe would like to invite you to an interview next week.',
      { address: 'alex@my-consultancy.dev', name: 'Alex' },
    );
    expect(classifyByRules(forwarded)).toMatchObject({ kind: 'interview', company: 'Helixbio' });
  });

  it('ignores what a reply quotes', () => {
    const reply = email('Re: your application', 'Thanks, see you then!\n\nOn Mon, 6 Oct 2025 at 10:00, Recruiter <r@acme.com> wrote:\n> Unfortunately we will not move forward with your application.', { address: 'r@acme.com', name: 'R' });
    expect(classifyByRules(reply).kind).not.toBe('rejection');
  });
});
