/**
 * A large Google Workspace account for the benchmark: My Drive holds 60% of the files in a deep folder tree,
 * three shared drives hold the rest in shallower trees. Deterministic, and fast enough for a million files.
 */
import type { DriveTruth, FakeFile } from './truth.js';

const KINDS: { ext: string; mimeType: string }[] = [
  { ext: 'pdf', mimeType: 'application/pdf' },
  { ext: 'dwg', mimeType: 'image/vnd.dwg' },
  { ext: 'rvt', mimeType: 'application/octet-stream' },
  { ext: 'ifc', mimeType: 'application/x-step' },
  { ext: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  { ext: 'jpg', mimeType: 'image/jpeg' },
];
const STEMS = ['Ground floor plan', 'Section', 'Façade detail', 'Structural calc', 'Site photo', '配筋図', 'Schedule'];
const FOLDER_NAMES = ['Drawings', 'Models', 'Reports', 'Photos', 'Issued', 'Archive', 'Working', 'Submittals'];

/** The files of the shape: how many in My Drive, and in each of the shared drives. */
export interface WorkspaceShape {
  files: number;
  /** Subfolders per folder in My Drive's tree (default 4); shared drives use one more. */
  fanout?: number;
}

/** What was made: the folders of each drive (root first), to place changes. */
export interface Workspace {
  drives: { key: string; rootId: string; folders: string[]; files: string[] }[];
}

/** A folder tree below `rootId` with `fanout` subfolders per folder, `depth` levels deep, breadth first. */
function tree(truth: DriveTruth, rootId: string, fanout: number, depth: number, label: string): string[] {
  const folders = [rootId];
  let level = [rootId];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const parent of level) {
      for (let i = 0; i < fanout; i++) {
        next.push(truth.addFolder(parent, `${FOLDER_NAMES[(i + d) % FOLDER_NAMES.length]} ${label}${d}.${i}`));
      }
    }
    folders.push(...next);
    level = next;
  }
  return folders;
}

/** Depth of a tree of `fanout` that holds about one folder per `perFolder` files. */
function depthFor(files: number, fanout: number, perFolder: number): number {
  let depth = 1;
  for (let folders = fanout; folders * perFolder < files; depth++) folders = folders * fanout + fanout;
  return depth;
}

/** Adds `count` files spread evenly over `folders`, numbered from `first`. */
function spread(truth: DriveTruth, folders: string[], count: number, first: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = first + i;
    const kind = KINDS[n % KINDS.length]!;
    const name = `${String.fromCharCode(65 + (n % 26))}-${n} ${STEMS[n % STEMS.length]}.${kind.ext}`;
    const extra: Partial<FakeFile> = { mimeType: kind.mimeType, size: String(1000 + ((n * 7919) % 5_000_000)) };
    ids.push(truth.addFile(folders[i % folders.length]!, name, extra));
  }
  return ids;
}

/** Fills `truth` with the shape; the account must be empty. */
export function populateWorkspace(truth: DriveTruth, shape: WorkspaceShape): Workspace {
  const fanout = shape.fanout ?? 4;
  const mine = Math.round(shape.files * 0.6);
  const shared = [0, 1, 2].map((i) => Math.floor((shape.files - mine) / 3) + (i < (shape.files - mine) % 3 ? 1 : 0));
  // About 45 files per folder; My Drive's tree also gets one long chain, as real archives have.
  const myFolders = tree(truth, truth.myDriveRootId, fanout, depthFor(mine, fanout, 45), 'M');
  let chain = truth.myDriveRootId;
  for (let d = 0; d < 12; d++) myFolders.push((chain = truth.addFolder(chain, `Level ${d}`)));
  const drives: Workspace['drives'] = [
    { key: 'user', rootId: truth.myDriveRootId, folders: myFolders, files: spread(truth, myFolders, mine, 0) },
  ];
  let first = mine;
  for (const [i, count] of shared.entries()) {
    const id = truth.addDrive(['Projects', 'Standards', 'Clients'][i]!);
    const folders = tree(truth, id, fanout + 1, depthFor(count, fanout + 1, 60), `S${i}`);
    drives.push({ key: id, rootId: id, folders, files: spread(truth, folders, count, first) });
    first += count;
  }
  return { drives };
}

/**
 * Applies `count` changes spread round-robin over the drives: new versions, renames, new files, moves within the
 * drive, trash and deletions. Returns how many changes each drive's feed got.
 */
export function changeWorkspace(truth: DriveTruth, workspace: Workspace, count: number): Record<string, number> {
  const perDrive: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const drive = workspace.drives[i % workspace.drives.length]!;
    const files = drive.files;
    const pick = files[(i * 7919) % files.length]!;
    const before = truth.changes.length;
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        truth.modify(pick);
        break;
      case 4:
      case 5:
        truth.rename(pick, `${truth.get(pick).name.replace(/\.\w+$/, '')} rev ${i}.pdf`);
        break;
      case 6:
      case 7:
        files.push(truth.addFile(drive.folders[i % drive.folders.length]!, `New upload ${i}.pdf`));
        break;
      case 8:
        truth.move(pick, drive.folders[(i * 31) % drive.folders.length]!);
        break;
      default:
        if (i % 20 === 9) truth.trash(pick);
        else truth.remove(pick);
        files.splice(files.indexOf(pick), 1);
    }
    perDrive[drive.key] = (perDrive[drive.key] ?? 0) + truth.changes.length - before;
  }
  return perDrive;
}

/** Entries (files and folders) per drive key, as a full listing returns them. */
export function entriesPerDrive(truth: DriveTruth): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of truth.all()) {
    if (f.trashed) continue;
    const key = f.driveId ?? 'user';
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
