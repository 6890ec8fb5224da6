/**
 * The crawl: hubs, projects, top folders, then every folder's contents, folders in parallel as fast as their
 * pacer allows. It returns the `lastModifiedTimeRollup` of each folder whose whole subtree it listed; with the
 * previous run's rollups an incremental crawl skips every unchanged subtree. A re-listed folder is reconciled
 * with the catalog's children of it; what vanished is deleted only once the whole crawl succeeded, in the same
 * batch that stores the new rollups, so a failed run can never mark a subtree done without its deletions.
 */
import type { Filters } from '../../contract/schemas.js';
import type { FileRecord, SyncContext } from '../types.js';
import { ApsHttpError, type ApsClient } from './client.js';
import { createFileFilter, FolderScope } from './filters.js';
import { listHubs, listProjects, projectMatches } from './hubs.js';
import { extensionOf, fileRecord, folderRecord, projectRecord, type Place } from './records.js';
import type { AutodeskAccSettings } from './settings.js';
import {
  folderSchema,
  itemSchema,
  parseWire,
  versionSchema,
  WireError,
  type Folder,
  type Item,
  type Version,
} from './wire.js';

/** A project as remembered in the cursor, to notice one that is no longer visible. */
export interface KnownProject {
  id: string;
  name: string;
  hubId: string;
}

export interface CrawlOptions {
  client: ApsClient;
  ctx: Pick<SyncContext, 'known' | 'children' | 'log'>;
  settings: AutodeskAccSettings;
  filters: Filters;
  /** Skip subtrees whose rollup is unchanged (incremental); false lists everything (snapshot). */
  skipUnchanged: boolean;
  /** Projects the previous run saw. */
  previousProjects: KnownProject[];
  /** Folder id to the rollup (epoch ms) up to which its subtree is in the catalog, from the previous run. */
  previousRollups: ReadonlyMap<string, number>;
  emit(records: FileRecord[]): void;
  /** A folder's whole subtree was listed and emitted (all of it before this call), up to `rollup`. */
  completed?(folderId: string, rollup: number): void;
}

export interface CrawlResult {
  /** Paths whose entries must be kept although they were not listed (unreadable or no longer visible). */
  unreadablePaths: string[];
  /** Projects to remember: those listed now and those kept although no longer visible. */
  projects: KnownProject[];
  /** Rollups to remember; complete only together with `deletions()`. */
  rollups: Map<string, number>;
}

/** A folder (or project) whose listing is being read. */
interface Listing {
  parentId: string;
  path: string;
  place: Place;
  /** Children listed and kept, so the catalog's other children of it have vanished. */
  kept: Set<string>;
  subfolders: Promise<boolean>[];
  /** An entry of it was skipped as malformed: it is not complete, so the next run lists it again. */
  damaged: boolean;
}

/** One crawl of an endpoint. */
export class Crawler {
  /** Entries skipped because Autodesk described them too badly to catalog. */
  skipped = 0;
  private readonly seen = new Set<string>();
  private readonly vanished = new Set<string>();
  private readonly unreadable: string[] = [];
  private readonly keepFile;
  private readonly scope;
  /** A snapshot starts afresh; a delta carries over what it does not revisit. */
  private readonly rollups: Map<string, number>;

  constructor(private readonly o: CrawlOptions) {
    this.keepFile = createFileFilter(o.filters);
    this.scope = new FolderScope(o.settings.scope.folders);
    this.rollups = new Map(o.skipUnchanged ? o.previousRollups : []);
  }

