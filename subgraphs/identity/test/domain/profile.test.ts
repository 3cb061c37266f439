import { describe, expect, it } from 'vitest';
import { coarseIp, cleanUserAgent } from '../../src/domain/client-info.ts';
import { onboardingOf } from '../../src/domain/onboarding.ts';
import { profileColumns } from '../../src/domain/profile-fields.ts';
import { mergeSettings, resolveSettings } from '../../src/domain/settings.ts';

describe('profile fields', () => {
  it('normalizes what it accepts and reports every bad field at once', () => {
    expect(profileColumns({ firstName: '  Grace  ', phone: '+1 (212) 555-0100', locale: 'pt-br', timezone: 'America/New_York', links: ['https://a.example.org', 'https://a.example.org'] })).toEqual({
      columns: { first_name: 'Grace', phone: '+12125550100', locale: 'pt-BR', timezone: 'America/New_York', links: ['https://a.example.org/'] },
      changed: ['firstName', 'phone', 'locale', 'timezone', 'links'],
    });
    const bad = profileColumns({ displayName: '', avatarUrl: 'https://user:pw@example.org/a.png', locale: 'not a locale', links: Array(11).fill('https://x.example.org') });
    expect('errors' in bad && bad.errors.map((e) => e.code)).toEqual(['INVALID_DISPLAY_NAME', 'INVALID_URL', 'INVALID_LOCALE', 'INVALID_LINKS']);
  });

  it('clears a field given as null and leaves an absent one alone', () => {
    expect(profileColumns({ bio: null, avatarUrl: null })).toEqual({ columns: { bio: null, avatar_url: null }, changed: ['bio', 'avatarUrl'] });
    expect(profileColumns({})).toEqual({ columns: {}, changed: [] });
  });
});

describe('client info', () => {
  it('keeps only the network of an address', () => {
    expect(coarseIp('203.0.113.77')).toBe('203.0.113.0/24');
    expect(coarseIp('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
    expect(coarseIp('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(coarseIp('::1')).toBe('0:0:0::/48');
    expect(coarseIp('not-an-ip')).toBeNull();
    expect(cleanUserAgent('Agent\u0000/1\n')).toBe('Agent/1');
  });
});

describe('settings and onboarding', () => {
  it('defaults to private settings and names only what really changed', () => {
    expect(resolveSettings({}).searchable).toBe(false);
    expect(mergeSettings({}, { searchable: false, marketingEmails: true, weekStartsOn: null })).toEqual({ settings: { searchable: false, marketingEmails: true }, changed: ['marketingEmails'] });
  });

  it('counts a verified email as a done step and completes with the last one', () => {
    expect(onboardingOf({ email_verified_at: null, onboarding_steps: [] }).state).toBe('not_started');
    expect(onboardingOf({ email_verified_at: new Date(), onboarding_steps: ['complete_profile', 'choose_settings', 'take_tour'] })).toEqual({
      state: 'completed',
      completed: ['verify_email', 'complete_profile', 'choose_settings', 'take_tour'],
      remaining: [],
    });
  });
});
