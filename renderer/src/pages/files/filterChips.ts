/** The active filters as chips ("Extension: pdf"), each with what removing it changes. */
import type { EndpointSummary } from '../../../../src/contract/model';
import { formatBytes } from '../../lib/format';
import type { FileFilters } from '../../store/files';

export interface FilterChip {
  key: string;
  label: string;
  /** The query change that removes this filter. */
  remove: Partial<FileFilters>;
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A local calendar day `YYYY-MM-DD` as the user's locale writes it. */
export function formatDay(value: string): string {
  const [y, m, d] = value.split('-').map(Number);
  return day.format(new Date(y!, m! - 1, d!));
}

/** "1.0 MB – 10 MB", "at least 1.0 MB", "at most 10 MB". */
function range(from: string | null, to: string | null, atLeast: string, atMost: string): string {
  if (from !== null && to !== null) return `${from} – ${to}`;
  return from !== null ? `${atLeast} ${from}` : `${atMost} ${to}`;
}

/** One chip per endpoint and extension chosen, one for each other filter set. */
export function filterChips(f: FileFilters, endpoints: EndpointSummary[]): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const id of f.endpointIds) {
    const name = endpoints.find((e) => e.id === id)?.name ?? `#${id}`;
    chips.push({
      key: `endpoint-${id}`,
      label: `Endpoint: ${name}`,
      remove: { endpointIds: f.endpointIds.filter((e) => e !== id) },
    });
  }
  if (f.kind !== 'all') {
    chips.push({
      key: 'kind',
      label: `Type: ${f.kind === 'files' ? 'files only' : 'folders only'}`,
      remove: { kind: 'all' },
    });
  }
  for (const ext of f.extensions) {
    chips.push({
      key: `ext-${ext}`,
      label: `Extension: ${ext}`,
      remove: { extensions: f.extensions.filter((e) => e !== ext) },
    });
  }
  if (f.minSize !== null || f.maxSize !== null) {
    const bytes = (n: number | null) => (n === null ? null : formatBytes(n));
    chips.push({
      key: 'size',
      label: `Size: ${range(bytes(f.minSize), bytes(f.maxSize), 'at least', 'at most')}`,
      remove: { minSize: null, maxSize: null },
    });
  }
  if (f.modifiedFrom !== null || f.modifiedTo !== null) {
    const when = (d: string | null) => (d === null ? null : formatDay(d));
    chips.push({
      key: 'modified',
      label: `Modified: ${range(when(f.modifiedFrom), when(f.modifiedTo), 'from', 'until')}`,
      remove: { modifiedFrom: null, modifiedTo: null },
    });
  }
  if (f.modifiedBy !== null) {
    chips.push({ key: 'modifiedBy', label: `Modified by: ${f.modifiedBy}`, remove: { modifiedBy: null } });
  }
  return chips;
}
