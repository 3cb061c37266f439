/**
 * Calendar days (deadlines, follow-up dates). The GraphQL `Date` scalar hands over UTC
 * midnight; the database pool reads a `date` column back as its `YYYY-MM-DD` text
 * (db/src/create-kysely.ts), so no time zone ever shifts a day.
 */
export const dayFromScalar = (value: Date): string => value.toISOString().slice(0, 10);
