/** Contract requests about webhook registrations with Autodesk and Google: list, register, remove. */
import type { Handlers } from '../contract/contract.js';
import type { HookRegistrar } from '../webhooks/registration.js';

type HookRequests = 'hooks.list' | 'hooks.register' | 'hooks.remove';

/** `hooks.list`, `hooks.register` and `hooks.remove`, answered by the registrar. */
export function createHookHandlers(registrar: HookRegistrar): Pick<Handlers, HookRequests> {
  return {
    'hooks.list': async ({ endpointId }) => registrar.list(endpointId),
    'hooks.register': ({ endpointId, url }) => registrar.register(endpointId, url),
    'hooks.remove': ({ endpointId }) => registrar.remove(endpointId),
  };
}
