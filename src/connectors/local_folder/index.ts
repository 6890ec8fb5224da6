/** The `local_folder` connector module, as the connector registry sees it. */
import type { Filters } from '../../contract/schemas.js';
import type { Connector } from '../types.js';
import { createLocalFolderConnector } from './connector.js';
import { localFolderSettingsSchema, type LocalFolderSettings } from './settings.js';

export { createLocalFolderConnector, type LocalFolderOptions } from './connector.js';
export { localFolderSettingsSchema, parseLocalFolderSettings, type LocalFolderSettings } from './settings.js';

/** Type, settings schema and factory of the local-folder connector. */
export const localFolder = {
  type: 'local_folder' as const,
  settingsSchema: localFolderSettingsSchema,
  create: (settings: LocalFolderSettings, filters: Filters): Connector => createLocalFolderConnector(settings, filters),
};
