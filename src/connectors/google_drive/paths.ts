/**
 * Paths from a drive's root ("My Drive/Plans/A-101.pdf", "Projects/Tower/…"). Drive names may contain "/", which
 * would read as a separator, so a path segment shows it as "∕" (U+2215); the record's name keeps the real one.
 */

/** Stands for the folders above an entry whose parent the account cannot see. */
export const UNREACHABLE = '(parent not visible)';

/** A name as one path segment. */
export function segment(name: string): string {
  return name.replace(/\//g, '\u2215') || '(no name)';
}

/** One listed entry, as far as its place in the tree goes. */
export interface TreeItem<T> {
  id: string;
  name: string;
  parentId: string | null;
  isFolder: boolean;
  value: T;
}

/** An entry with its path. */
export interface Placed<T> {
  item: TreeItem<T>;
  path: string;
  /** Inside the selected folders (always true without a folder selection). */
  inScope: boolean;
}

/**
 * Places the entries of one drive's listing as they arrive, in any order: an entry waits until its folder is
 * placed; `finish` places those whose folder never came under the root's UNREACHABLE segment.
 */
export class TreeResolver<T> {
  private readonly folders = new Map<string, { path: string; inScope: boolean }>();
  private readonly parents = new Map<string, string | null>();
  private readonly waiting = new Map<string, TreeItem<T>[]>();
  private waitingCount = 0;

  constructor(
    private readonly rootId: string,
    private readonly rootPath: string,
    /** Ids of the selected folders, or null for the whole drive. */
    private readonly scopeRoots: ReadonlySet<string> | null,
  ) {
    this.folders.set(rootId, { path: rootPath, inScope: scopeRoots === null });
  }

  /** Entries still waiting for their folder. */
  get pending(): number {
    return this.waitingCount;
  }

  /** The ids of the folders above `id` that this listing saw, nearest first. */
  ancestors(id: string): string[] {
    const out: string[] = [];
    for (let p = this.parents.get(id); p && !out.includes(p); p = this.parents.get(p)) out.push(p);
    return out;
  }

  /** Adds one entry; returns every entry placed by it (itself, and any that waited for it). */
  add(item: TreeItem<T>): Placed<T>[] {
    const out: Placed<T>[] = [];
    if (item.isFolder) this.parents.set(item.id, item.parentId);
    const parent = item.parentId === null ? undefined : this.folders.get(item.parentId);
    if (parent) this.place(item, parent, out);
    else if (item.parentId === null) this.place(item, this.unreachable(), out);
    else {
      const list = this.waiting.get(item.parentId);
      if (list) list.push(item);
      else this.waiting.set(item.parentId, [item]);
      this.waitingCount++;
    }
    return out;
  }

  /** Places what is still waiting: its folder is outside what the account can see. */
  finish(): Placed<T>[] {
    const out: Placed<T>[] = [];
    const waitingItems = new Set([...this.waiting.values()].flat().map((i) => i.id));
    // Start from the top of each orphaned chain (a parent that is not itself waiting), then anything left (cycles).
    for (const parentId of [...this.waiting.keys()]) {
      if (!waitingItems.has(parentId)) this.release(parentId, this.unreachable(), out);
    }
    // A cycle (folders in each other) never reaches a placed folder: one folder of it goes under UNREACHABLE and
    // the rest of the cycle follows below it, so every entry's path still runs through its parent's.
    for (const parentId of [...this.waiting.keys()]) {
      if (!this.waiting.has(parentId)) continue;
      const folder = this.takeWaiting(this.inCycleAbove(parentId));
      if (folder) this.place(folder, this.unreachable(), out);
      else this.release(parentId, this.unreachable(), out);
    }
    return out;
  }

  /** A folder of the cycle that `id` is in or below: the last new one on the way up before a repeat. */
  private inCycleAbove(id: string): string {
    const seen = new Set<string>();
    let last = id;
    for (let at: string | null | undefined = id; at != null && !seen.has(at); at = this.parents.get(at)) {
      seen.add(at);
      last = at;
    }
    return last;
  }

  /** The waiting folder `id`, taken off its parent's waiting list; undefined when it is not waiting. */
  private takeWaiting(id: string): TreeItem<T> | undefined {
    const parentId = this.parents.get(id);
    const list = parentId === undefined || parentId === null ? undefined : this.waiting.get(parentId);
    const index = list?.findIndex((item) => item.id === id) ?? -1;
    if (!list || index < 0) return undefined;
    const [item] = list.splice(index, 1);
    if (list.length === 0) this.waiting.delete(parentId!);
    this.waitingCount--;
    return item;
  }

  private unreachable() {
    return { path: `${this.rootPath}/${UNREACHABLE}`, inScope: this.scopeRoots === null };
  }

  private release(parentId: string, parent: { path: string; inScope: boolean }, out: Placed<T>[]): void {
    const children = this.waiting.get(parentId);
    if (!children) return;
    this.waiting.delete(parentId);
    this.waitingCount -= children.length;
    for (const child of children) this.place(child, parent, out);
  }

  private place(item: TreeItem<T>, parent: { path: string; inScope: boolean }, out: Placed<T>[]): void {
    const stack: [TreeItem<T>, { path: string; inScope: boolean }][] = [[item, parent]];
    while (stack.length) {
      const [it, p] = stack.pop()!;
      const placed = {
        item: it,
        path: `${p.path}/${segment(it.name)}`,
        inScope: p.inScope || (this.scopeRoots?.has(it.id) ?? false),
      };
      out.push(placed);
      if (!it.isFolder || this.folders.has(it.id)) continue;
      this.folders.set(it.id, { path: placed.path, inScope: placed.inScope });
      const children = this.waiting.get(it.id);
      if (children) {
        this.waiting.delete(it.id);
        this.waitingCount -= children.length;
        for (const c of children) stack.push([c, placed]);
      }
    }
  }
}
