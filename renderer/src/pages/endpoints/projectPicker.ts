/** What "Choose projects" saves: the chosen projects as the ACC scope, in the terms the connector matches. */
import type { BrowseHub, EndpointSummary } from '../../../../src/contract/model';
import type { EndpointInput } from '../../../../src/contract/schemas';

/** The ACC scope the form and the connector know. */
export interface AccScope {
  hubId?: string;
  projects: string[];
}

/** The ids of the projects the endpoint's scope names now. */
export function initiallyChosen(hubs: BrowseHub[]): Set<string> {
  return new Set(hubs.flatMap((h) => h.projects.filter((p) => p.selected).map((p) => p.id)));
}

/**
 * The scope for the chosen project ids. Projects are saved by name, which reads well on the card and in the form,
 * unless two visible projects share it: then by id. One hub (or all chosen in one) becomes `hubId`.
 */
export function scopeFor(hubs: BrowseHub[], chosen: ReadonlySet<string>, currentHubId?: string): AccScope {
  const all = hubs.flatMap((h) => h.projects.map((p) => ({ ...p, hubId: h.id })));
  const counts = new Map<string, number>();
  for (const p of all) counts.set(p.name.trim().toLowerCase(), (counts.get(p.name.trim().toLowerCase()) ?? 0) + 1);
  const picked = all.filter((p) => chosen.has(p.id));
  const projects = picked.map((p) => ((counts.get(p.name.trim().toLowerCase()) ?? 0) > 1 ? p.id : p.name));
  const pickedHubs = new Set(picked.map((p) => p.hubId));
  let hubId: string | undefined;
  if (hubs.length === 1) hubId = hubs[0]!.id;
  else if (pickedHubs.size === 1) hubId = [...pickedHubs][0];
  else if (picked.length === 0) hubId = currentHubId;
  return { ...(hubId ? { hubId } : {}), projects };
}

/** The endpoint as stored, with `scope` replacing its hub and projects (its folders stay). */
export function withAccScope(endpoint: EndpointSummary, scope: AccScope): EndpointInput {
  const rest = { ...(endpoint.settings.scope as Record<string, unknown> | undefined) };
  delete rest.hubId;
  delete rest.projects;
  return {
    name: endpoint.name,
    type: endpoint.type,
    settings: { ...endpoint.settings, scope: { ...rest, ...scope } },
    filters: endpoint.filters,
    schedule: endpoint.schedule,
    paused: endpoint.paused,
  } as EndpointInput;
}
