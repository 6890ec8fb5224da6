/** The app's own settings (start at login, notifications, the desktop webhook listener), kept by the core in `settings.json`. Browser-safe. */
import { z } from 'zod';

/** The desktop webhook listener's port unless the user picks another. */
export const DEFAULT_HOOK_LISTENER_PORT = 4320;

const fields = {
  /** Start File Connector, hidden in the tray, when the user logs in (desktop app only). */
  startAtLogin: z.boolean(),
  /** Notify when a sync fails or an endpoint needs a new sign-in. */
  notifyOnFailure: z.boolean(),
  /** Notify when files change in the endpoints listed in `watchedEndpointIds`. */
  notifyOnChanges: z.boolean(),
  watchedEndpointIds: z.array(z.number().int().positive()).max(1000),
  /** The desktop app's loopback webhook listener (`POST /hooks/<endpoint>` on 127.0.0.1:port), for a tunnel. */
  webhookListener: z.strictObject({ enabled: z.boolean(), port: z.number().int().min(1).max(65535) }),
};

export const appSettingsSchema = z.object({
  startAtLogin: fields.startAtLogin.default(false),
  notifyOnFailure: fields.notifyOnFailure.default(true),
  notifyOnChanges: fields.notifyOnChanges.default(false),
  watchedEndpointIds: fields.watchedEndpointIds.default([]),
  webhookListener: fields.webhookListener.default({ enabled: false, port: DEFAULT_HOOK_LISTENER_PORT }),
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
