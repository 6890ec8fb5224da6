/**
 * A large ACC account for the benchmark: one hub, `projects` projects, `folders` folders in bushy trees under
 * four top folders per project, and `files` files spread evenly over them. Deterministic and fast.
 */
import type { AccTruth } from './truth.js';

const TOP_FOLDERS = ['Project Files', 'Plans', 'Shared', 'Archive'];
const EXTS = ['pdf', 'dwg', 'rvt', 'ifc', 'nwd'];
const STEMS = ['S-101 Foundation', 'A-201 Façade', '構造図', 'MEP Schema', 'Détail'];

export interface AccountShape {
  files: number;
  folders: number;
  projects?: number;
  /** Subfolders per folder (default 5). */
  fanout?: number;
}

/** The folders made (top folders included), per project, to place changes. */
export interface Account {
  projects: { id: string; folders: string[]; files: string[] }[];
}

/** Fills `truth` with the shape. */
export function populateAccount(truth: AccTruth, shape: AccountShape): Account {
  const hub = truth.addHub('Contoso Build', 'US');
  const projectCount = shape.projects ?? 2;
  const fanout = shape.fanout ?? 5;
  const out: Account = { projects: [] };
  let fileNo = 0;
  for (let p = 0; p < projectCount; p++) {
    const project = truth.addProject(hub.id, p === 0 ? 'Tower A' : `Project ${p + 1}`);
    const folderCount = Math.floor(shape.folders / projectCount) + (p < shape.folders % projectCount ? 1 : 0);
    const tops = TOP_FOLDERS.slice(0, Math.min(TOP_FOLDERS.length, folderCount));
    const folders = tops.map((name) => truth.addFolder(project.rootFolderId, name));
    // Breadth first: each folder gets `fanout` subfolders until the project has its share.
    for (let parent = 0; folders.length < folderCount; parent++) {
      for (let i = 0; i < fanout && folders.length < folderCount; i++) {
        folders.push(truth.addFolder(folders[parent]!, `Zone ${parent}.${i}`));
      }
    }
    const fileCount = Math.floor(shape.files / projectCount) + (p < shape.files % projectCount ? 1 : 0);
    const files: string[] = [];
    for (let i = 0; i < fileCount; i++, fileNo++) {
      const name = `${STEMS[fileNo % STEMS.length]} ${fileNo}.${EXTS[fileNo % EXTS.length]}`;
      files.push(truth.addFile(folders[i % folders.length]!, name, { size: 1000 + ((fileNo * 7919) % 900_000) }));
    }
    out.projects.push({ id: project.id, folders, files });
  }
  return out;
}
