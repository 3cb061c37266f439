import { describe, expect, it } from 'vitest';
import { linkedinIdOf, validateCompanyProfile, webDomainOf } from '../../src/domain/company-profile.ts';

const now = new Date('2026-06-01T00:00:00Z');

describe('company profile', () => {
  it('reduces a web address to its domain', () => {
    expect(webDomainOf('https://www.Acme.com/jobs?x=1')).toBe('acme.com');
    expect(webDomainOf('acme.co.uk')).toBe('acme.co.uk');
    expect(webDomainOf('localhost')).toBeUndefined();
    expect(webDomainOf('not a domain')).toBeUndefined();
    expect(webDomainOf('x'.repeat(10_000))).toBeUndefined();
  });

  it('takes the LinkedIn id from an address or as given', () => {
    expect(linkedinIdOf('https://www.linkedin.com/company/acme-robotics/')).toBe('acme-robotics');
    expect(linkedinIdOf('Acme-Robotics')).toBe('acme-robotics');
    expect(linkedinIdOf("'; drop table --")).toBeUndefined();
  });

  it('reports every invalid field and keeps omitted ones out', () => {
    const outcome = validateCompanyProfile({ foundedYear: 2027, logoUrl: 'http://x.example/a.png', industry: ' ' }, ['input'], now);
    expect(outcome.ok ? [] : outcome.errors.map((error) => error.code)).toEqual(['INVALID_LOGO_URL', 'INVALID_INDUSTRY', 'INVALID_FOUNDED_YEAR']);
    expect(validateCompanyProfile({ size: 'small', headquarters: null }, ['input'], now)).toEqual({ ok: true, value: { size_band: 'small', headquarters: null } });
  });
});
