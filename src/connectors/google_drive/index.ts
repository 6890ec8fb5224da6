/** The `google_drive` connector module, as the connector registry sees it. */
import type { Filters } from '../../contract/schemas.js';
import type { Connector } from '../types.js';
import { createGoogleDriveConnector, type GoogleDriveOptions } from './connector.js';
import { googleDriveSettingsSchema, type GoogleDriveSettings } from './settings.js';

export { createGoogleDriveConnector, type GoogleDriveOptions } from './connector.js';
export { googleDriveSettingsSchema, parseGoogleDriveSettings, type GoogleDriveSettings } from './settings.js';

/** Type, settings schema and factory of the Google Drive connector. */
export const googleDrive = {
  type: 'google_drive' as const,
  settingsSchema: googleDriveSettingsSchema,
  create: (settings: GoogleDriveSettings, filters: Filters, options?: GoogleDriveOptions): Connector =>
    createGoogleDriveConnector(settings, filters, options),
};
