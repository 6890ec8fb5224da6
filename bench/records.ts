/** Synthetic catalog records for the catalog scenarios: realistic names, deep paths, streamed, deterministic. */
import type { Catalog } from '../src/catalog/catalog.js';
import type { Connector, FileRecord, SyncBatch } from '../src/connectors/types.js';

const EXTS = ['pdf', 'dwg', 'rvt', 'ifc', 'xlsx', 'jpg', 'docx', 'nwd'];
const STEMS = ['Ground floor plan', 'Section', 'Façade detail', 'Structural calc', 'Site photo', '配筋図', 'Schedule'];
const DIRS = ['Drawings', 'Models', 'Reports', 'Photos', 'Issued', 'Archive', 'Working', 'Submittals'];
const PEOPLE = ['Ana Souza', 'Björn Ek', '山田 太郎', 'Zoë Brontë', 'Dana Designer'];

/** Record number `n` of a catalog: 40 files per folder, folders four levels deep under eight projects. */
export function syntheticRecord(n: number): FileRecord {
  const folder = Math.floor(n / 40);
  const dir = `Project ${folder % 8}/${DIRS[folder % 7]} ${folder % 50}/${DIRS[(folder >> 3) % 8]} ${folder >> 6}`;
  const ext = EXTS[n % EXTS.length]!;
  const name = `${String.fromCharCode(65 + (n % 26))}-${n} ${STEMS[n % STEMS.length]}.${ext}`;
  const day = 1 + (n % 28);
  const modified = `2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  return {
    sourceId: `id-${n}`,
    name,
    path: `${dir}/${name}`,
    parentId: `folder-${folder}`,
    isFolder: false,
    mimeType: ext === 'pdf' ? 'application/pdf' : 'application/octet-stream',
    extension: ext,
    size: 1000 + ((n * 7919) % 50_000_000),
    checksum: `md5-${n.toString(16)}`,
    version: String(1 + (n % 5)),
    createdTime: '2023-06-01T08:00:00.000Z',
    modifiedTime: modified,
    createdBy: PEOPLE[n % PEOPLE.length]!,
    modifiedBy: PEOPLE[(n >> 2) % PEOPLE.length]!,
    webUrl: `https://drive.example.com/${n}/view`,
    downloadUrl: null,
    trashed: false,
    extras: { driveId: null, shared: n % 3 === 0 },
  };
}

/** A connector that streams `count` synthetic records in batches of `batchSize`, as a snapshot. */
export function syntheticConnector(count: number, batchSize = 1000): Connector {
  return {
    type: 'synthetic',
    sync: () => ({
      mode: 'snapshot',
      batches: (async function* (): AsyncGenerator<SyncBatch> {
        for (let first = 0; first < count; first += batchSize) {
          const records: FileRecord[] = [];
          for (let n = first; n < Math.min(count, first + batchSize); n++) records.push(syntheticRecord(n));
          yield { records };
        }
        yield { records: [], cursor: 'done' };
      })(),
    }),
    checkHealth: async () => ({ ok: true, message: 'synthetic' }),
  };
}

/** The endpoint the synthetic records are written for (its settings are never read: the connector is synthetic). */
export function syntheticEndpoint(catalog: Catalog) {
  return catalog.endpoints.create({
    name: 'Synthetic',
    type: 'local_folder',
    settings: { path: '/synthetic', recursive: true, followSymlinks: false },
    filters: {},
    schedule: { type: 'manual' },
    paused: false,
  });
}
