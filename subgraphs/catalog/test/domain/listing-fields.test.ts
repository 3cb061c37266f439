import { describe, expect, it } from 'vitest';
import { validateListingFields } from '../../src/domain/listing-fields.ts';
import { normalizeTags } from '../../src/domain/listing-tags.ts';

const now = new Date('2030-01-01T00:00:00Z');
const path = ['input'];
const codes = (outcome: { ok: boolean; errors?: readonly { code: string; field: readonly string[] }[] }) =>
  outcome.ok ? [] : (outcome.errors ?? []).map((e) => `${e.code} ${e.field.join('.')}`);

describe('listing fields', () => {
  it('returns only the fields given, normalized', () => {
    expect(validateListingFields({ title: '  Staff   Engineer ', location: '   ' }, now, path)).toEqual({ ok: true, value: { title: 'Staff Engineer', location: null } });
  });

  it('wants a title of 3 to 150 characters', () => {
    expect(codes(validateListingFields({ title: 'QA' }, now, path))).toEqual(['INVALID_TITLE input.title']);
    expect(codes(validateListingFields({ title: 'x'.repeat(151) }, now, path))).toEqual(['INVALID_TITLE input.title']);
    expect(validateListingFields({ title: 'x'.repeat(150) }, now, path).ok).toBe(true);
  });

  it('wants a description with text in it', () => {
    expect(codes(validateListingFields({ description: ' \n ' }, now, path))).toEqual(['INVALID_DESCRIPTION input.description']);
  });

  it('wants an expiry in the future, and lets null clear it', () => {
    expect(codes(validateListingFields({ expiresAt: now }, now, path))).toEqual(['INVALID_EXPIRY input.expiresAt']);
    expect(validateListingFields({ expiresAt: null }, now, path)).toEqual({ ok: true, value: { expiresAt: null } });
  });

  it('reports the salary’s problems under the salary’s path', () => {
    expect(codes(validateListingFields({ salary: { minCents: 2, maxCents: 1, currency: 'EUR' } }, now, ['input']))).toEqual(['SALARY_RANGE_INVERTED input.salary.maxCents']);
  });

  it('reports every problem at once', () => {
    expect(codes(validateListingFields({ title: '', description: '', tags: [''] }, now, path))).toEqual([
      'INVALID_TITLE input.title',
      'INVALID_DESCRIPTION input.description',
      'INVALID_TAGS input.tags.0',
    ]);
  });
});

describe('tags', () => {
  it('are lower-cased, trimmed and deduplicated in order', () => {
    expect(normalizeTags([' TypeScript', 'react', 'typescript ', 'Node  JS'], ['tags'])).toEqual({ ok: true, value: ['typescript', 'react', 'node js'] });
  });

  it('are at most 20, each at most 40 characters', () => {
    expect(codes(normalizeTags(Array.from({ length: 21 }, (_, i) => `tag${i}`), ['tags']))).toEqual(['INVALID_TAGS tags']);
    expect(codes(normalizeTags(['ok', 'x'.repeat(41)], ['tags']))).toEqual(['INVALID_TAGS tags.1']);
  });
});
