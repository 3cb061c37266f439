import { describe, expect, it } from 'vitest';
import { careerProfileId } from '../../src/domain/career-profile-id.ts';
import { uuidV5 } from '@jobgraph/kit';

describe('deterministic ids', () => {
  it('computes RFC 9562 version 5 UUIDs', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives a user the same profile id every time, whatever the case of their id', () => {
    const userId = 'A1B2C3D4-0000-4000-8000-000000000001';
    expect(careerProfileId(userId)).toBe(careerProfileId(userId.toLowerCase()));
    expect(careerProfileId(userId)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives different users different profile ids', () => {
    expect(careerProfileId(crypto.randomUUID())).not.toBe(careerProfileId(crypto.randomUUID()));
  });
});
