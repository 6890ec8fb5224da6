/** The `autodesk_acc` connector module, as the connector registry sees it. */
import type { Filters } from '../../contract/schemas.js';
import type { Connector } from '../types.js';
import { createAutodeskAccConnector, type AutodeskAccOptions } from './connector.js';
import { autodeskAccSettingsSchema, type AutodeskAccSettings } from './settings.js';

export { createAutodeskAccConnector, type AutodeskAccOptions } from './connector.js';
export { CustomIntegrationError } from './hubs.js';
export { clientSecretKey, refreshTokenKey, secretTokenStore, signInWithAutodesk } from './signIn.js';
export { FileTokenStore, MemoryTokenStore, type TokenStore } from './tokenStore.js';
export {
  autodeskAccSettingsSchema,
  DEFAULT_RATE_LIMITS,
  parseAutodeskAccSettings,
  type AutodeskAccSettings,
} from './settings.js';

/** Type, settings schema and factory of the Autodesk Construction Cloud connector. */
export const autodeskAcc = {
  type: 'autodesk_acc' as const,
  settingsSchema: autodeskAccSettingsSchema,
  create: (settings: AutodeskAccSettings, filters: Filters, options?: AutodeskAccOptions): Connector =>
    createAutodeskAccConnector(settings, filters, options),
};
