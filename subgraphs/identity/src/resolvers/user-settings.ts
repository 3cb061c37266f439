import type { ResolvedSettings } from '../domain/settings.ts';
import type { ProfileVisibility, UserSettings, Weekday } from '../generated/resolvers.ts';

export function toSettingsView(settings: ResolvedSettings): UserSettings {
  return {
    profileVisibility: settings.profileVisibility.toUpperCase() as ProfileVisibility,
    searchable: settings.searchable,
    showEmailToEmployers: settings.showEmailToEmployers,
    marketingEmails: settings.marketingEmails,
    productEmails: settings.productEmails,
    weekStartsOn: settings.weekStartsOn.toUpperCase() as Weekday,
  };
}
