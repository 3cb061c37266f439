import { describe, expect, it } from 'vitest';
import { boundingBox, validatePlace } from '../../src/domain/place.ts';

describe('places', () => {
  it('normalizes a place and refuses one off the map', () => {
    expect(validatePlace({ city: ' Berlin ', countryCode: 'de', latitude: 52.52, longitude: 13.405, timezone: 'Europe/Berlin' }, ['p'])).toEqual({
      ok: true,
      value: { city: 'Berlin', region: null, countryCode: 'DE', latitude: 52.52, longitude: 13.405, timezone: 'Europe/Berlin' },
    });
    const bad = validatePlace({ city: 'X', countryCode: 'DEU', latitude: Number.NaN, longitude: 181, timezone: 'Nowhere/Land' }, ['p']);
    expect(bad.ok ? [] : bad.errors.map((error) => error.field.at(-1))).toEqual(['countryCode', 'latitude', 'longitude', 'timezone']);
  });

  it('boxes a circle, widening to every longitude near the poles and across the antimeridian', () => {
    const box = boundingBox(52.52, 13.405, 50);
    expect(box.minLat).toBeCloseTo(52.07, 1);
    expect(box.maxLng - box.minLng).toBeGreaterThan(1.4);
    expect(boundingBox(89.99, 0, 100)).toMatchObject({ minLng: -180, maxLng: 180, maxLat: 90 });
    expect(boundingBox(0, 179.9, 50)).toMatchObject({ minLng: -180, maxLng: 180 });
  });
});
