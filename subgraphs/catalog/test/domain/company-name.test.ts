import { describe, expect, it } from 'vitest';
import { firstFreeSlug, normalizeCompanyName, slugify } from '../../src/domain/company-name.ts';

describe('a company name’s dedupe key', () => {
  it('ignores case, punctuation, accents and legal suffixes', () => {
    for (const name of ['Acme, Inc.', 'ACME inc', 'Acmé', 'acme GmbH', 'Acme Co.', 'Acme & Co']) expect(normalizeCompanyName(name)).toBe('acme');
  });

  it('keeps what tells companies apart', () => {
    expect(normalizeCompanyName('C++ Labs')).not.toBe(normalizeCompanyName('C# Labs'));
    expect(normalizeCompanyName('Johnson & Johnson')).toBe('johnson and johnson');
    expect(normalizeCompanyName('株式会社 ソニー')).toBe('株式会社 ソニー');
  });

  it('keeps a name that is nothing but a suffix', () => {
    expect(normalizeCompanyName('Limited')).toBe('limited');
  });
});

describe('a company slug', () => {
  it('is lower-case ASCII words joined by hyphens', () => {
    expect(slugify('Zürich Café Ltd.')).toBe('zurich-cafe-ltd');
    expect(slugify('  The   Boring Company ')).toBe('the-boring-company');
    expect(slugify('Procter & Gamble')).toBe('procter-and-gamble');
  });

  it('falls back to "company" when no ASCII letter is left', () => {
    expect(slugify('株式会社')).toBe('company');
  });

  it('takes the first free number when taken', () => {
    expect(firstFreeSlug('acme', new Set())).toBe('acme');
    expect(firstFreeSlug('acme', new Set(['acme', 'acme-2', 'acme-4']))).toBe('acme-3');
  });
});
