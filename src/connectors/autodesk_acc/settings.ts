/** Settings of an Autodesk Construction Cloud / BIM 360 endpoint; the schema lives in the contract for the UI. */
import { autodeskAccSettingsSchema, type AutodeskAccSettings } from '../../contract/schemas.js';

export { autodeskAccSettingsSchema };
export type { AutodeskAccSettings };

/** The endpoint families Autodesk rate-limits separately, plus the token endpoint. */
export type AccFamily =
  'hubs' | 'projects' | 'topFolders' | 'folderContents' | 'token' | 'webhooks' | 'webhookCreate' | 'itemVersions';

/** Autodesk's published limits, in requests per minute per client id. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<AccFamily, number>> = {
  hubs: 50,
  projects: 50,
  topFolders: 300,
  folderContents: 300,
  token: 500,
  // The Webhooks API: 300 for listing, updating and deleting hooks, 50 for creating them.
  webhooks: 300,
  webhookCreate: 50,
  // items/:id/versions, read live for a file's details.
  itemVersions: 800,
};

/** The default APS root. */
export const DEFAULT_API_BASE_URL = 'https://developer.api.autodesk.com';

/** Validates raw settings and applies defaults. */
export function parseAutodeskAccSettings(input: unknown): AutodeskAccSettings {
  return autodeskAccSettingsSchema.parse(input);
}

/** The limit in force for each family: the settings' override, else the published number. */
export function rateLimitsOf(settings: AutodeskAccSettings): Record<AccFamily, number> {
  const out = { ...DEFAULT_RATE_LIMITS };
  for (const family of Object.keys(out) as AccFamily[]) {
    const override = settings.rateLimits[family];
    if (override !== undefined) out[family] = override;
  }
  return out;
}
