/** The Files table's columns: header label, sort field, width, and how a cell renders. */
import type { ReactNode } from 'react';
import type { CatalogFile } from '../../../../src/contract/model';
import type { SortField } from '../../../../src/contract/schemas';
import { FileIcon, FolderIcon } from '../../components/Icons';
import { formatBytes, formatDateTime } from '../../lib/format';
import type { FileColumnId } from '../../store/files';

export interface Column {
  id: FileColumnId;
  label: string;
  /** The core's sort for this column; null when it cannot be sorted. */
  sort: SortField | null;
  /** Its grid track, e.g. `84px` or `minmax(160px, 3fr)`. */
  width: string;
  /** Smallest width it takes, for the table's minimum width. */
  minWidth: number;
  /** Kept when the details panel narrows the table (the panel repeats the others). */
  keepWhenNarrow?: boolean;
  align?: 'end';
  render(file: CatalogFile): ReactNode;
  /** Full text for the tooltip when the cell truncates. */
  title?(file: CatalogFile): string;
}

const text = (value: string | null) => (value ? <span className="cell-text">{value}</span> : '—');

const all: Record<FileColumnId, Column> = {
  name: {
    id: 'name',
    label: 'Name',
    sort: 'name',
    width: 'minmax(180px, 2.2fr)',
    minWidth: 180,
    keepWhenNarrow: true,
    render: (f) => (
      <>
        <span className={`file-icon ${f.isFolder ? 'is-folder' : ''}`} aria-hidden="true">
          {f.isFolder ? <FolderIcon /> : <FileIcon />}
        </span>
        <span className="cell-text">{f.name}</span>
      </>
    ),
    title: (f) => f.name,
  },
  path: {
    id: 'path',
    label: 'Path',
    sort: 'path',
    width: 'minmax(160px, 3fr)',
    minWidth: 160,
    keepWhenNarrow: true,
    // Long paths keep their end (the file) visible: the cell is rtl, the path inside stays ltr.
    render: (f) => (
      <span className="cell-text path-text">
        <bdi dir="ltr">{f.path}</bdi>
      </span>
    ),
    title: (f) => f.path,
  },
  endpoint: {
    id: 'endpoint',
    label: 'Endpoint',
    sort: 'endpoint',
    width: 'minmax(110px, 1.1fr)',
    minWidth: 110,
    render: (f) => text(f.endpointName),
    title: (f) => f.endpointName,
  },
  size: {
    id: 'size',
    label: 'Size',
    sort: 'size',
    width: '84px',
    minWidth: 84,
    keepWhenNarrow: true,
    align: 'end',
    render: (f) => (f.isFolder ? '—' : formatBytes(f.size)),
  },
  modified: {
    id: 'modified',
    label: 'Modified',
    sort: 'modifiedTime',
    width: '172px',
    minWidth: 172,
    keepWhenNarrow: true,
    render: (f) => formatDateTime(f.modifiedTime),
  },
  modifiedBy: {
    id: 'modifiedBy',
    label: 'Modified by',
    sort: 'modifiedBy',
    width: 'minmax(120px, 1fr)',
    minWidth: 120,
    render: (f) => text(f.modifiedBy),
    title: (f) => f.modifiedBy ?? '',
  },
  type: {
    id: 'type',
    label: 'Type',
    sort: 'extension',
    width: '76px',
    minWidth: 76,
    render: (f) =>
      f.isFolder ? (
        <span className="muted">Folder</span>
      ) : f.extension ? (
        <span className="ext">{f.extension}</span>
      ) : (
        '—'
      ),
  },
  created: {
    id: 'created',
    label: 'Created',
    sort: 'createdTime',
    width: '172px',
    minWidth: 172,
    render: (f) => formatDateTime(f.createdTime),
  },
  createdBy: {
    id: 'createdBy',
    label: 'Created by',
    sort: null,
    width: 'minmax(120px, 1fr)',
    minWidth: 120,
    render: (f) => text(f.createdBy),
    title: (f) => f.createdBy ?? '',
  },
  version: {
    id: 'version',
    label: 'Version',
    sort: null,
    width: '76px',
    minWidth: 76,
    align: 'end',
    render: (f) => f.version ?? '—',
  },
  mimeType: {
    id: 'mimeType',
    label: 'MIME type',
    sort: null,
    width: 'minmax(140px, 1fr)',
    minWidth: 140,
    render: (f) => text(f.mimeType),
    title: (f) => f.mimeType ?? '',
  },
};

/** Every column, in display order. */
export const allColumns: Column[] = Object.values(all);

/** The definitions of `ids`, in display order. */
export function columnsOf(ids: readonly FileColumnId[]): Column[] {
  return allColumns.filter((c) => ids.includes(c.id));
}

/** CSS custom properties for a grid of `columns`: its tracks and minimum width, wide and narrowed. */
export function gridStyle(columns: Column[]): Record<string, string> {
  const narrow = columns.filter((c) => c.keepWhenNarrow);
  const min = (cs: Column[]) => `${cs.reduce((n, c) => n + c.minWidth, 0)}px`;
  return {
    '--ftable-columns': columns.map((c) => c.width).join(' '),
    '--ftable-min-width': min(columns),
    '--ftable-columns-narrow': narrow.map((c) => c.width).join(' '),
    '--ftable-min-width-narrow': min(narrow),
  };
}
