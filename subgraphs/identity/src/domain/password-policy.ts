import { userError, type UserError } from '@jobgraph/kit';

export const minPasswordLength = 10;
export const maxPasswordLength = 256;

/** The passwords attackers try first; a long list lives in a breach corpus, not here. */
const common = new Set([
  'password', 'password1', 'password12', 'password123', 'passw0rd', '1234567890', '0123456789', '12345678910',
  'qwertyuiop', 'qwerty1234', 'iloveyou12', 'letmein123', 'welcome123', 'admin12345', 'abcdefghij', '1q2w3e4r5t',
  'football12', 'baseball12', 'sunshine12', 'princess12', 'dragon1234', 'monkey1234', 'trustno1234', 'changeme12',
]);

/** Why `password` may not guard the account of `email`, or null when it may. */
export function passwordWeakness(password: string, email: string, field: readonly string[] = ['input', 'password']): UserError | null {
  const weak = (message: string) => userError('WEAK_PASSWORD', message, field);
  if (password.length < minPasswordLength) return weak(`Use at least ${minPasswordLength} characters.`);
  if (password.length > maxPasswordLength) return weak(`Use at most ${maxPasswordLength} characters.`);
  const lower = password.toLowerCase();
  if (common.has(lower)) return weak('This password is among the most common ones; choose another.');
  if (new Set(lower).size < 4) return weak('Use more different characters.');
  const name = email.split('@')[0]?.toLowerCase() ?? '';
  if (name.length >= 4 && lower.includes(name)) return weak('The password may not contain your email name.');
  return null;
}
