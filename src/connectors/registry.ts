/** Which connector serves which endpoint type. */
import type { Endpoint } from '../contract/model.js';
import type { EndpointType } from '../contract/schemas.js';
import type { SecretStore } from '../core/secrets.js';
import { googleDrive } from './google_drive/index.js';
import { storedRefreshToken } from './google_drive/signIn.js';
import { autodeskAcc, clientSecretKey, secretTokenStore } from './autodesk_acc/index.js';
import { localFolder } from './local_folder/index.js';
import type { Connector } from './types.js';

export const endpointTypeLabels: Record<EndpointType, string> = {
  local_folder: 'Local or network folder',
  google_drive: 'Google Drive',
  autodesk_acc: 'Autodesk Construction Cloud',
};

/** What connectors may need from their host. */
export interface ConnectorDeps {
  /** Where the desktop app keeps sign-in secrets (encrypted by the OS). */
  secrets: SecretStore;
}

/** Builds the connector for an endpoint, or throws an error that says why it cannot. */
export function createConnector(endpoint: Endpoint, deps: ConnectorDeps): Connector {
  switch (endpoint.type) {
    case 'local_folder':
      return localFolder.create(localFolder.settingsSchema.parse(endpoint.settings), endpoint.filters);
    case 'autodesk_acc':
      return autodeskAcc.create(autodeskAcc.settingsSchema.parse(endpoint.settings), endpoint.filters, {
        tokenStore: secretTokenStore(deps.secrets, endpoint.id),
        loadClientSecret: () => deps.secrets.get(clientSecretKey(endpoint.id)),
      });
    case 'google_drive':
      return googleDrive.create(googleDrive.settingsSchema.parse(endpoint.settings), endpoint.filters, {
        loadRefreshToken: storedRefreshToken(deps.secrets, endpoint.id),
        // The next run of this endpoint reuses a valid access token instead of asking Google first.
        tokenCacheKey: `google_drive:${endpoint.id}`,
      });
    default:
      throw new Error(
        `The ${endpointTypeLabels[endpoint.type]} connector is not available in this version of File Connector yet.`,
      );
  }
}
