/** Which drives an endpoint covers, and the per-drive state its cursor keeps. */
import type { GoogleDriveSettings } from '../../contract/schemas.js';
import type { DriveClient } from './client.js';

/** One drive the endpoint covers: My Drive (`driveId` null) or a shared drive. */
export interface DriveRef {
  /** 'user' for My Drive, else the shared drive id; the cursor's key. */
  key: string;
  driveId: string | null;
  /** The first segment of its entries' paths. */
  name: string;
}

/** A drive with what the cursor stores about it. */
export interface DriveState extends DriveRef {
  /** The id of the drive's root folder (top-level entries name it as their parent). */
  rootId: string;
  /** The Changes API start token to replay from. */
  token: string;
}

/** The first path segment of My Drive entries. */
export const MY_DRIVE = 'My Drive';

/** Every shared drive the account sees. */
async function listSharedDrives(client: DriveClient): Promise<{ id: string; name: string }[]> {
  const out: { id: string; name: string }[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.call('drives.list', (api, o) =>
      api.drives.list({ pageSize: 100, pageToken, fields: 'nextPageToken,drives(id,name)' }, o),
    );
    for (const d of page.drives ?? []) {
      if (typeof d.id !== 'string' || typeof d.name !== 'string')
        throw new Error('Drive listed a shared drive without id or name.');
      out.push({ id: d.id, name: d.name });
    }
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/** The drives the scope selects now; a named shared drive that cannot be found is an error, never a deletion. */
export async function resolveDrives(client: DriveClient, scope: GoogleDriveSettings['scope']): Promise<DriveRef[]> {
  const refs: DriveRef[] = scope.myDrive ? [{ key: 'user', driveId: null, name: MY_DRIVE }] : [];
  if (scope.sharedDrives === 'none') return refs;
  const visible = await listSharedDrives(client);
  let chosen = visible;
  if (scope.sharedDrives !== 'all') {
    const wanted = scope.sharedDrives;
    const missing = wanted.filter((w) => !visible.some((d) => d.id === w || d.name === w));
    if (missing.length) {
      throw new Error(
        `Shared drive(s) ${missing.map((m) => `"${m}"`).join(', ')} not found: the account cannot see them (scope.sharedDrives).`,
      );
    }
    chosen = visible.filter((d) => wanted.includes(d.id) || wanted.includes(d.name));
  }
  // Two drives with one name would share paths: the id tells them apart.
  const names = [MY_DRIVE, ...chosen.map((d) => d.name)];
  for (const d of chosen) {
    const clash = names.filter((n) => n === d.name).length > 1;
    refs.push({ key: d.id, driveId: d.id, name: clash ? `${d.name} (${d.id})` : d.name });
  }
  return refs;
}

/** The drive's Changes API start token: taken before listing, so nothing changed during the listing is lost. */
export async function startToken(client: DriveClient, drive: DriveRef): Promise<string> {
  const res = await client.call('changes.getStartPageToken', (api, o) =>
    api.changes.getStartPageToken(drive.driveId ? { driveId: drive.driveId, supportsAllDrives: true } : {}, o),
  );
  if (!res.startPageToken) throw new Error(`Drive returned no start page token for ${drive.name}.`);
  return res.startPageToken;
}

/** The id of the drive's root folder (a shared drive's root has the drive's id). */
export async function rootFolderId(client: DriveClient, drive: DriveRef): Promise<string> {
  if (drive.driveId) return drive.driveId;
  const root = await client.call('files.get root', (api, o) => api.files.get({ fileId: 'root', fields: 'id' }, o));
  if (!root.id) throw new Error('Drive returned no id for the My Drive root folder.');
  return root.id;
}
