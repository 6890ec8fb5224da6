/** Messages between the benchmark and a fake service running in its own process (fakes/host.ts). */
import type { AccTrafficModel } from '../../tests/fakes/autodesk/server.js';
import type { DriveTrafficModel } from '../../tests/fakes/googleDrive/server.js';

/** Which fake to run, its data and its traffic model. */
export type FakeSpec =
  | { service: 'drive'; files: number; traffic: DriveTrafficModel }
  | { service: 'acc'; files: number; folders: number; projects: number; traffic: AccTrafficModel };

/** What a started fake tells the benchmark. */
export interface FakeReady {
  url: string;
  /** Drive: the service account's JSON key; ACC: the app's client id and secret. */
  credentials: Record<string, string>;
  /** Live entries per drive key (Drive) or per project id (ACC), as a full listing returns them. */
  entries: Record<string, number>;
  /** Folders per project (ACC) or per drive (Drive). */
  folders: Record<string, number>;
}

/** The fake's request counters. */
export interface FakeCounts {
  requests: number;
  rejected: number;
  /** Requests by kind (Drive: path suffix such as `/files`; ACC: family). */
  byKind: Record<string, number>;
}

export type Command =
  | { op: 'start'; spec: FakeSpec }
  | { op: 'counts' }
  | { op: 'reset' }
  /** Drive: applies `count` changes spread over the drives; answers the changes each drive's feed got. */
  | { op: 'change'; count: number }
  /** Sorted `id\tpath` lines of what the catalog must hold, hashed (sha256, hex). */
  | { op: 'digest' }
  | { op: 'stop' };

export interface Request {
  id: number;
  command: Command;
}

export interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}
