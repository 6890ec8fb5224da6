/** The scenario most Google Drive tests start from. */
import type { FakeDriveServer } from '../../fakes/googleDrive/server.js';
import { GOOGLE_DOC, SHORTCUT } from '../../fakes/googleDrive/truth.js';

/** My Drive and two shared drives with deep folders, Docs, a shortcut, trash and awkward names. */
export function populate(fake: FakeDriveServer) {
  const t = fake.truth;
  const root = t.myDriveRootId;
  const plans = t.addFolder(root, 'Plans');
  const deep = [plans];
  for (let i = 1; i <= 8; i++) deep.push(t.addFolder(deep.at(-1)!, `Level ${i}`));
  const a101 = t.addFile(plans, 'A-101 Ground floor.pdf');
  const deepFile = t.addFile(deep.at(-1)!, 'deepest.dwg', { mimeType: 'image/vnd.dwg' });
  const doc = t.addFile(plans, 'Meeting notes', {
    mimeType: GOOGLE_DOC,
    exportLinks: { 'application/pdf': 'https://x/export' },
  });
  const shortcut = t.addFile(root, 'Shortcut to plan', {
    mimeType: SHORTCUT,
    shortcutDetails: { targetId: a101, targetMimeType: 'application/pdf' },
  });
  const quoted = t.addFile(root, `O'Brien's "final" plan.pdf`);
  const slashed = t.addFolder(root, 'Plans 2024/2025');
  const inSlashed = t.addFile(slashed, 'scope/notes.txt', { mimeType: 'text/plain' });
  const cjk = t.addFile(plans, '図面 – Ωmega 🏗️.pdf');
  const trashed = t.addFile(plans, 'old.pdf');
  t.trash(trashed);
  const projects = t.addDrive('Projects');
  const tower = t.addFolder(projects, 'Tower A');
  const towerPlan = t.addFile(tower, 'S-101.pdf');
  const standards = t.addDrive('Standards / Templates');
  const std = t.addFile(standards, 'Title block.dwg', { mimeType: 'image/vnd.dwg' });
  return {
    plans,
    deep,
    a101,
    deepFile,
    doc,
    shortcut,
    quoted,
    slashed,
    inSlashed,
    cjk,
    trashed,
    projects,
    tower,
    towerPlan,
    standards,
    std,
  };
}
