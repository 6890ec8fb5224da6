/** The connector's cursor: per-drive Changes API tokens, plus a fingerprint of the settings they were taken for. */
import { createHash } from 'node:crypto';
import type { Filters, GoogleDriveSettings } from '../../contract/schemas.js';
import type { DriveState } from './drives.js';

/** What the cursor holds between runs. */
export interface DriveCursor {
  v: 1;
  /** Settings that decide what is in the catalog; when they change, deltas would not apply: list again. */
  fingerprint: string;
  drives: DriveState[];
  /** Folders above the selected folders (`scope.folderIds`), whose moves change the selection's paths. */
  scopeAncestors: string[];
  /** When the shared drives were last listed (ms since the epoch); absent in cursors of older versions. */
  drivesListedAt?: number;
}

/** A digest of the settings and filters that decide which entries the catalog holds. */
export function settingsFingerprint(settings: GoogleDriveSettings, filters: Filters): string {
  const relevant = { scope: settings.scope, includePermissions: settings.includePermissions, filters };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('base64url').slice(0, 16);
}

/** The cursor as stored by the engine. */
export function encodeCursor(cursor: DriveCursor): string {
  return JSON.stringify(cursor);
}

/** The cursor, or null when `raw` is not one this connector wrote (then a full listing starts over). */
export function decodeCursor(raw: string | null): DriveCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as Partial<DriveCursor>;
    // A checkpoint of an unfinished listing (checkpoint.ts) is no position to replay changes from.
    if ((c as { kind?: unknown }).kind !== undefined) return null;
    if (c.v !== 1 || typeof c.fingerprint !== 'string' || !Array.isArray(c.drives)) return null;
    if (!Array.isArray(c.scopeAncestors) || !c.scopeAncestors.every((a) => typeof a === 'string')) return null;
    const ok = c.drives.every(
      (d) =>
        typeof d.key === 'string' &&
        typeof d.name === 'string' &&
        typeof d.rootId === 'string' &&
        typeof d.token === 'string' &&
        (d.driveId === null || typeof d.driveId === 'string'),
    );
    return ok ? (c as DriveCursor) : null;
  } catch {
    return null;
  }
}
