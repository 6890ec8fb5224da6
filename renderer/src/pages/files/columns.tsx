/** The Files table's columns: header label, sort field, and how a cell renders. */
import type { ReactNode } from 'react';
import type { CatalogFile } from '../../../../src/contract/model';
import type { SortField } from '../../../../src/contract/schemas';
import { FileIcon, FolderIcon } from '../../components/Icons';
import { formatBytes, formatDateTime } from '../../lib/format';

export interface Column {
  id: string;
  label: string;
  sort: SortField;
  align?: 'end';
  render(file: CatalogFile): ReactNode;
  /** Full text for the tooltip when the cell truncates. */
  title?(file: CatalogFile): string;
}

/** Columns in display order; widths live in CSS (grid-template-columns on .ftable-row). */
export const columns: Column[] = [
  {
    id: 'name',
    label: 'Name',
    sort: 'name',
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
  {
    id: 'path',
    label: 'Path',
    sort: 'path',
    // Long paths keep their end (the file) visible: the cell is rtl, the path inside stays ltr.
    render: (f) => (
      <span className="cell-text path-text">
        <bdi dir="ltr">{f.path}</bdi>
      </span>
    ),
    title: (f) => f.path,
  },
  {
    id: 'endpoint',
    label: 'Endpoint',
    sort: 'endpoint',
    render: (f) => <span className="cell-text">{f.endpointName}</span>,
    title: (f) => f.endpointName,
  },
  { id: 'size', label: 'Size', sort: 'size', align: 'end', render: (f) => (f.isFolder ? '—' : formatBytes(f.size)) },
  { id: 'modified', label: 'Modified', sort: 'modifiedTime', render: (f) => formatDateTime(f.modifiedTime) },
  {
    id: 'type',
    label: 'Type',
    sort: 'extension',
    render: (f) =>
      f.isFolder ? (
        <span className="muted">Folder</span>
      ) : f.extension ? (
        <span className="ext">{f.extension}</span>
      ) : (
        '—'
      ),
  },
];
