/**
 * The fake Drive's in-memory truth: shared drives, folders and files, plus the change log that the Changes API
 * replays. Every mutation helper records a change for each entry it touches, in each drive it touches.
 */

export const FOLDER = 'application/vnd.google-apps.folder';
export const GOOGLE_DOC = 'application/vnd.google-apps.document';
export const SHORTCUT = 'application/vnd.google-apps.shortcut';

interface Person {
  displayName: string;
  emailAddress: string;
}

/** One entry as Drive's v3 `File` resource describes it (sizes and versions are strings, as on the wire). */
export interface FakeFile {
  kind: 'drive#file';
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  driveId?: string;
  trashed: boolean;
  size?: string;
  md5Checksum?: string;
  createdTime: string;
  modifiedTime: string;
  version: string;
  owners?: Person[];
  lastModifyingUser?: Person;
  shared: boolean;
  webViewLink: string;
  webContentLink?: string;
  exportLinks?: Record<string, string>;
  shortcutDetails?: { targetId: string; targetMimeType: string };
  permissions?: { type: string; role: string; emailAddress?: string }[];
}

interface Entry {
  file: FakeFile;
  /** False once the account lost access (moved out of its reach); the Changes API then reports `removed`. */
  visible: boolean;
}

interface LoggedChange {
  seq: number;
  /** 'user' (My Drive) or a shared drive id. */
  corpus: string;
  fileId: string;
  time: string;
  /** The entry was deleted for good. */
  gone: boolean;
}

export const USER: Person = { displayName: 'Dana Designer', emailAddress: 'dana@example.com' };

/** The drives, files and change log of one fake account. */
export class DriveTruth {
  readonly myDriveRootId = '0AMyDriveRootFolder';
  readonly drives = new Map<string, { id: string; name: string }>();
  private readonly entries = new Map<string, Entry>();
  readonly changes: LoggedChange[] = [];
  /** Change tokens below this are rejected (tests expire them). */
  minValidSeq = 1;
  private seq = 1;
  private ids = 0;
  private clock = Date.parse('2024-03-01T00:00:00.000Z');

  private nextId(prefix: string): string {
    return `${prefix}${(++this.ids).toString(36).padStart(6, '0')}`;
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  /** The current change sequence number: a start page token. */
  get currentSeq(): number {
    return this.seq;
  }

  addDrive(name: string): string {
    const id = this.nextId('0ASharedDrive');
    this.drives.set(id, { id, name });
    return id;
  }

  renameDrive(id: string, name: string): void {
    this.drives.get(id)!.name = name;
  }

  /** The shared drive `parentId` lives in (a drive root or anything below one), or undefined for My Drive. */
  private driveOf(parentId: string): string | undefined {
    if (this.drives.has(parentId)) return parentId;
    if (parentId === this.myDriveRootId) return undefined;
    const parent = this.entries.get(parentId);
    if (!parent) throw new Error(`fake drive: no parent ${parentId}`);
    return parent.file.driveId;
  }

  addFolder(parentId: string, name: string, extra: Partial<FakeFile> = {}): string {
    return this.add(parentId, name, { mimeType: FOLDER, ...extra });
  }

  /** Adds a file (binary with a size and checksum unless `extra` says otherwise) and returns its id. */
  addFile(parentId: string, name: string, extra: Partial<FakeFile> = {}): string {
    const mimeType = extra.mimeType ?? 'application/pdf';
    const binary = !mimeType.startsWith('application/vnd.google-apps.');
    return this.add(parentId, name, {
      mimeType,
      ...(binary ? { size: String(name.length * 100), md5Checksum: `md5-${name.length}` } : {}),
      ...extra,
    });
  }

  private add(parentId: string, name: string, extra: Partial<FakeFile>): string {
    const id = extra.id ?? this.nextId('f');
    const at = this.tick();
    const driveId = this.driveOf(parentId);
    const file: FakeFile = {
      kind: 'drive#file',
      id,
      name,
      mimeType: FOLDER,
      parents: [parentId],
      ...(driveId ? { driveId } : { owners: [USER] }),
      trashed: false,
      createdTime: at,
      modifiedTime: at,
      version: '1',
      lastModifyingUser: USER,
      shared: driveId !== undefined,
      webViewLink: `https://drive.example.com/${id}/view`,
      ...extra,
    };
    if (file.mimeType !== FOLDER && !file.mimeType.startsWith('application/vnd.google-apps.')) {
      file.webContentLink ??= `https://drive.example.com/${id}/download`;
    }
    this.entries.set(id, { file, visible: true });
    this.record(file, false);
    return id;
  }

  private record(file: FakeFile, gone: boolean, corpus = file.driveId ?? 'user'): void {
    this.changes.push({ seq: this.seq++, corpus, fileId: file.id, time: this.tick(), gone });
  }

  get(id: string): FakeFile {
    const e = this.entries.get(id);
    if (!e) throw new Error(`fake drive: no file ${id}`);
    return e.file;
  }

  /** The entry as the account sees it now, or undefined when deleted or out of reach. */
  visible(id: string): FakeFile | undefined {
    const e = this.entries.get(id);
    return e?.visible ? e.file : undefined;
  }

  /** Every entry the account can see, in the order they were added. */
  all(): FakeFile[] {
    return [...this.entries.values()].filter((e) => e.visible).map((e) => e.file);
  }

  /** `id` and everything below it. */
  subtree(id: string): FakeFile[] {
    const out: FakeFile[] = [];
    const walk = (pid: string) => {
      for (const e of this.entries.values()) {
        if (e.file.parents.includes(pid)) {
          out.push(e.file);
          walk(e.file.id);
        }
      }
    };
    out.push(this.get(id));
    walk(id);
    return out;
  }

  /** Changes a file's content or metadata: new modified time and version. */
  modify(id: string, patch: Partial<FakeFile> = {}): void {
    const f = this.get(id);
    Object.assign(f, { size: String(Number(f.size ?? 0) + 1) }, patch, {
      modifiedTime: this.tick(),
      version: String(Number(f.version) + 1),
    });
    this.record(f, false);
  }

  rename(id: string, name: string): void {
    const f = this.get(id);
    f.name = name;
    f.version = String(Number(f.version) + 1);
    this.record(f, false);
  }

  /** Moves an entry (and its subtree) under another folder, possibly into another drive. */
  move(id: string, newParentId: string): void {
    const f = this.get(id);
    const from = f.driveId;
    const to = this.driveOf(newParentId);
    f.parents = [newParentId];
    for (const e of this.subtree(id)) {
      if (from !== to) {
        this.record(e, false, from ?? 'user');
        if (to) e.driveId = to;
        else delete e.driveId;
      }
      if (e === f || from !== to) this.record(e, false);
    }
  }

  /** Trashes an entry; Drive trashes everything below a folder with it. */
  trash(id: string, trashed = true): void {
    for (const e of this.subtree(id)) {
      e.trashed = trashed;
      this.record(e, false);
    }
  }

  /** Deletes an entry for good, with its subtree. */
  remove(id: string): void {
    for (const e of this.subtree(id)) {
      this.entries.delete(e.id);
      this.record(e, true);
    }
  }

  /** The account loses access to an entry and its subtree (unshared, or moved where it cannot see). */
  revoke(id: string): void {
    for (const f of this.subtree(id)) {
      this.entries.get(f.id)!.visible = false;
      this.record(f, true);
    }
  }

  /** Logged changes of one corpus from `seq` on. */
  changesSince(corpus: string, seq: number): LoggedChange[] {
    return this.changes.filter((c) => c.corpus === corpus && c.seq >= seq);
  }
}
