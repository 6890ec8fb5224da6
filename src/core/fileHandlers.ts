/** The file browser's requests: pages, one file, filter facets, live versions, showing a local file's folder. */
import path from 'node:path';
import type { Handlers } from '../contract/contract.js';
import type { CatalogFile, Endpoint } from '../contract/model.js';
import { localFolderSettingsSchema } from '../contract/schemas.js';
import { ContractError } from '../contract/wire.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Connector } from '../connectors/types.js';
import { isAuthFailure } from '../health/authErrors.js';
import type { HealthMonitor } from '../health/monitor.js';
import type { SecretStore } from './secrets.js';
import { notReadyMessage, signInProvider, signInState } from './signIn.js';

export interface FileHandlerDeps {
  catalog: Catalog;
  secrets: SecretStore;
  health?: HealthMonitor | null;
  createConnector(endpoint: Endpoint): Connector;
  /** Shows a folder in the file manager (desktop only). */
  openPath?: (folder: string) => Promise<void>;
}

type FileRequests =
  'files.query' | 'files.count' | 'files.get' | 'files.facets' | 'files.versions' | 'files.showInFolder';

export function createFileHandlers(deps: FileHandlerDeps): Pick<Handlers, FileRequests> {
  const { catalog } = deps;
  const fileOr404 = (rowId: number): CatalogFile => {
    const file = catalog.files.get(rowId);
    if (!file) {
      throw new ContractError({ code: 'not_found', message: `No file with id ${rowId}. It may have been removed.` });
    }
    return file;
  };
  const endpointOf = (file: CatalogFile): Endpoint => {
    const endpoint = catalog.endpoints.get(file.endpointId);
    if (!endpoint) throw new ContractError({ code: 'not_found', message: `The endpoint of "${file.name}" is gone.` });
    return endpoint;
  };

  return {
    'files.query': async (query) => catalog.files.query(query),
    'files.count': async (query) => ({
      total: catalog.files.count({ ...query, sort: 'path', direction: 'asc', offset: 0, limit: 1 }),
    }),
    'files.get': async ({ rowId }) => ({ file: fileOr404(rowId), history: catalog.files.history(rowId) }),
    'files.facets': async ({ endpointIds }) => catalog.files.facets(endpointIds),

    'files.versions': async ({ rowId }) => {
      const file = fileOr404(rowId);
      const endpoint = endpointOf(file);
      const connector = deps.createConnector(endpoint);
      if (!connector.versions || file.isFolder) {
        throw new ContractError({
          code: 'unsupported',
          message: `"${file.name}" has no version list: only files in Autodesk Construction Cloud keep one.`,
        });
      }
      if ((await signInState(endpoint, deps.secrets)) === 'needed' || deps.health?.get(endpoint.id)?.authFailed) {
        throw new ContractError({
          code: 'unauthorized',
          message: `Sign in again to see versions: ${notReadyMessage(endpoint, signInProvider(endpoint), 'open this file again')}`,
        });
      }
      try {
        return await connector.versions({ ...file, sourceId: file.id });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (isAuthFailure(message)) {
          throw new ContractError({
            code: 'unauthorized',
            message: `Sign in again to see versions: ${message}`,
          });
        }
        throw new ContractError({ code: 'internal', message: `The versions could not be read: ${message}` });
      }
    },

    'files.showInFolder': async ({ rowId }) => {
      const file = fileOr404(rowId);
      const endpoint = endpointOf(file);
      if (!deps.openPath) {
        throw new ContractError({
          code: 'unsupported',
          message: 'Showing a file in its folder needs the desktop app. Copy the path instead.',
        });
      }
      const settings = localFolderSettingsSchema.safeParse(endpoint.settings);
      if (endpoint.type !== 'local_folder' || !settings.success) {
        throw new ContractError({
          code: 'unsupported',
          message: `"${file.name}" is not in a local or network folder: open it at its source instead.`,
        });
      }
      // Catalog paths are slash-separated and relative to the endpoint's folder, which they never leave.
      const root = path.resolve(settings.data.path);
      const folder = path.resolve(root, ...path.posix.dirname(file.path).split('/'));
      if (folder !== root && !folder.startsWith(root + path.sep)) {
        throw new ContractError({ code: 'invalid_request', message: `"${file.path}" points outside its folder.` });
      }
      await deps.openPath(folder);
      return { opened: true as const };
    },
  };
}
