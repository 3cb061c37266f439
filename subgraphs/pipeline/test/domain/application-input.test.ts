import { describe, expect, it } from 'vitest';
import { validateNewApplication, validateNote } from '../../src/domain/application-input.ts';

const now = new Date('2025-06-01T12:00:00Z');
const codes = (outcome: ReturnType<typeof validateNewApplication>) => (outcome.ok ? [] : outcome.errors.map((e) => `${e.code}@${e.field.join('.')}`));

describe('validateNewApplication', () => {
  it('accepts a listing id, lower-cased, with no application date unless given', () => {
    const id = crypto.randomUUID().toUpperCase();
    expect(validateNewApplication({ jobId: id }, now)).toEqual({
      ok: true,
      value: { target: { kind: 'listing', jobListingId: id.toLowerCase() }, stageId: null, notes: null, appliedAt: null },
    });
  });

  it('cleans a hand-entered job: trimmed, single-spaced, blanks become null', () => {
    const outcome = validateNewApplication({ manualJob: { title: ' Senior\n  Engineer ', companyName: '  ', url: new URL('https://example.com/a?b=1'), location: null } }, now);
    expect(outcome).toMatchObject({ ok: true, value: { target: { kind: 'manual', title: 'Senior Engineer', companyName: null, url: 'https://example.com/a?b=1', location: null } } });
  });

  it('needs exactly one of a listing and a hand-entered job', () => {
    expect(codes(validateNewApplication({}, now))).toEqual(['JOB_REQUIRED@input.jobId']);
    expect(codes(validateNewApplication({ jobId: crypto.randomUUID(), manualJob: { title: 'x' } }, now))).toEqual(['JOB_AMBIGUOUS@input.manualJob']);
  });

  it('accepts web addresses only', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'mailto:a@b.c', 'not a url']) {
      expect(codes(validateNewApplication({ manualJob: { title: 'x', url } }, now))).toEqual(['INVALID_URL@input.manualJob.url']);
    }
    expect(validateNewApplication({ manualJob: { title: 'x', url: 'http://example.com' } }, now).ok).toBe(true);
  });

  it('reports every problem at once', () => {
    const outcome = validateNewApplication({ manualJob: { title: '', companyName: 'c'.repeat(201) }, notes: 'n'.repeat(10_001), appliedAt: new Date('2025-06-02T00:00:00Z') }, now);
    expect(codes(outcome)).toEqual(['INVALID_TITLE@input.manualJob.title', 'TOO_LONG@input.manualJob.companyName', 'TOO_LONG@input.notes', 'APPLIED_AT_IN_FUTURE@input.appliedAt']);
  });

  it('allows a few minutes of clock skew on the application date, and any past date', () => {
    expect(validateNewApplication({ jobId: crypto.randomUUID(), appliedAt: new Date(now.getTime() + 60_000) }, now).ok).toBe(true);
    expect(validateNewApplication({ jobId: crypto.randomUUID(), appliedAt: new Date('2020-01-01T00:00:00Z') }, now).ok).toBe(true);
  });

  it('keeps line breaks in notes', () => {
    expect(validateNewApplication({ jobId: crypto.randomUUID(), notes: ' line one\nline two ' }, now)).toMatchObject({ value: { notes: 'line one\nline two' } });
  });
});

describe('validateNote', () => {
  it('turns a blank note into none and refuses more than 2,000 characters', () => {
    expect(validateNote('   ')).toEqual({ ok: true, value: null });
    expect(validateNote(' ok ')).toEqual({ ok: true, value: 'ok' });
    expect(validateNote('x'.repeat(2001))).toMatchObject({ ok: false, errors: [{ code: 'TOO_LONG', field: ['input', 'note'] }] });
  });
});
