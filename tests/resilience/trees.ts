/** Deterministic account contents for the resilience suite: the same calls build the same truth, ids included. */
import type { AccTruth } from '../fakes/autodesk/truth.js';
import { GOOGLE_DOC, type DriveTruth } from '../fakes/googleDrive/truth.js';

const stems = ['S-101 Foundation', 'A-201 Façade', '構造図 第3版', 'Ёлка план', 'MEP Σ-Schema', 'Détail ø12'];
const exts = ['pdf', 'dwg', 'rvt', 'ifc', 'nwd', 'docx'];

/** A file name for the `i`th file of folder `label`. */
function fileName(label: string, i: number): string {
  return `${stems[i % stems.length]} ${label}-${i}.${exts[(i * 7) % exts.length]}`;
}

/**
 * Below `parentId`: `files` files and `fanout` subfolders per folder, `depth` levels down. Returns the folder
 * ids made, depth first.
 */
export function growDrive(
  t: DriveTruth,
  parentId: string,
  depth: number,
  fanout: number,
  files: number,
  label: string,
) {
  const folders: string[] = [];
  for (let i = 0; i < files; i++) {
    if (i % 9 === 4) t.addFile(parentId, `${label} notes ${i}`, { mimeType: GOOGLE_DOC });
    else t.addFile(parentId, fileName(label, i));
  }
  if (depth === 0) return folders;
  for (let f = 0; f < fanout; f++) {
    const id = t.addFolder(parentId, `${label}.${f} ${f % 2 ? 'Дизайн' : 'Design'}`);
    folders.push(id, ...growDrive(t, id, depth - 1, fanout, files, `${label}.${f}`));
  }
  return folders;
}

/** My Drive and two shared drives: about 2,000 entries. */
export function driveAccount(t: DriveTruth) {
  const myDrive = growDrive(t, t.myDriveRootId, 3, 4, 12, 'M');
  const projects = t.addDrive('Projects');
  const projectFolders = growDrive(t, projects, 2, 5, 14, 'P');
  const standards = t.addDrive('Standards / Templates');
  const standardFolders = growDrive(t, standards, 1, 6, 20, 'S');
  return { myDrive, projects, projectFolders, standards, standardFolders };
}

/** My Drive and one shared drive: about 2,700 entries (114 folders), for runs killed mid-listing. */
export function driveCrashAccount(t: DriveTruth) {
  const myDrive = growDrive(t, t.myDriveRootId, 3, 4, 20, 'M');
  const projects = t.addDrive('Projects');
  const projectFolders = growDrive(t, projects, 2, 5, 30, 'P');
  return { myDrive, projects, projectFolders };
}

/** Several hundred changes of every kind, spread over the drives (deterministic). */
export function changeDriveAccount(t: DriveTruth, account: ReturnType<typeof driveAccount>) {
  const files = t.all().filter((f) => f.mimeType !== 'application/vnd.google-apps.folder');
  files.forEach((f, i) => {
    if (i % 11 === 0) t.modify(f.id);
    else if (i % 17 === 0) t.rename(f.id, `renamed ${f.name}`);
    else if (i % 23 === 0) t.trash(f.id);
    else if (i % 29 === 0) t.remove(f.id);
  });
  // Folders move (with their subtrees), across drives too; new files arrive.
  t.move(account.myDrive[3]!, account.myDrive[40]!);
  t.move(account.projectFolders[2]!, account.standards);
  t.remove(account.standardFolders[1]!);
  for (let i = 0; i < 40; i++) t.addFile(account.myDrive[i % account.myDrive.length]!, `late ${i}.pdf`);
}

/** Below `parentId`, as `growDrive`, for Autodesk. */
export function growAcc(t: AccTruth, parentId: string, depth: number, fanout: number, files: number, label: string) {
  const folders: string[] = [];
  for (let i = 0; i < files; i++) {
    t.addFile(parentId, fileName(label, i), { versions: 1 + (i % 3), size: 500 + i });
  }
  if (depth === 0) return folders;
  for (let f = 0; f < fanout; f++) {
    const id = t.addFolder(parentId, `${label}.${f} ${f % 2 ? 'Дизайн' : 'Design'}`);
    folders.push(id, ...growAcc(t, id, depth - 1, fanout, files, `${label}.${f}`));
  }
  return folders;
}

/** One hub, two projects with two top folders each: about 200 folders and 1,700 files. */
export function accAccount(t: AccTruth) {
  const hub = t.addHub('Contoso Build', 'EMEA');
  const tower = t.addProject(hub.id, 'Tower A');
  const school = t.addProject(hub.id, 'École B');
  const towerFiles = t.addFolder(tower.rootFolderId, 'Project Files');
  const towerPlans = t.addFolder(tower.rootFolderId, 'Plans');
  const schoolFiles = t.addFolder(school.rootFolderId, 'Project Files');
  const folders = [
    ...growAcc(t, towerFiles, 3, 4, 8, 'T'),
    ...growAcc(t, towerPlans, 1, 6, 10, 'P'),
    ...growAcc(t, schoolFiles, 2, 6, 9, 'S'),
  ];
  // One folder needs several pages (200 entries each).
  for (let i = 0; i < 450; i++) t.addFile(towerPlans, `Sheet ${String(i).padStart(3, '0')}.pdf`, { size: 10_000 + i });
  return { hub, tower, school, towerFiles, towerPlans, schoolFiles, folders };
}

/** Changes of every kind to an ACC account (deterministic). */
export function changeAccAccount(t: AccTruth, account: ReturnType<typeof accAccount>) {
  const items = [...t.nodes.values()].filter((n) => n.kind === 'item' && !n.deleted);
  items.forEach((n, i) => {
    if (i % 13 === 0) t.newVersion(n.id);
    else if (i % 19 === 0) t.rename(n.id, `renamed ${n.versions.at(-1)!.name}`);
    else if (i % 31 === 0) t.remove(n.id);
  });
  t.move(account.folders[2]!, account.folders[30]!);
  t.rename(account.folders[5]!, 'Renamed folder');
  t.remove(account.folders[60]!);
  for (let i = 0; i < 30; i++) t.addFile(account.folders[i % account.folders.length]!, `late ${i}.pdf`);
}
