/** Brings the catalog's endpoints in line with a configuration file, matching by name. */
import type { Catalog } from '../catalog/catalog.js';
import type { EndpointDefinition } from '../contract/schemas.js';

export interface ApplyResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

function sameDefinition(a: EndpointDefinition, b: Omit<EndpointDefinition, 'settings'> & { settings: unknown }) {
  const pick = (e: typeof b) => JSON.stringify([e.type, e.settings, e.filters, e.schedule, e.paused, e.name]);
  return pick(a) === pick(b);
}

/** Creates endpoints the file names that the catalog lacks and updates those that differ. Removes nothing. */
export function applyConfig(catalog: Catalog, endpoints: EndpointDefinition[]): ApplyResult {
  const result: ApplyResult = { created: [], updated: [], unchanged: [] };
  catalog.transaction(() => {
    for (const def of endpoints) {
      const existing = catalog.endpoints.findByName(def.name);
      if (!existing) {
        catalog.endpoints.create(def);
        result.created.push(def.name);
      } else if (sameDefinition(def, existing)) {
        result.unchanged.push(def.name);
      } else {
        catalog.endpoints.update(existing.id, def);
        result.updated.push(def.name);
      }
    }
  });
  return result;
}
