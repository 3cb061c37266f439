/** Whether `error` is Postgres refusing a row for breaking the unique index or constraint `name`. */
export function isUniqueViolation(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505' && 'constraint' in error && error.constraint === name;
}
