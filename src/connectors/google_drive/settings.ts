/** Settings of a Google Drive endpoint; the schema lives in the contract so the UI can use it. */
import { googleDriveSettingsSchema, type GoogleDriveSettings } from '../../contract/schemas.js';

export { googleDriveSettingsSchema };
export type { GoogleDriveSettings };

/** Validates raw settings and applies defaults (My Drive and all shared drives, 10 requests/s). */
export function parseGoogleDriveSettings(input: unknown): GoogleDriveSettings {
  return googleDriveSettingsSchema.parse(input);
}
