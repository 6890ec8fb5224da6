/**
 * The fake Autodesk project data: hubs, projects, folders and items with versions, and the mutations the tests
 * apply. Every mutation moves `lastModifiedTimeRollup` of the changed folder and all its ancestors, as APS does.
 */

export interface FakeHub {
  id: string;
  name: string;
  region: string;
}

export interface FakeProject {
  id: string;
  hubId: string;
  name: string;
  rootFolderId: string;
}

export interface FakeVersion {
  id: string;
  number: number;
  name: string;
  size: number;
  mimeType: string | null;
  fileType: string | null;
  time: string;
  user: string;
  storage: string;
}

export interface FakeNode {
  id: string;
  kind: 'folder' | 'item';
  projectId: string;
  parentId: string | null;
  /** A folder's name; for items the tip version carries the name. */
  name: string;
  /** Items: the reserved `displayName`, fixed at creation (a connector must not use it). */
  displayName: string;
  hidden: boolean;
  deleted: boolean;
  createTime: string;
  createUser: string;
  lastModifiedTime: string;
  lastModifiedUser: string;
  rollup: string;
  /** Child ids in listing order, deleted ones included (they still take page slots, as in APS). */
  children: string[];
  versions: FakeVersion[];
}

/** One entry as the catalog should show it. */
export interface TruthEntry {
  id: string;
  path: string;
  name: string;
  isFolder: boolean;
  parentId: string | null;
  version: string | null;
  size: number | null;
}

const USERS = ['Ana Souza', 'Björn Ek', '山田 太郎', 'Zoë Brontë'];

function extOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : null;
}

const mimeByExt: Record<string, string> = {
  pdf: 'application/pdf',
  dwg: 'application/acad',
  rvt: 'application/vnd.autodesk.revit',
  ifc: 'application/x-step',
  nwd: 'application/vnd.autodesk.navisworks',
};

/** The state of the fake APS account. */
export class AccTruth {
  readonly hubs: FakeHub[] = [];
  readonly projects: FakeProject[] = [];
  readonly nodes = new Map<string, FakeNode>();
  private seq = 0;
  private clock = Date.parse('2024-03-01T08:00:00Z');

  /** A fresh, strictly later timestamp for the next change. */
  tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private nextId(): number {
    return ++this.seq;
  }

  addHub(name: string, region = 'US'): FakeHub {
    const hub = { id: `b.hub-${this.nextId()}`, name, region };
    this.hubs.push(hub);
    return hub;
  }

  /** A project with its (unlisted) root folder. */
  addProject(hubId: string, name: string): FakeProject {
    const id = `b.project-${this.nextId()}`;
    const root = this.makeNode('folder', id, null, `root-${id}`);
    const project = { id, hubId, name, rootFolderId: root.id };
    this.projects.push(project);
    return project;
  }

  project(id: string): FakeProject {
    const p = this.projects.find((x) => x.id === id);
    if (!p) throw new Error(`fake: no project ${id}`);
    return p;
  }

