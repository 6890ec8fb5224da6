/**
 * The app's own settings (start at login, notifications, the desktop webhook listener, theme, retention), kept by
 * the core in `settings.json`. Browser-safe.
 */
import { z } from 'zod';

/** The desktop webhook listener's port unless the user picks another. */
export const DEFAULT_HOOK_LISTENER_PORT = 4320;

/** `system` follows the operating system's light or dark appearance. */
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** How long history is kept unless the user chooses otherwise. */
export const DEFAULT_RETENTION = { logDays: 30, runDays: 90 } as const;
/** The longest retention offered: ten years is "keep everything" for a catalog's lifetime. */
export const MAX_RETENTION_DAYS = 3650;

const retentionDays = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`);

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
  /** The window's colours. */
  theme: z.enum(themes),
  /** Log entries (and performance samples) and finished sync runs (with their changes) older than this are removed. */
  retention: z.strictObject({ logDays: retentionDays, runDays: retentionDays }),
};

export const appSettingsSchema = z.object({
  startAtLogin: fields.startAtLogin.default(false),
  notifyOnFailure: fields.notifyOnFailure.default(true),
  notifyOnChanges: fields.notifyOnChanges.default(false),
  watchedEndpointIds: fields.watchedEndpointIds.default([]),
  webhookListener: fields.webhookListener.default({ enabled: false, port: DEFAULT_HOOK_LISTENER_PORT }),
  theme: fields.theme.default('system'),
  retention: fields.retention.default({ ...DEFAULT_RETENTION }),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

/** `settings.update`: any of the fields; the rest stay as they are. */
export const appSettingsUpdateSchema = z.strictObject(fields).partial();
export type AppSettingsUpdate = z.infer<typeof appSettingsUpdateSchema>;

/** Pages a notification or the tray can open in the window (`app.navigate`). */
export type NavigatePage = 'overview' | 'files' | 'activity' | 'performance' | 'endpoints' | 'settings';

export interface NavigateTarget {
  page: NavigatePage;
  /** The endpoint the page should show, when there is one. */
  endpointId?: number;
}
