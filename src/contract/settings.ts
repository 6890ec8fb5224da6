/** The app's own settings (start at login, notifications), kept by the core in `settings.json`. Browser-safe. */
import { z } from 'zod';

const fields = {
  /** Start File Connector, hidden in the tray, when the user logs in (desktop app only). */
  startAtLogin: z.boolean(),
  /** Notify when a sync fails or an endpoint needs a new sign-in. */
  notifyOnFailure: z.boolean(),
  /** Notify when files change in the endpoints listed in `watchedEndpointIds`. */
  notifyOnChanges: z.boolean(),
  watchedEndpointIds: z.array(z.number().int().positive()).max(1000),
};

export const appSettingsSchema = z.object({
  startAtLogin: fields.startAtLogin.default(false),
  notifyOnFailure: fields.notifyOnFailure.default(true),
  notifyOnChanges: fields.notifyOnChanges.default(false),
  watchedEndpointIds: fields.watchedEndpointIds.default([]),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

/** `settings.update`: any of the fields; the rest stay as they are. */
export const appSettingsUpdateSchema = z.strictObject(fields).partial();
export type AppSettingsUpdate = z.infer<typeof appSettingsUpdateSchema>;

/** Pages a notification or the tray can open in the window (`app.navigate`). */
export type NavigatePage = 'endpoints' | 'files' | 'activity' | 'settings';

export interface NavigateTarget {
  page: NavigatePage;
  /** The endpoint the page should show, when there is one. */
  endpointId?: number;
}