  node(id: string): FakeNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`fake: no node ${id}`);
    return n;
  }

  /** A top folder (child of the project root) or a subfolder. */
  addFolder(parentId: string, name: string, options: { hidden?: boolean } = {}): string {
    const parent = this.node(parentId);
    const node = this.makeNode('folder', parent.projectId, parentId, name);
    node.hidden = options.hidden ?? false;
    parent.children.push(node.id);
    this.touch(parentId, node.createTime);
    return node.id;
  }

  /** A file with `versions` versions (the last is the tip). */
  addFile(
    parentId: string,
    name: string,
    options: { size?: number; versions?: number; hidden?: boolean } = {},
  ): string {
    const parent = this.node(parentId);
    const node = this.makeNode('item', parent.projectId, parentId, name);
    node.hidden = options.hidden ?? false;
    node.displayName = name;
    const count = options.versions ?? 1;
    for (let v = 1; v <= count; v++) this.pushVersion(node, name, (options.size ?? 1000) + v, node.createTime);
    parent.children.push(node.id);
    this.touch(parentId, node.createTime);
    return node.id;
  }

  /** Deleted placeholders at the start of a folder: they fill whole pages, which then come back empty. */
  padFolder(folderId: string, count: number): void {
    const folder = this.node(folderId);
    const ghosts: string[] = [];
    for (let i = 0; i < count; i++) {
      const ghost = this.makeNode('item', folder.projectId, folderId, `ghost-${i}.tmp`);
      ghost.deleted = true;
      ghosts.push(ghost.id);
    }
    folder.children.unshift(...ghosts);
  }

  /** Uploads a new version of a file (optionally under a new name, which is how ACC renames a file). */
  newVersion(itemId: string, options: { size?: number; name?: string } = {}): void {
    const item = this.node(itemId);
    const tip = item.versions.at(-1)!;
    const at = this.tick();
    this.pushVersion(item, options.name ?? tip.name, options.size ?? tip.size + 7, at);
    item.lastModifiedTime = at;
    item.lastModifiedUser = tip.user;
    this.touch(item.parentId!, at);
  }

  /** Renames a folder, or a file (a new version with the new name). */
  rename(id: string, name: string): void {
    const node = this.node(id);
    if (node.kind === 'item') return this.newVersion(id, { name, size: node.versions.at(-1)!.size });
    const at = this.tick();
    node.name = name;
    node.lastModifiedTime = at;
    node.rollup = at;
    this.touch(node.parentId!, at);
  }

  /** Moves a file or folder under another folder of the same project. */
  move(id: string, newParentId: string): void {
    const node = this.node(id);
    const from = this.node(node.parentId!);
    const to = this.node(newParentId);
    if (to.projectId !== node.projectId) throw new Error('fake: ACC cannot move between projects');
    for (let a: string | null = newParentId; a; a = this.node(a).parentId) {
      if (a === id) throw new Error('fake: cannot move a folder into itself');
    }
    const at = this.tick();
    from.children = from.children.filter((c) => c !== id);
    to.children.push(id);
    node.parentId = newParentId;
    node.lastModifiedTime = at;
    if (node.kind === 'folder') node.rollup = at;
    this.touch(from.id, at);
    this.touch(to.id, at);
  }

  /** Deletes a file or a folder with everything below it. */
  remove(id: string): void {
    const node = this.node(id);
    node.deleted = true;
    this.touch(node.parentId!, this.tick());
  }

  /** Hides or shows an entry. */
  setHidden(id: string, hidden: boolean): void {
    const node = this.node(id);
    node.hidden = hidden;
    this.touch(node.parentId!, this.tick());
  }

  /** Live children in listing order (deleted ones dropped; hidden ones unless asked for). */
  visibleChildren(folderId: string, includeHidden: boolean): FakeNode[] {
    return this.node(folderId)
      .children.map((c) => this.node(c))
      .filter((n) => !n.deleted && (includeHidden || !n.hidden));
  }

  /** What the catalog must hold after a sync of everything (optionally only these extensions). */
  entries(options: { includeHidden?: boolean; extensions?: string[]; projects?: string[] } = {}): TruthEntry[] {
    const out: TruthEntry[] = [];
    const hidden = options.includeHidden ?? false;
    for (const project of this.projects) {
      if (options.projects && !options.projects.includes(project.id)) continue;
      out.push({
        id: project.id,
        path: project.name,
        name: project.name,
        isFolder: true,
        parentId: project.hubId,
        version: null,
        size: null,
      });
      const walk = (folderId: string, path: string, parentId: string) => {
        for (const n of this.visibleChildren(folderId, hidden)) {
          if (n.kind === 'folder') {
            out.push({
              id: n.id,
              path: `${path}/${n.name}`,
              name: n.name,
              isFolder: true,
              parentId,
              version: null,
              size: null,
            });
            walk(n.id, `${path}/${n.name}`, n.id);
          } else {
            const tip = n.versions.at(-1)!;
            const ext = extOf(tip.name);
            if (options.extensions && (!ext || !options.extensions.includes(ext))) continue;
            out.push({
              id: n.id,
              path: `${path}/${tip.name}`,
              name: tip.name,
              isFolder: false,
              parentId,
              version: String(tip.number),
              size: tip.size,
            });
          }
        }
      };
      // Top folders hang from the project in the catalog; the root folder itself is not listed.
      walk(project.rootFolderId, project.name, project.id);
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private makeNode(kind: FakeNode['kind'], projectId: string, parentId: string | null, name: string): FakeNode {
    const n = this.nextId();
    const at = this.tick();
    const user = USERS[n % USERS.length]!;
    const node: FakeNode = {
      id: kind === 'folder' ? `urn:adsk.wipprod:fs.folder:co.f${n}` : `urn:adsk.wipprod:dm.lineage:i${n}`,
      kind,
      projectId,
      parentId,
      name,
      displayName: name,
      hidden: false,
      deleted: false,
      createTime: at,
      createUser: user,
      lastModifiedTime: at,
      lastModifiedUser: user,
      rollup: at,
      children: [],
      versions: [],
    };
    this.nodes.set(node.id, node);
    return node;
  }

  private pushVersion(item: FakeNode, name: string, size: number, at: string): void {
    const number = item.versions.length + 1;
    const ext = extOf(name);
    const lineage = item.id.split(':').pop()!;
    item.versions.push({
      id: `urn:adsk.wipprod:fs.file:vf.${lineage}?version=${number}`,
      number,
      name,
      size,
      mimeType: ext ? (mimeByExt[ext] ?? null) : null,
      fileType: ext,
      time: at,
      user: USERS[(number + name.length) % USERS.length]!,
      storage: `urn:adsk.objects:os.object:wip.dm.prod/${lineage}-v${number}.${ext ?? 'bin'}`,
    });
    item.lastModifiedTime = at;
  }

  /** Moves the rollup of `folderId` and every ancestor to `at`. */
  private touch(folderId: string, at: string): void {
    for (let id: string | null = folderId; id; id = this.node(id).parentId) {
      const folder = this.node(id);
      folder.rollup = at;
      if (id === folderId) folder.lastModifiedTime = at;
    }
  }
}
