/** Hubs and projects: the top of every crawl and the health check, with the Custom Integration hint. */
import type { ApsClient } from './client.js';
import { ApsHttpError } from './client.js';
import { hubSchema, parseWire, projectSchema, type Hub, type Project } from './wire.js';

/** The app is not allowed in the account: only an account admin can fix that, and this says how. */
export class CustomIntegrationError extends Error {
  constructor(clientId: string, reason: string) {
    super(
      `Autodesk did not list any hub (${reason}): this app is not yet allowed in your ACC / BIM 360 account. ` +
        `An account admin must add it as a Custom Integration: in Autodesk Construction Cloud open Account Admin > ` +
        `Custom Integrations > Add custom integration (BIM 360: Account Admin > Settings > Custom Integrations), ` +
        `and enter the client id ${clientId}. Then sync again.`,
    );
    this.name = 'CustomIntegrationError';
  }
}

/** A short description of BIM360DM-style warnings in `meta.warnings`. */
function warningText(warnings: unknown[]): string {
  const first = warnings[0] as { Title?: unknown; title?: unknown; Detail?: unknown } | undefined;
  const title = first?.Title ?? first?.title;
  return typeof title === 'string' ? `"${title.slice(0, 200)}"` : 'a warning';
}

/** The hubs the credentials see; throws a `CustomIntegrationError` when Autodesk refuses or warns instead. */
export async function listHubs(
  client: ApsClient,
  clientId: string,
  onWarning: (message: string) => void,
): Promise<Hub[]> {
  const hubs: Hub[] = [];
  const warnings: unknown[] = [];
  try {
    for await (const doc of client.pages('hubs', client.url('/project/v1/hubs'), 'hub list')) {
      for (const r of doc.data) hubs.push(parseWire(hubSchema, r, 'hub in the hub list'));
      warnings.push(...(doc.meta?.warnings ?? []));
    }
  } catch (error) {
    if (error instanceof ApsHttpError && error.status === 403) {
      throw new CustomIntegrationError(clientId, `403 Forbidden${error.code ? ` ${error.code}` : ''}`);
    }
    throw error;
  }
  if (warnings.length && hubs.length === 0) throw new CustomIntegrationError(clientId, warningText(warnings));
  if (warnings.length) {
    onWarning(
      `Autodesk listed ${hubs.length} hub(s) but warned ${warningText(warnings)}: some accounts may be missing until ` +
        `an account admin adds client id ${clientId} as a Custom Integration.`,
    );
  }
  return hubs;
}

/** The projects of a hub, every page. */
export async function listProjects(client: ApsClient, hubId: string): Promise<Project[]> {
  const projects: Project[] = [];
  const url = client.url(`/project/v1/hubs/${encodeURIComponent(hubId)}/projects?page[limit]=200`);
  for await (const doc of client.pages('projects', url, `project list of hub ${hubId}`)) {
    for (const r of doc.data) projects.push(parseWire(projectSchema, r, `project in hub ${hubId}`));
  }
  return projects;
}

/** A hub and the projects in it, as the health check and the project picker show them. */
export interface HubListing {
  id: string;
  name: string;
  region: string | null;
  projects: { id: string; name: string }[];
}

/** Every hub the credentials see (or only `hubId`) with its projects. */
export async function listHubsWithProjects(client: ApsClient, clientId: string, hubId?: string): Promise<HubListing[]> {
  let hubs = await listHubs(client, clientId, () => undefined);
  if (hubId) hubs = hubs.filter((h) => h.id === hubId);
  const listings: HubListing[] = [];
  for (const hub of hubs) {
    const projects = await listProjects(client, hub.id);
    listings.push({
      id: hub.id,
      name: hub.attributes.name,
      region: hub.attributes.region ?? null,
      projects: projects.map((p) => ({ id: p.id, name: p.attributes.name })),
    });
  }
  return listings;
}

/** True when a `scope.projects` entry names this project (by id, id without the `b.` prefix, or name). */
export function projectMatches(entry: string, project: { id: string; name: string }): boolean {
  const e = entry.trim();
  return e === project.id || `b.${e}` === project.id || e.toLowerCase() === project.name.trim().toLowerCase();
}
