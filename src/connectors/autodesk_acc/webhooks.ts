/**
 * Autodesk webhooks for a `webhook` endpoint: a hook per Data Management event on each top folder the endpoint
 * syncs (hooks cover their folder's whole subtree), created in the hub's region and signed with the endpoint's
 * secret. The secret is set on each hook (not app-wide with `POST /webhooks/v1/tokens`), so other hooks of the
 * same app keep theirs. Registering lists the app's hooks first, so running it again never duplicates one.
 */
import { z } from 'zod';
import type { ConnectorHooks, HookSubscription } from '../types.js';
import { HookRegistrationError } from '../types.js';
import { ApsHttpError, type ApsClient } from './client.js';
import { FolderScope } from './filters.js';
import { listHubs, listProjects, projectMatches } from './hubs.js';
import type { AutodeskAccSettings } from './settings.js';
import { folderSchema, parseWire } from './wire.js';

/** Every event that changes what the catalog shows. */
export const HOOK_EVENTS = [
  'dm.version.added',
  'dm.version.modified',
  'dm.version.deleted',
  'dm.version.moved',
  'dm.version.copied',
  'dm.folder.added',
  'dm.folder.modified',
  'dm.folder.deleted',
  'dm.folder.moved',
] as const;

/** Marks hooks as File Connector's in Autodesk's own listing (`hookAttribute` is returned with each hook). */
const MARKER = { createdBy: 'File Connector' };

/** A top folder to watch. */
interface Target {
  folderId: string;
  /** Project name and folder name, for people. */
  path: string;
  region: string;
  hubId: string;
  projectId: string;
}

const hookSchema = z.looseObject({
  hookId: z.string().min(1),
  event: z.string(),
  callbackUrl: z.string(),
  status: z.string().nullish(),
  scope: z.looseObject({ folder: z.string().nullish() }).nullish(),
  hookAttribute: z.looseObject({ createdBy: z.unknown().optional() }).nullish(),
});
type Hook = z.infer<typeof hookSchema> & { region: string };

const hookListSchema = z.looseObject({
  data: z.array(z.unknown()).nullish(),
  links: z.looseObject({ next: z.string().nullish() }).nullish(),
});

const keyOf = (event: string, folder: string) => `${event}\n${folder}`;

export interface AccHooksDeps {
  settings: AutodeskAccSettings;
  /** A client whose token may create hooks (app credentials ask for data:write and data:create as well). */
  connect(): ApsClient;
}

