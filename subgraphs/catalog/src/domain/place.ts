import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';

/** A normalized place as an employer gives it. */
export interface PlaceInput {
  readonly city: string;
  readonly region?: string | null;
  readonly countryCode: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly timezone?: string | null;
}

export interface Place {
  readonly city: string;
  readonly region: string | null;
  readonly countryCode: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly timezone: string | null;
}

const line = (value: string, max: number) => {
  const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  return text.length >= 1 && text.length <= max && !/\p{Cc}/u.test(text) ? text : undefined;
};

/** Validates a place, each problem on its path: a city, an ISO country, coordinates on Earth, an IANA time zone. */
export function validatePlace(input: PlaceInput, path: readonly string[]): Outcome<Place> {
  const errors: UserError[] = [];
  const at = (field: string) => [...path, field];
  const city = line(input.city, 100);
  if (city === undefined) errors.push(userError('INVALID_PLACE', 'A city needs 1 to 100 characters.', at('city')));
  const region = input.region == null ? null : line(input.region, 100);
  if (region === undefined) errors.push(userError('INVALID_PLACE', 'A region needs 1 to 100 characters.', at('region')));
  const countryCode = input.countryCode.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) errors.push(userError('INVALID_PLACE', 'Use an ISO 3166 two-letter country code.', at('countryCode')));
  if (!(Number.isFinite(input.latitude) && Math.abs(input.latitude) <= 90)) errors.push(userError('INVALID_PLACE', 'A latitude is between -90 and 90.', at('latitude')));
  if (!(Number.isFinite(input.longitude) && Math.abs(input.longitude) <= 180)) errors.push(userError('INVALID_PLACE', 'A longitude is between -180 and 180.', at('longitude')));
  const timezone = input.timezone == null ? null : input.timezone.trim();
  if (timezone !== null && !isTimeZone(timezone)) errors.push(userError('INVALID_PLACE', 'Use an IANA time zone such as Europe/Berlin.', at('timezone')));
  if (errors.length > 0 || city === undefined || region === undefined) return fail(...errors);
  return succeed({ city, region, countryCode, latitude: input.latitude, longitude: input.longitude, timezone });
}

function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Kilometres per degree of latitude; a degree of longitude is this times cos(latitude). */
const kmPerDegree = 111.32;

/** The latitude/longitude box that holds every point within `radiusKm` of the centre (then checked exactly). */
export function boundingBox(latitude: number, longitude: number, radiusKm: number) {
  const dLat = radiusKm / kmPerDegree;
  const cos = Math.cos((latitude * Math.PI) / 180);
  const dLng = cos < 1e-6 ? 180 : Math.min(180, radiusKm / (kmPerDegree * cos));
  return {
    minLat: Math.max(-90, latitude - dLat),
    maxLat: Math.min(90, latitude + dLat),
    // A box crossing the antimeridian is widened to every longitude rather than split in two.
    minLng: longitude - dLng < -180 || longitude + dLng > 180 ? -180 : longitude - dLng,
    maxLng: longitude - dLng < -180 || longitude + dLng > 180 ? 180 : longitude + dLng,
  };
}

/** Largest radius a search accepts: half the Earth's circumference. */
export const maxRadiusKm = 20_000;
