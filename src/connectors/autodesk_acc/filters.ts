/** The endpoint's filters and folder scope as tests on what the crawl meets. */
import type { Filters } from '../../contract/schemas.js';

/** What the file filters look at. */
export interface FileFacts {
  extension: string | null;
  mimeType: string | null;
  modifiedTime: string | null;
}

/** True when a file passes `extensions`, `mimeTypes` and `modifiedAfter`. Folders are always kept. */
export function createFileFilter(filters: Filters): (file: FileFacts) => boolean {
  const extensions = filters.extensions?.length ? new Set(filters.extensions) : null;
  const mimeTypes = filters.mimeTypes?.length ? filters.mimeTypes.map((m) => m.trim().toLowerCase()) : null;
  const after = filters.modifiedAfter ? Date.parse(filters.modifiedAfter) : Number.NaN;
  return (file) => {
    if (extensions && (file.extension === null || !extensions.has(file.extension))) return false;
    if (mimeTypes) {
      const mime = file.mimeType?.toLowerCase() ?? '';
      const ok = mimeTypes.some(
        (m) => m === '*/*' || m === mime || (m.endsWith('/*') && mime.startsWith(m.slice(0, -1))),
      );
      if (!ok) return false;
    }
    if (!Number.isNaN(after) && !(file.modifiedTime !== null && Date.parse(file.modifiedTime) > after)) return false;
    return true;
  };
}

/** Folder scope from `scope.folders` (paths from the project name); everything when absent. */
export class FolderScope {
  private readonly roots: string[] | null;

  constructor(folders: readonly string[] | undefined) {
    this.roots = folders?.length ? folders.map((f) => f.replace(/^\/+|\/+$/g, '')) : null;
  }

  /** A folder is visited when it is a chosen folder, lies below one, or lies on the way to one. */
  visits(path: string): boolean {
    return !this.roots || this.roots.some((r) => path === r || path.startsWith(`${r}/`) || r.startsWith(`${path}/`));
  }

  /** Files are kept only in a chosen folder or below one (not in the folders on the way). */
  keepsFilesIn(folderPath: string): boolean {
    return !this.roots || this.roots.some((r) => folderPath === r || folderPath.startsWith(`${r}/`));
  }
}