  async run(): Promise<CrawlResult> {
    const { client, settings, ctx } = this.o;
    const clientId = settings.auth.clientId;
    let hubs = await listHubs(client, clientId, (m) => ctx.log.warn(m));
    if (settings.scope.hubId) {
      const wanted = settings.scope.hubId;
      const hub = hubs.find((h) => h.id === wanted || h.id === `b.${wanted}`);
      if (!hub) {
        const visible = hubs.map((h) => `${h.attributes.name} (${h.id})`).join(', ') || 'none';
        throw new Error(`Hub ${wanted} (scope.hubId) is not visible to these credentials. Visible hubs: ${visible}.`);
      }
      hubs = [hub];
    }
    const wanted = settings.scope.projects;
    const listed: KnownProject[] = [];
    const crawls: Promise<boolean>[] = [];
    for (const hub of hubs) {
      const place = { hubId: hub.id, region: hub.attributes.region ?? null };
      for (const project of await listProjects(client, hub.id)) {
        const known = { id: project.id, name: project.attributes.name, hubId: hub.id };
        if (wanted.length && !wanted.some((w) => projectMatches(w, known))) continue;
        if (!this.scope.visits(known.name)) continue;
        listed.push(known);
        crawls.push(handledLater(this.crawlProject(known, { ...place, projectId: project.id }, hub.attributes.name)));
      }
    }
    const missing = this.missingProjects(
      listed,
      hubs.map((h) => h.id),
    );
    await Promise.all(crawls);
    return { unreadablePaths: [...this.unreadable], projects: [...listed, ...missing], rollups: this.rollups };
  }

  /**
   * What vanished from the folders listed in full, with the catalog's subtree of each vanished folder, except
   * entries seen elsewhere in this crawl (moved). Call after the crawl's last records are written.
   */
  deletions(): string[] {
    const out: string[] = [];
    const expand = (id: string) => {
      if (this.seen.has(id)) return;
      this.seen.add(id);
      this.rollups.delete(id);
      out.push(id);
      for (const child of this.o.ctx.children(id)) expand(child.sourceId);
    };
    for (const id of this.vanished) expand(id);
    return out;
  }

  /**
   * Named or previously synced projects that are not listed: reported and kept, never emptied. Previously
   * synced ones come from the cursor and, as a forced full sync has no cursor, from the catalog's projects of
   * each listed hub.
   */
  private missingProjects(listed: KnownProject[], hubIds: string[]): KnownProject[] {
    const { settings, ctx } = this.o;
    const wanted = settings.scope.projects;
    const hubId = settings.scope.hubId;
    const previous = [...this.o.previousProjects];
    for (const hub of hubIds) {
      for (const r of ctx.children(hub)) {
        if (r.extras?.kind === 'project' && !previous.some((p) => p.id === r.sourceId)) {
          previous.push({ id: r.sourceId, name: r.name, hubId: hub });
        }
      }
    }
    const missing: KnownProject[] = [];
    for (const entry of wanted) {
      if (listed.some((p) => projectMatches(entry, p))) continue;
      const before = previous.find((p) => projectMatches(entry, p));
      ctx.log.warn(
        `Autodesk project "${entry}" (scope.projects) is not visible to these credentials: check its name or id, ` +
          `and that the user or app still has access to it.${before ? ' Its files are kept in the catalog.' : ''}`,
      );
      this.unreadable.push(before?.name ?? entry);
      if (before) missing.push(before);
    }
    for (const before of previous) {
      if (listed.some((p) => p.id === before.id) || missing.includes(before)) continue;
      if (hubId && before.hubId !== hubId && before.hubId !== `b.${hubId}`) continue;
      if (wanted.length && !wanted.some((w) => projectMatches(w, before))) continue;
      ctx.log.warn(
        `Autodesk project "${before.name}" is no longer visible to these credentials; its files are kept in the ` +
          `catalog until access is restored or the project is removed from the endpoint.`,
      );
      this.unreadable.push(before.name);
      missing.push(before);
    }
    return missing;
  }

