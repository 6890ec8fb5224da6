/** Contract requests about an endpoint's credentials beyond browser sign-ins: a typed client secret, browsing. */
import type { Handlers } from '../contract/contract.js';
import type { Endpoint } from '../contract/model.js';
import { ContractError } from '../contract/wire.js';
import type { Connector } from '../connectors/types.js';
import type { HealthMonitor } from '../health/monitor.js';
import type { SecretStore } from './secrets.js';
import { notReadyMessage, signInProvider, signInState } from './signIn.js';

type CredentialRequests = 'auth.setSecret' | 'endpoints.browse';

export interface CredentialHandlerDeps {
  secrets: SecretStore;
  health?: HealthMonitor | null;
  endpointOr404(id: number): Endpoint;
  createConnector(endpoint: Endpoint): Connector;
  changed(endpointId: number | null): void;
}

/** `auth.setSecret` and `endpoints.browse`. */
export function createCredentialHandlers(deps: CredentialHandlerDeps): Pick<Handlers, CredentialRequests> {
  return {
    'auth.setSecret': async ({ endpointId, secret }) => {
      const endpoint = deps.endpointOr404(endpointId);
      const provider = signInProvider(endpoint);
      if (provider?.kind !== 'secret') {
        throw new ContractError({
          code: 'unsupported',
          message: `"${endpoint.name}" does not keep a client secret in the app (it signs in another way, or names auth.clientSecretEnv).`,
        });
      }
      await deps.secrets.set(provider.secretKey, secret);
      // New credentials deserve a fresh chance, as after a sign-in.
      deps.health?.signedIn(endpointId);
      deps.changed(endpointId);
      return { saved: true as const };
    },
    'endpoints.browse': async ({ endpointId }) => {
      const endpoint = deps.endpointOr404(endpointId);
      const connector = deps.createConnector(endpoint);
      if (!connector.browse) {
        throw new ContractError({
          code: 'unsupported',
          message: `Choosing projects is only possible for Autodesk Construction Cloud endpoints; "${endpoint.name}" is not one.`,
        });
      }
      if ((await signInState(endpoint, deps.secrets)) === 'needed') {
        throw new ContractError({
          code: 'conflict',
          message: notReadyMessage(endpoint, signInProvider(endpoint), 'choose projects'),
        });
      }
      try {
        return await connector.browse();
      } catch (error) {
        // Autodesk's refusals (Custom Integration missing, expired sign-in) already say what to do.
        throw new ContractError({ code: 'conflict', message: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}
