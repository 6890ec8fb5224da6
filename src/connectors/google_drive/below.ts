/**
 * Lists what lies below folders that moved into the selected folders (their contents did not change, so the
 * change feed does not name them): breadth first, up to 50 folders per query, as `'a' in parents or ...`.
 */
import type { FileRecord } from '../types.js';
import type { Overlay } from './apply.js';
import type { DriveState } from './drives.js';
import type { SyncEnv } from './env.js';
import { segment } from './paths.js';
import { checkFile, FOLDER_MIME, missingField, parentOf, toRecord } from './records.js';
import { skipMalformed } from './env.js';

const FOLDERS_PER_QUERY = 50;

/** Drive's query string literal: quotes and backslashes escaped. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Records of everything below `folders` (catalog records with their paths), skipping entries the feed named. */
export async function* listBelow(
  env: SyncEnv,
  folders: FileRecord[],
  overlay: Overlay,
  drives: DriveState[],
): AsyncGenerator<FileRecord[]> {
  const byDrive = new Map<string, { drive: DriveState; queue: FileRecord[] }>();
  for (const f of folders) {
    const key = typeof f.extras?.driveId === 'string' ? f.extras.driveId : 'user';
    const drive = drives.find((d) => d.key === key);
    if (!drive) continue;
    const entry = byDrive.get(key) ?? { drive, queue: [] };
    entry.queue.push(f);
    byDrive.set(key, entry);
  }
  for (const { drive, queue } of byDrive.values()) {
    const paths = new Map(queue.map((f) => [f.sourceId, f.path]));
    while (queue.length) {
      const group = queue.splice(0, FOLDERS_PER_QUERY);
      const parents = group.map((f) => `${quote(f.sourceId)} in parents`).join(' or ');
      const q = env.filters.includeTrashed ? parents : `(${parents}) and trashed = false`;
      let pageToken: string | undefined;
      do {
        const page = await env.client.call(`files.list below moved folders (${drive.name})`, (api, o) =>
          api.files.list(
            {
              corpora: drive.driveId ? 'drive' : 'user',
              ...(drive.driveId ? { driveId: drive.driveId, includeItemsFromAllDrives: true } : {}),
              supportsAllDrives: true,
              pageSize: env.settings.includePermissions ? 100 : 1000,
              q,
              fields: `nextPageToken,files(${env.fields})`,
              pageToken,
            },
            o,
          ),
        );
        const records: FileRecord[] = [];
        for (const file of page.files ?? []) {
          const problem = missingField(file);
          if (problem) {
            skipMalformed(env, file, problem, `the listing of ${drive.name}`);
            continue;
          }
          checkFile(file, `the listing of ${drive.name}`);
          const parentPath = paths.get(parentOf(file) ?? '');
          if (parentPath === undefined || overlay.has(file.id)) continue;
          const record = toRecord(file, `${parentPath}/${segment(file.name)}`);
          if (file.mimeType === FOLDER_MIME) {
            paths.set(file.id, record.path);
            queue.push(record);
          }
          if (env.keep(file)) records.push(record);
        }
        yield records;
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
    }
  }
}
