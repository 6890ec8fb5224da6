/** Settings of a local (or network-share) folder endpoint; the schema lives in the contract so the UI can use it. */
import { localFolderSettingsSchema, type LocalFolderSettings } from '../../contract/schemas.js';

export { localFolderSettingsSchema };
export type { LocalFolderSettings };

/** Validates raw settings and applies defaults (`recursive: true`, `followSymlinks: false`). */
export function parseLocalFolderSettings(input: unknown): LocalFolderSettings {
  return localFolderSettingsSchema.parse(input);
}
