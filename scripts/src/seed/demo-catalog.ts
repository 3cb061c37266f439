/**
 * The demo catalog `pnpm dev` seeds: 30 companies in 18 cities of 11 countries, 10 open
 * listings each (300), varied enough that a first search shows real facets. Deterministic:
 * the same names every run, so seeding can tell what exists already.
 */

export interface DemoPlace {
  readonly city: string;
  readonly region: string | null;
  readonly countryCode: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly timezone: string;
  readonly currency: string;
}

const cities: readonly DemoPlace[] = [
  { city: 'Berlin', region: 'Berlin', countryCode: 'DE', latitude: 52.52, longitude: 13.405, timezone: 'Europe/Berlin', currency: 'EUR' },
  { city: 'Munich', region: 'Bavaria', countryCode: 'DE', latitude: 48.1372, longitude: 11.5756, timezone: 'Europe/Berlin', currency: 'EUR' },
  { city: 'Hamburg', region: 'Hamburg', countryCode: 'DE', latitude: 53.5511, longitude: 9.9937, timezone: 'Europe/Berlin', currency: 'EUR' },
  { city: 'Paris', region: 'Île-de-France', countryCode: 'FR', latitude: 48.8566, longitude: 2.3522, timezone: 'Europe/Paris', currency: 'EUR' },
  { city: 'Lyon', region: 'Auvergne-Rhône-Alpes', countryCode: 'FR', latitude: 45.764, longitude: 4.8357, timezone: 'Europe/Paris', currency: 'EUR' },
  { city: 'London', region: 'England', countryCode: 'GB', latitude: 51.5072, longitude: -0.1276, timezone: 'Europe/London', currency: 'GBP' },
  { city: 'Manchester', region: 'England', countryCode: 'GB', latitude: 53.4808, longitude: -2.2426, timezone: 'Europe/London', currency: 'GBP' },
  { city: 'Amsterdam', region: 'North Holland', countryCode: 'NL', latitude: 52.3676, longitude: 4.9041, timezone: 'Europe/Amsterdam', currency: 'EUR' },
  { city: 'Madrid', region: 'Community of Madrid', countryCode: 'ES', latitude: 40.4168, longitude: -3.7038, timezone: 'Europe/Madrid', currency: 'EUR' },
  { city: 'Barcelona', region: 'Catalonia', countryCode: 'ES', latitude: 41.3874, longitude: 2.1686, timezone: 'Europe/Madrid', currency: 'EUR' },
  { city: 'New York', region: 'New York', countryCode: 'US', latitude: 40.7128, longitude: -74.006, timezone: 'America/New_York', currency: 'USD' },
  { city: 'San Francisco', region: 'California', countryCode: 'US', latitude: 37.7749, longitude: -122.4194, timezone: 'America/Los_Angeles', currency: 'USD' },
  { city: 'Austin', region: 'Texas', countryCode: 'US', latitude: 30.2672, longitude: -97.7431, timezone: 'America/Chicago', currency: 'USD' },
  { city: 'Toronto', region: 'Ontario', countryCode: 'CA', latitude: 43.6532, longitude: -79.3832, timezone: 'America/Toronto', currency: 'CAD' },
  { city: 'Stockholm', region: 'Stockholm County', countryCode: 'SE', latitude: 59.3293, longitude: 18.0686, timezone: 'Europe/Stockholm', currency: 'SEK' },
  { city: 'Warsaw', region: 'Masovia', countryCode: 'PL', latitude: 52.2297, longitude: 21.0122, timezone: 'Europe/Warsaw', currency: 'PLN' },
  { city: 'Lisbon', region: 'Lisbon', countryCode: 'PT', latitude: 38.7223, longitude: -9.1393, timezone: 'Europe/Lisbon', currency: 'EUR' },
  { city: 'Dublin', region: 'Leinster', countryCode: 'IE', latitude: 53.3498, longitude: -6.2603, timezone: 'Europe/Dublin', currency: 'EUR' },
];

/** Yearly pay in each currency, relative to EUR (rounded; demo data, not exchange rates). */
const payScale: Readonly<Record<string, number>> = { EUR: 1, GBP: 0.9, USD: 1.3, CAD: 1.4, SEK: 11, PLN: 4 };

