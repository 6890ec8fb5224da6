/** Messages between the catalog and its write thread. */
import type { BatchWrite, RunEnd, RunKey } from '../runWrites.js';

/** What the write thread is started with. */
export interface WriteThreadData {
  file: string;
  nativeBinding?: string;
}

export type WriteRequest =
  | { id: number; type: 'begin'; run: RunKey }
  | { id: number; type: 'batch'; runId: number; write: BatchWrite }
  | { id: number; type: 'end'; runId: number; end: RunEnd }
  | { id: number; type: 'release'; runId: number }
  | { id: number; type: 'close' };

export type WriteReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };
