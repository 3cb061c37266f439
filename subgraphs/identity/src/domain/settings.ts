import type { UserSettings } from '../db/types.ts';

export type ResolvedSettings = Required<UserSettings>;

/** Private by default: nothing is shown or mailed that the user did not choose. */
export const defaultSettings: ResolvedSettings = {
  profileVisibility: 'members',
  showEmailToEmployers: false,
  searchable: false,
  marketingEmails: false,
  productEmails: true,
  weekStartsOn: 'monday',
};

export function resolveSettings(stored: UserSettings): ResolvedSettings {
  return { ...defaultSettings, ...stored };
}

/** The stored settings with the given ones applied; undefined and null leave a setting as it is. */
export function mergeSettings(stored: UserSettings, changes: { readonly [K in keyof UserSettings]?: UserSettings[K] | null }): { settings: UserSettings; changed: string[] } {
  const settings: Record<string, unknown> = { ...stored };
  const changed: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null) continue;
    if (resolveSettings(stored)[key as keyof UserSettings] !== value) changed.push(key);
    settings[key] = value;
  }
  return { settings: settings as UserSettings, changed };
}
