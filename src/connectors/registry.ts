/** Which connector serves which endpoint type. */
import type { Endpoint } from '../contract/model.js';
import type { EndpointType } from '../contract/schemas.js';
import { googleDrive } from './google_drive/index.js';
import { localFolder } from './local_folder/index.js';
import type { Connector } from './types.js';

export const endpointTypeLabels: Record<EndpointType, string> = {
  local_folder: 'Local or network folder',
  google_drive: 'Google Drive',
  autodesk_acc: 'Autodesk Construction Cloud',
};

/** Builds the connector for an endpoint, or throws an error that says why it cannot. */
export function createConnector(endpoint: Endpoint): Connector {
  switch (endpoint.type) {
    case 'local_folder':
      return localFolder.create(localFolder.settingsSchema.parse(endpoint.settings), endpoint.filters);
    case 'google_drive':
      return googleDrive.create(googleDrive.settingsSchema.parse(endpoint.settings), endpoint.filters);
    default:
      throw new Error(
        `The ${endpointTypeLabels[endpoint.type]} connector is not available in this version of File Connector yet.`,
      );
  }
}