/** The Autodesk side of `ConnectorHooks`. */
export function createAccHooks(deps: AccHooksDeps): ConnectorHooks {
  const { settings } = deps;
  const base = (path: string) => new URL(`/webhooks/v1${path}`, settings.apiBaseUrl).toString();
  const hookUrl = (event: string, hookId = '') =>
    base(`/systems/data/events/${encodeURIComponent(event)}/hooks${hookId ? `/${encodeURIComponent(hookId)}` : ''}`);

  /** Every hook the credentials own in `region`, page by page. */
  async function listHooks(client: ApsClient, region: string): Promise<Hook[]> {
    const hooks: Hook[] = [];
    const seen = new Set<string>();
    for (let url: string | null = base('/systems/data/hooks'); url;) {
      if (seen.has(url)) throw new Error(`Autodesk's hook list links back to a page already read (${url}).`);
      seen.add(url);
      const reply = await client.request('webhooks', 'GET', url, { headers: regionHeaders(region) });
      const doc = parseWire(hookListSchema, parseJson(reply.text), 'hook list');
      for (const item of doc.data ?? [])
        hooks.push({ ...parseWire(hookSchema, item, 'hook in the hook list'), region });
      url = nextPage(url, doc.links?.next ?? null, settings.apiBaseUrl);
    }
    return hooks;
  }

  /** Creates a hook; null when Autodesk answers that it exists already (409). */
  async function createHook(client: ApsClient, event: string, target: Target, callbackUrl: string) {
    const reply = await client.request('webhookCreate', 'POST', hookUrl(event), {
      headers: regionHeaders(target.region),
      body: {
        callbackUrl,
        scope: { folder: target.folderId },
        hubId: target.hubId,
        projectId: target.projectId,
        hookAttribute: MARKER,
        // A hook that failed to deliver (the tunnel was down) comes back by itself.
        autoReactivateHook: true,
      },
      expect: [409],
    });
    if (reply.status === 409) return null;
    const hookId = reply.location?.replace(/\/+$/, '').split('/').pop();
    if (!hookId) throw new Error(`Autodesk created a ${event} hook but did not say its id (no Location header).`);
    return hookId;
  }

  /** Signs the hook with `secret` and makes sure it is active. */
  async function secure(client: ApsClient, hook: { event: string; hookId: string; region: string }, secret: string) {
    await client.request('webhooks', 'PATCH', hookUrl(hook.event, hook.hookId), {
      headers: regionHeaders(hook.region),
      body: { token: secret, status: 'active', autoReactivateHook: true },
    });
  }

  /** Deletes a hook; one Autodesk no longer has counts as deleted. */
  async function deleteHook(client: ApsClient, hook: { event: string; hookId: string; region: string }) {
    await client.request('webhooks', 'DELETE', hookUrl(hook.event, hook.hookId), {
      headers: regionHeaders(hook.region),
      expect: [404],
    });
  }

  return {
    service: 'autodesk',

    async register({ callbackUrl, secret, previous }) {
      const client = deps.connect();
      const held = new Map<string, HookSubscription>();
      const earlier = previous?.subscriptions ?? [];
      try {
        const targets = await topFolders(client, settings);
        const listed = new Map<string, Hook[]>();
        const hooksIn = async (region: string, fresh = false) => {
          if (fresh || !listed.has(region)) listed.set(region, await listHooks(client, region));
          return listed.get(region)!.filter((h) => h.callbackUrl === callbackUrl);
        };
        const wanted = new Set<string>();
        for (const target of targets) {
          for (const event of HOOK_EVENTS) {
            wanted.add(keyOf(event, target.folderId));
            const find = async (fresh: boolean) =>
              (await hooksIn(target.region, fresh)).find(
                (h) => h.event === event && h.scope?.folder === target.folderId,
              );
            let hookId = (await find(false))?.hookId ?? (await createHook(client, event, target, callbackUrl));
            // 409: it exists although the first listing did not show it (created meanwhile): list again.
            hookId ??= (await find(true))?.hookId ?? null;
            if (!hookId) {
              throw new Error(
                `Autodesk says a ${event} hook on "${target.path}" calling ${callbackUrl} exists, but does not list it for ` +
                  'these credentials (another user or app made it): remove it there, or register another address.',
              );
            }
            const hook = { event, hookId, region: target.region, callbackUrl };
            held.set(hookId, subscription(hook, target));
            await secure(client, hook, secret);
          }
        }
        // What this registration held before but no longer wants (another address, a folder out of scope),
        // and File Connector's own hooks on this address for folders no longer synced.
        const stale = [
          ...earlier.filter((s) => !held.has(s.id)),
          ...[...listed.values()]
            .flat()
            .filter(
              (h) =>
                h.callbackUrl === callbackUrl &&
                h.hookAttribute?.createdBy === MARKER.createdBy &&
                !wanted.has(keyOf(h.event, h.scope?.folder ?? '')) &&
                !held.has(h.hookId),
            )
            .map((h) => subscription(h, null)),
        ];
        for (const s of stale) {
          held.set(s.id, s);
          await deleteHook(client, hookOf(s));
          held.delete(s.id);
        }
        return [...held.values()];
      } catch (error) {
        for (const s of earlier) if (!held.has(s.id)) held.set(s.id, s);
        throw new HookRegistrationError(explain(error, 'register hooks'), [...held.values()], { cause: error });
      }
    },

    async remove(subscriptions) {
      const client = deps.connect();
      const left: HookSubscription[] = [];
      let failure: unknown = null;
      for (const s of subscriptions) {
        try {
          await deleteHook(client, hookOf(s));
        } catch (error) {
          failure ??= error;
          left.push(s);
        }
      }
      if (failure) throw new HookRegistrationError(explain(failure, 'remove hooks'), left, { cause: failure });
    },
  };
}