  private async crawlProject(project: KnownProject, place: Place, hubName: string): Promise<boolean> {
    const { client, settings } = this.o;
    this.seen.add(project.id);
    this.o.emit([projectRecord(project.id, project.name, { ...place, hubName })]);
    const listing = this.listing(project.id, project.name, place);
    const query = settings.includeHidden ? '?includeHidden=true' : '';
    const url = client.url(
      `/project/v1/hubs/${encodeURIComponent(project.hubId)}/projects/${encodeURIComponent(project.id)}/topFolders${query}`,
    );
    try {
      for await (const doc of client.pages('topFolders', url, `top folders of project "${project.name}"`)) {
        for (const r of doc.data) {
          if (r.type !== 'folders') continue;
          this.readEntry(listing, r, () =>
            this.addFolder(listing, parseWire(folderSchema, r, `top folder of project "${project.name}"`)),
          );
        }
      }
    } catch (error) {
      if (!isUnreadableFolder(error)) throw error;
      // Access to the project was lost between the listings (or a page of it is garbled): keep its files.
      await Promise.allSettled(listing.subfolders);
      this.o.ctx.log.warn(`Skipped Autodesk project "${project.name}": ${error.message}`);
      this.unreadable.push(project.name);
      return false;
    }
    return this.finish(listing);
  }

  private listing(parentId: string, path: string, place: Place): Listing {
    return { parentId, path, place, kept: new Set(), subfolders: [], damaged: false };
  }

  /**
   * Reads one entry of a listing with `read`; one Autodesk describes too badly to catalog is logged and skipped,
   * and whatever the catalog has of it stays (the folder is listed again next time).
   */
  private readEntry(listing: Listing, resource: { id: string }, read: () => void): void {
    try {
      read();
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      this.skipped++;
      listing.damaged = true;
      listing.kept.add(resource.id);
      this.seen.add(resource.id);
      this.o.ctx.log.warn(`Skipped an entry (${resource.id}) of Autodesk folder "${listing.path}": ${error.message}`);
      const known = this.o.ctx.known(resource.id);
      if (!known) return;
      this.o.emit([known]);
      // A folder's subtree is not listed: the sweep must not take it for gone.
      if (known.isFolder) this.unreadable.push(known.path);
    }
  }

  /** Handles a listed folder: skipped when unchanged, re-pathed when only moved, crawled otherwise. */
  private addFolder(listing: Listing, folder: Folder): void {
    const path = `${listing.path}/${folder.attributes.name}`;
    if (!this.scope.visits(path)) return;
    if (folder.attributes.hidden && !this.o.settings.includeHidden) return;
    listing.kept.add(folder.id);
    if (this.seen.has(folder.id)) {
      // Listed inside its own subtree, or twice: crawling it again would never end or repeat work.
      this.o.ctx.log.warn(
        `Autodesk listed folder ${folder.id} again, as "${path}" (inside its own subtree, or on two pages): it is crawled once`,
      );
      return;
    }
    this.seen.add(folder.id);
    listing.subfolders.push(handledLater(this.visitFolder(folder, path, listing.parentId, listing.place)));
  }

  private async visitFolder(folder: Folder, path: string, parentId: string, place: Place): Promise<boolean> {
    const known = this.o.ctx.known(folder.id);
    const before = this.o.previousRollups.get(folder.id);
    const parsed = Date.parse(folder.attributes.lastModifiedTimeRollup ?? '');
    const rollup = Number.isNaN(parsed) ? null : parsed;
    this.o.emit([folderRecord(folder, path, parentId, place)]);
    if (this.o.skipUnchanged && known && rollup !== null && before === rollup) {
      // Nothing below changed; a new path means a parent was renamed or the folder moved, so re-path the
      // subtree from the catalog without asking Autodesk.
      if (known.path !== path) this.repath(folder.id, path);
      return true;
    }
    const complete = await this.crawlContents(folder, path, place);
    // Only a subtree listed in full may be skipped next time; otherwise keep the rollup it was last done at.
    if (complete && rollup !== null) {
      this.rollups.set(folder.id, rollup);
      this.o.completed?.(folder.id, rollup);
    } else if (before !== undefined) this.rollups.set(folder.id, before);
    else this.rollups.delete(folder.id);
    return complete;
  }

  /** Emits the catalog's subtree of `folderId` under its new path. */
  private repath(folderId: string, path: string): void {
    const moved: FileRecord[] = [];
    const walk = (id: string, base: string) => {
      for (const child of this.o.ctx.children(id)) {
        const childPath = `${base}/${child.name}`;
        this.seen.add(child.sourceId);
        if (child.path !== childPath) moved.push({ ...child, path: childPath });
        if (child.isFolder) walk(child.sourceId, childPath);
      }
    };
    walk(folderId, path);
    if (moved.length) this.o.emit(moved);
  }