const prefixes = ['Acme', 'Northwind', 'Bluefin', 'Copperleaf', 'Driftwood', 'Emberline', 'Foxglove', 'Granite', 'Harbor', 'Ironbark', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus'];
const suffixes = ['Robotics', 'Health'];
const industries = ['Software', 'Healthcare', 'Logistics', 'Fintech', 'Energy', 'Retail', 'Media', 'Education', 'Manufacturing', 'Travel'];
const sizes = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE'] as const;

export interface DemoCompany {
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly place: DemoPlace;
}

export const demoCatalogCompanies: readonly DemoCompany[] = Array.from({ length: 30 }, (_, index) => {
  const name = `${prefixes[index % prefixes.length]} ${suffixes[Math.floor(index / prefixes.length)]}`;
  const place = cities[index % cities.length] as DemoPlace;
  const domain = `${name.toLowerCase().replace(/\s+/g, '-')}.example`;
  return {
    name,
    place,
    input: {
      name,
      website: `https://${domain}`,
      webDomain: domain,
      description: `${name} builds ${industries[index % industries.length]?.toLowerCase()} products from ${place.city}.`,
      industry: industries[index % industries.length],
      size: sizes[index % sizes.length],
      headquarters: `${place.city}, ${place.countryCode}`,
      headquartersPlace: { city: place.city, region: place.region, countryCode: place.countryCode, latitude: place.latitude, longitude: place.longitude, timezone: place.timezone },
      foundedYear: 1990 + ((index * 7) % 34),
      type: index % 9 === 0 ? 'PUBLIC' : 'PRIVATE',
    },
  };
});

const roles = [
  ['Senior Backend Engineer', ['node', 'postgres', 'graphql'], 'SENIOR', 'Engineering', 85_000],
  ['Frontend Engineer', ['react', 'typescript', 'graphql'], 'MID', 'Engineering', 65_000],
  ['Data Engineer', ['python', 'kafka', 'postgres'], 'MID', 'Data', 70_000],
  ['Site Reliability Engineer', ['kubernetes', 'terraform', 'linux'], 'SENIOR', 'Infrastructure', 90_000],
  ['Product Designer', ['figma', 'research'], 'MID', 'Design', 60_000],
  ['Engineering Manager', ['leadership', 'hiring'], 'LEAD', 'Engineering', 110_000],
  ['Machine Learning Engineer', ['python', 'pytorch', 'llm'], 'SENIOR', 'Data', 100_000],
  ['QA Engineer', ['playwright', 'typescript'], 'ENTRY', 'Engineering', 45_000],
  ['Mobile Developer', ['kotlin', 'swift'], 'MID', 'Engineering', 68_000],
  ['Security Engineer', ['security', 'linux', 'go'], 'SENIOR', 'Infrastructure', 95_000],
  ['Product Manager', ['roadmaps', 'analytics'], 'SENIOR', 'Product', 88_000],
  ['Data Analyst', ['sql', 'python', 'tableau'], 'ENTRY', 'Data', 48_000],
  ['Platform Engineer', ['go', 'kubernetes', 'aws'], 'SENIOR', 'Infrastructure', 92_000],
  ['Technical Writer', ['docs', 'markdown'], 'MID', 'Product', 52_000],
  ['Principal Architect', ['architecture', 'aws', 'java'], 'PRINCIPAL', 'Engineering', 140_000],
  ['Customer Success Manager', ['saas', 'onboarding'], 'MID', 'Customer', 50_000],
  ['DevOps Intern', ['linux', 'docker'], 'ENTRY', 'Infrastructure', 25_000],
  ['Head of Engineering', ['leadership', 'strategy'], 'EXECUTIVE', 'Engineering', 170_000],
  ['Java Developer', ['java', 'spring', 'postgres'], 'MID', 'Engineering', 66_000],
  ['Rust Engineer', ['rust', 'linux', 'networking'], 'SENIOR', 'Engineering', 98_000],
] as const;

const remoteTypes = ['REMOTE', 'HYBRID', 'ONSITE'] as const;

export interface DemoListing {
  readonly title: string;
  readonly input: Record<string, unknown>;
}

/** Ten listings of company `index`: roles, remote types, job types and pay vary; some disclose no pay. */
export function demoCatalogListings(index: number): readonly DemoListing[] {
  const company = demoCatalogCompanies[index];
  if (!company) return [];
  const { place } = company;
  return Array.from({ length: 10 }, (_, slot) => {
    const n = index * 10 + slot;
    const [role, tags, seniority, department, baseEur] = roles[(index * 3 + slot * 7) % roles.length] ?? roles[0];
    const remoteType = remoteTypes[(n * 5 + index) % remoteTypes.length] ?? 'REMOTE';
    const contract = n % 11 === 0;
    const partTime = n % 17 === 0;
    const employmentType = role.includes('Intern') ? 'INTERNSHIP' : contract ? 'CONTRACT' : partTime ? 'PART_TIME' : 'FULL_TIME';
    const title = slot < roles.length && n % 4 === 3 ? `${role} (${place.city})` : role;
    const yearly = Math.round((baseEur * (payScale[place.currency] ?? 1) * (0.9 + ((n * 13) % 40) / 100)) / 1000) * 1000;
    const salary = n % 6 === 5
      ? null
      : contract
        ? { minCents: Math.round(yearly / 2080) * 100, maxCents: Math.round((yearly * 1.2) / 2080) * 100, currency: place.currency, period: 'HOUR' }
        : { minCents: yearly * 100, maxCents: Math.round(yearly * 1.25) * 100, currency: place.currency, period: 'YEAR' };
    return {
      title: `${title} #${slot + 1}`,
      input: {
        title: `${title} #${slot + 1}`,
        description: `${company.name} is hiring a ${role.toLowerCase()} in ${department.toLowerCase()}. You will work with ${tags.join(', ')} in a team that ships every week.`,
        employmentType,
        remoteType,
        seniority,
        department,
        location: remoteType === 'REMOTE' ? `Remote (${place.timezone.split('/')[0]})` : `${place.city}, ${place.countryCode}`,
        place: { city: place.city, region: place.region, countryCode: place.countryCode, latitude: place.latitude, longitude: place.longitude, timezone: place.timezone },
        taggings: tags.map((name, position) => ({ name, kind: 'SKILL', requirement: position < 2 ? 'REQUIRED' : 'NICE_TO_HAVE', level: 2 + ((n + position) % 4) })),
        ...(salary ? { salary } : {}),
        requirements: `Experience with ${tags[0]}; curiosity about ${tags.at(-1)}.`,
        benefits: '30 days of holiday, learning budget, flexible hours.',
        publish: true,
      },
    };
  });
}
