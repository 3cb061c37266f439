/**
 * The plans migration 0004 seeds, by the fixed ids it gives them. Code that needs a
 * particular plan names it here, never by a literal id.
 */
export const planIds = {
  free: '6d1f3a52-0b7e-4c1a-9f00-000000000001',
  pro: '6d1f3a52-0b7e-4c1a-9f00-000000000002',
  employer: '6d1f3a52-0b7e-4c1a-9f00-000000000003',
  employerTeam: '6d1f3a52-0b7e-4c1a-9f00-000000000004',
} as const;

/** Plan codes are lower-case; a client may send any case and stray spaces. */
export function normalizePlanCode(code: string): string {
  return code.trim().toLowerCase();
}