  private async crawlContents(folder: Folder, path: string, place: Place): Promise<boolean> {
    const { client, settings, ctx } = this.o;
    const listing = this.listing(folder.id, path, place);
    const query = `page[limit]=200${settings.includeHidden ? '&includeHidden=true' : ''}`;
    const url = client.url(
      `/data/v1/projects/${encodeURIComponent(place.projectId)}/folders/${encodeURIComponent(folder.id)}/contents?${query}`,
    );
    try {
      for await (const doc of client.pages('folderContents', url, `contents of folder "${path}"`)) {
        // A malformed version leaves its item without a tip, which skips the item below.
        const versions = new Map<string, Version>();
        for (const r of doc.included ?? []) {
          if (r.type !== 'versions') continue;
          const version = versionSchema.safeParse(r);
          if (version.success) versions.set(r.id, version.data);
        }
        const records: FileRecord[] = [];
        for (const r of doc.data) {
          if (r.type === 'folders') {
            this.readEntry(listing, r, () =>
              this.addFolder(listing, parseWire(folderSchema, r, `folder in "${path}"`)),
            );
          } else if (r.type === 'items') {
            this.readEntry(listing, r, () => {
              const item = parseWire(itemSchema, r, `item in folder "${path}"`);
              const record = this.itemRecord(item, versions, listing);
              if (record) records.push(record);
            });
          } else ctx.log.debug(`Skipped a "${r.type}" entry in Autodesk folder "${path}"`);
        }
        if (records.length) this.o.emit(records);
      }
    } catch (error) {
      if (!isUnreadableFolder(error)) throw error;
      // A folder the user may not open, one deleted since it was listed, or a page of it Autodesk garbled:
      // keep what the catalog has below it.
      await Promise.allSettled(listing.subfolders);
      ctx.log.warn(`Skipped Autodesk folder "${path}": ${error.message}`);
      this.unreadable.push(path);
      return false;
    }
    return this.finish(listing);
  }

  private itemRecord(item: Item, versions: Map<string, Version>, listing: Listing): FileRecord | null {
    const tipId = item.relationships.tip.data.id;
    const tip = versions.get(tipId);
    if (!tip) {
      throw new WireError(
        `Autodesk listed file ${item.id} in folder "${listing.path}" without its tip version ${tipId} in "included".`,
      );
    }
    if (item.attributes.hidden && !this.o.settings.includeHidden) return null;
    if (!this.scope.keepsFilesIn(listing.path)) return null;
    const record = fileRecord(item, tip, `${listing.path}/${tip.attributes.name}`, listing.parentId, listing.place);
    const facts = { extension: extensionOf(record.name), mimeType: record.mimeType, modifiedTime: record.modifiedTime };
    if (!this.keepFile(facts)) return null;
    listing.kept.add(item.id);
    this.seen.add(item.id);
    return record;
  }

  /** After a full listing: what the catalog holds under it but Autodesk no longer lists has vanished. */
  private async finish(listing: Listing): Promise<boolean> {
    for (const child of this.o.ctx.children(listing.parentId)) {
      if (!listing.kept.has(child.sourceId)) this.vanished.add(child.sourceId);
    }
    const results = await Promise.all(listing.subfolders);
    return results.every(Boolean) && !listing.damaged;
  }
}

/**
 * Marks a promise that is awaited later (with its siblings) as handled now: one that fails while the crawl still
 * lists must not count as an unhandled rejection meanwhile, which would end the process. Its failure still
 * reaches whoever awaits it.
 */
function handledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Errors that make one folder unreadable rather than the crawl a failure: no access, gone, or a garbled page. */
function isUnreadableFolder(error: unknown): error is ApsHttpError | WireError {
  return (
    (error instanceof ApsHttpError && (error.status === 403 || error.status === 404)) || error instanceof WireError
  );
}
