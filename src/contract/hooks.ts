/**
 * Registering webhooks with the services (Autodesk hooks, Google Drive watch channels): what the contract
 * takes and answers, and the rules for the public address. Browser-safe: the UI previews the same address.
 */
import { z } from 'zod';

/** Which service holds an endpoint's webhook registration. */
export type HookService = 'autodesk' | 'google';

/** One thing the service holds for File Connector: an Autodesk hook or a Drive watch channel. */
export interface HookSubscriptionInfo {
  /** The service's id of it (Autodesk hook id, Drive channel id). */
  id: string;
  /** What it watches, for people: `dm.version.added on Tower A/Project Files`, `My Drive`. */
  description: string;
  /** When the service drops it (Drive channels; renewed before then while the app runs); null: until removed. */
  expiresAt: string | null;
}

/** An endpoint's webhook registration as front ends show it. Holds nothing secret. */
export interface HookRegistration {
  endpointId: number;
  endpointName: string;
  service: HookService;
  /** The address the service calls: the public URL of `/hooks/<endpoint id>`. */
  callbackUrl: string;
  registeredAt: string;
  subscriptions: HookSubscriptionInfo[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why `url` cannot be a public webhook address, or null when it can: https (plain http only on loopback,
 * for local tests), no credentials, query or fragment.
 */
export function publicUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL: give the public https address of the tunnel or proxy, e.g. https://files.example.com`;
  }
  const loopback = LOOPBACK_HOSTS.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    return `must start with https:// (Autodesk and Google call only https addresses; plain http is accepted for 127.0.0.1 and localhost only)`;
  }
  if (parsed.username || parsed.password) return 'must not contain a user name or password';
  if (parsed.search || parsed.hash) return 'must not have a ?query or #fragment';
  return null;
}

/**
 * The address the service must call for an endpoint: `url` itself when it already ends in `/hooks/<this
 * endpoint's id or name>`, else `url` with `/hooks/<endpoint id>` appended (the id survives a rename). Throws
 * when `url` names another endpoint.
 */
export function hookCallbackUrl(url: string, endpoint: { id: number; name: string }): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '');
  const named = /\/hooks\/([^/]+)$/.exec(path);
  if (named) {
    let target: string;
    try {
      target = decodeURIComponent(named[1]!);
    } catch {
      target = named[1]!;
    }
    if (target !== String(endpoint.id) && target !== endpoint.name) {
      throw new Error(
        `${url} calls /hooks/${named[1]}, which is not "${endpoint.name}" (id ${endpoint.id}): give the base address of the tunnel instead`,
      );
    }
    parsed.pathname = path;
    return parsed.toString();
  }
  parsed.pathname = `${path}/hooks/${endpoint.id}`;
  return parsed.toString();
}

/** The public address as requests take it: trimmed, at most 2000 characters, https (loopback: http). */
export const publicUrlSchema = z
  .string()
  .trim()
  .min(1, 'is required: the public https address that reaches File Connector')
  .max(2000, 'must be at most 2000 characters')
  .superRefine((url, ctx) => {
    const problem = publicUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
