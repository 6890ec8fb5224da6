/**
 * The checkpoint of an unfinished full listing, carried by its batches' cursors: the drives with the Changes API
 * start tokens taken before the listing, and per drive the modifiedTime spans whose entries are all written. A
 * run resuming it lists only the rest, then replays the changes since those tokens (see resume.ts).
 */
import { z } from 'zod';
import type { ConnectorLogger } from '../types.js';
import type { DriveState } from './drives.js';
import type { Interval } from './ranges.js';

const intervalSchema = z
  .object({ from: z.number().int().nullable(), until: z.number().int() })
  .refine((s) => s.from === null || s.from < s.until, 'a span must end after it starts');

const checkpointSchema = z.object({
  v: z.literal(1),
  kind: z.literal('listing'),
  fingerprint: z.string(),
  drives: z
    .array(
      z.object({
        key: z.string(),
        driveId: z.string().nullable(),
        name: z.string(),
        rootId: z.string(),
        token: z.string(),
      }),
    )
    .min(1),
  drivesListedAt: z.number(),
  /** Drive key to the spans listed in full. */
  finished: z.record(z.string(), z.array(intervalSchema)),
});

/** A full listing's progress, as stored in the cursor. */
export interface ListingCheckpoint {
  v: 1;
  kind: 'listing';
  /** Settings the listing was made with: under other settings it is worth nothing. */
  fingerprint: string;
  drives: DriveState[];
  /** When the drives were listed (ms since the epoch), for the cursor the listing ends with. */
  drivesListedAt: number;
  finished: Record<string, Interval[]>;
}

/** The checkpoint as the engine stores it. */
export function encodeCheckpoint(checkpoint: ListingCheckpoint): string {
  return JSON.stringify(checkpoint);
}

/**
 * The checkpoint in `raw`, or null (with a log line saying why) when it is missing, damaged, not a checkpoint or
 * taken under other settings: the run then lists everything again.
 */
export function decodeCheckpoint(
  raw: string | null,
  fingerprint: string,
  log: ConnectorLogger,
): ListingCheckpoint | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    log.warn('The interrupted listing left a checkpoint that is not JSON: listing everything again');
    return null;
  }
  const result = checkpointSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    log.warn(
      `The interrupted listing left no checkpoint this version can read (${issue?.message ?? 'invalid'}${where}): listing everything again`,
    );
    return null;
  }
  const checkpoint = result.data;
  if (checkpoint.fingerprint !== fingerprint) {
    log.warn('The interrupted listing was made with other scope or filters: listing everything again');
    return null;
  }
  const keys = new Set(checkpoint.drives.map((d) => d.key));
  const foreign = Object.keys(checkpoint.finished).find((k) => !keys.has(k));
  if (foreign !== undefined || keys.size !== checkpoint.drives.length) {
    log.warn('The interrupted listing left a checkpoint whose drives do not match: listing everything again');
    return null;
  }
  return checkpoint;
}
