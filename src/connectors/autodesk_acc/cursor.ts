/**
 * The connector's cursor, written only by a run's last batch (with its deletions, in one transaction): which
 * settings the catalog was built with (a change forces a full listing), the projects it saw, and each folder's
 * `lastModifiedTimeRollup` (epoch ms) up to which its subtree is in the catalog. An interrupted run leaves the
 * previous cursor in place, so the next run redoes what it did: a delta after a delta. A snapshot (a first or
 * full run) instead leaves checkpoints as it goes (`partial`): the subtrees it has written in full, so that the
 * run resuming it skips those and lists only the rest.
 */
import { createHash } from 'node:crypto';
import type { Filters } from '../../contract/schemas.js';
import type { KnownProject } from './crawl.js';
import type { AutodeskAccSettings } from './settings.js';

export interface AccCursor {
  v: 1;
  fingerprint: string;
  projects: KnownProject[];
  rollups: Record<string, number>;
  /** A checkpoint of an unfinished snapshot: `rollups` are the subtrees it wrote in full, nothing else is done. */
  partial?: true;
}

/** A digest of every setting that changes what the catalog should hold. */
export function settingsFingerprint(settings: AutodeskAccSettings, filters: Filters): string {
  const relevant = {
    api: settings.apiBaseUrl,
    clientId: settings.auth.clientId,
    userId: settings.auth.type === 'client_credentials' ? (settings.auth.userId ?? null) : null,
    scope: settings.scope,
    includeHidden: settings.includeHidden,
    extensions: filters.extensions ?? null,
    mimeTypes: filters.mimeTypes ?? null,
    modifiedAfter: filters.modifiedAfter ?? null,
  };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('base64url').slice(0, 22);
}

export function encodeCursor(cursor: AccCursor): string {
  return JSON.stringify(cursor);
}

/** The cursor, or null when it is missing or not one this connector wrote. */
export function decodeCursor(raw: string | null): AccCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as Partial<AccCursor>;
    if (c.v !== 1 || typeof c.fingerprint !== 'string' || !Array.isArray(c.projects)) return null;
    if (typeof c.rollups !== 'object' || c.rollups === null) return null;
    const projects = c.projects.filter(
      (p): p is KnownProject => typeof p?.id === 'string' && typeof p.name === 'string' && typeof p.hubId === 'string',
    );
    const rollups: Record<string, number> = {};
    for (const [id, at] of Object.entries(c.rollups)) if (typeof at === 'number') rollups[id] = at;
    return { v: 1, fingerprint: c.fingerprint, projects, rollups, ...(c.partial === true ? { partial: true } : {}) };
  } catch {
    return null;
  }
}