/** The top folders of every project the endpoint syncs, as the crawl would visit them. */
async function topFolders(client: ApsClient, settings: AutodeskAccSettings): Promise<Target[]> {
  const scope = new FolderScope(settings.scope.folders);
  let hubs = await listHubs(client, settings.auth.clientId, () => undefined);
  const hubId = settings.scope.hubId;
  if (hubId) hubs = hubs.filter((h) => h.id === hubId || h.id === `b.${hubId}`);
  const targets: Target[] = [];
  for (const hub of hubs) {
    for (const project of await listProjects(client, hub.id)) {
      const known = { id: project.id, name: project.attributes.name };
      if (settings.scope.projects.length && !settings.scope.projects.some((w) => projectMatches(w, known))) continue;
      if (!scope.visits(known.name)) continue;
      const url = client.url(
        `/project/v1/hubs/${encodeURIComponent(hub.id)}/projects/${encodeURIComponent(project.id)}/topFolders` +
          (settings.includeHidden ? '?includeHidden=true' : ''),
      );
      for await (const doc of client.pages('topFolders', url, `top folders of project "${known.name}"`)) {
        for (const r of doc.data) {
          if (r.type !== 'folders') continue;
          const folder = parseWire(folderSchema, r, `top folder of project "${known.name}"`);
          const path = `${known.name}/${folder.attributes.name}`;
          if ((folder.attributes.hidden && !settings.includeHidden) || !scope.visits(path)) continue;
          const region = hub.attributes.region ?? 'US';
          targets.push({ folderId: folder.id, path, region, hubId: hub.id, projectId: project.id });
        }
      }
    }
  }
  if (targets.length === 0) {
    throw new Error(
      'These credentials see no project folder to watch (check scope.hubId, scope.projects and scope.folders).',
    );
  }
  return targets;
}

function subscription(
  hook: { event: string; hookId: string; region: string; callbackUrl: string },
  target: Target | null,
): HookSubscription {
  return {
    id: hook.hookId,
    description: `${hook.event} on ${target?.path ?? 'a folder no longer synced'}`,
    expiresAt: null,
    renewAt: null,
    details: {
      event: hook.event,
      region: hook.region,
      folder: target?.folderId ?? null,
      callbackUrl: hook.callbackUrl,
    },
  };
}

function hookOf(s: HookSubscription): { event: string; hookId: string; region: string } {
  return { event: s.details.event ?? '', hookId: s.id, region: s.details.region ?? 'US' };
}

function regionHeaders(region: string): Record<string, string> {
  return { accept: 'application/json', 'x-ads-region': region };
}

/** The next page's URL from `links.next`: a URL, a path, or a bare `pageState` value. */
function nextPage(current: string, next: string | null, apiBaseUrl: string): string | null {
  if (!next) return null;
  if (/^(https?:)?\//.test(next)) {
    const url = new URL(next, apiBaseUrl);
    // The bearer token must never go to another host, whatever a reply says.
    if (url.origin !== new URL(apiBaseUrl).origin) {
      throw new Error(`Autodesk's hook list points its next page at another host (${url.origin}).`);
    }
    return url.toString();
  }
  const url = new URL(current);
  url.searchParams.set('pageState', next);
  return url.toString();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('Autodesk answered the hook list with something that is not JSON.');
  }
}

/** What went wrong, with what to do about a refusal. */
function explain(error: unknown, what: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApsHttpError && error.status === 403) {
    return (
      `Autodesk refused to ${what}: ${message} Creating hooks needs the Webhooks API enabled for the app and a token ` +
      'that may write (with app credentials, auth.type client_credentials, File Connector asks for data:write; a ' +
      'personal sign-in, auth.type pkce, grants File Connector read access only). Use app credentials that can ' +
      'see these projects, or keep an interval schedule.'
    );
  }
  return `Could not ${what} with Autodesk: ${message}`;
}
