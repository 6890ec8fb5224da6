/** A file's versions, read live from the Data Management API for the details panel (the catalog keeps the tip). */
import type { FileVersion } from '../../contract/model.js';
import type { ApsClient } from './client.js';
import { isoTime } from './records.js';
import { parseWire, versionSchema } from './wire.js';

/** Every version of item `itemId` in project `projectId`, newest first (`GET .../items/:item_id/versions`). */
export async function listVersions(client: ApsClient, projectId: string, itemId: string): Promise<FileVersion[]> {
  const url = client.url(
    `/data/v1/projects/${encodeURIComponent(projectId)}/items/${encodeURIComponent(itemId)}/versions`,
  );
  const versions: FileVersion[] = [];
  for await (const doc of client.pages('itemVersions', url, `version list of item ${itemId}`)) {
    for (const resource of doc.data) {
      const v = parseWire(versionSchema, resource, `version of item ${itemId}`);
      const a = v.attributes;
      versions.push({
        id: v.id,
        number: a.versionNumber ?? null,
        name: a.name,
        createdTime: isoTime(a.createTime) ?? isoTime(a.lastModifiedTime),
        createdBy: a.createUserName ?? a.lastModifiedUserName ?? null,
        size: a.storageSize ?? null,
        webUrl: v.links?.webView?.href ?? null,
      });
    }
  }
  // Autodesk lists the newest first; sorting keeps that true whatever order the pages come in.
  return versions.sort((x, y) => (y.number ?? 0) - (x.number ?? 0));
}
