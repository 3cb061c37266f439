/**
 * Calendar days (deadlines, follow-up dates). The GraphQL `Date` scalar hands over UTC
 * midnight; pg reads a `date` column back as local midnight. Both become `YYYY-MM-DD`.
 */
export const dayFromScalar = (value: Date): string => value.toISOString().slice(0, 10);

export const dayFromColumn = (value: Date): string =>
  `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
