/**
 * The virtualized catalog table: only visible rows exist in the DOM, rows come from the page cache, and
 * missing pages are requested for the visible range. Keyboard: arrows/Page/Home/End move, Enter opens, the
 * context-menu key (or Shift+F10, or a right click) offers the row's actions, Ctrl/Cmd+C copies its link.
 */
import { observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';
import type { CatalogFile } from '../../../../src/contract/model';
import type { SortField } from '../../../../src/contract/schemas';
import { useEndpointsStore } from '../../store/endpoints';
import { rowAt, useFilesStore } from '../../store/files';
import { columnsOf, gridStyle } from './columns';
import { fullPathOf, openExternal, openLabel, useCopy, webLinkOf } from './fileLinks';
import { MenuList, type MenuItem } from './Menu';
import { scrollGeometry } from './scaledScroll';

const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 36;

/**
 * The table; `onOpen` receives the row id of the file to show in details. While details are open, moving through
 * rows previews each one (like a file manager's preview pane) and Escape closes them via `onClose`.
 */
export function FilesTable({
  selectedRowId,
  onOpen,
  onClose,
}: {
  selectedRowId: number | null;
  onOpen: (rowId: number) => void;
  onClose: () => void;
}) {
  const total = useFilesStore((s) => s.total) ?? 0;
  const pages = useFilesStore((s) => s.pages);
  const query = useFilesStore((s) => s.query);
  const toggleSort = useFilesStore((s) => s.toggleSort);
  const ensureRange = useFilesStore((s) => s.ensureRange);
  const columns = columnsOf(useFilesStore((s) => s.columns));
  const endpoints = useEndpointsStore((s) => s.items);
  const [menu, setMenu] = useState<{ file: CatalogFile; index: number; x: number; y: number } | null>(null);
  const { copy, message: copied } = useCopy();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const scaleRef = useRef(1);
  const wheelRemainder = useRef(0);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is designed for this use
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    // The virtualizer works in virtual pixels; the element scrolls in physical ones (see scaledScroll.ts).
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, isScrolling) => cb(offset * scaleRef.current, isScrolling)),
  });
  const { bodyHeight, scale } = scrollGeometry(total, ROW_HEIGHT, HEADER_HEIGHT, virtualizer.scrollRect?.height ?? 0);
  const virtualOffset = virtualizer.scrollOffset ?? 0;
  const items = virtualizer.getVirtualItems();

  useLayoutEffect(() => {
    if (scaleRef.current === scale) return;
    scaleRef.current = scale;
    // Re-report the offset under the new scale.
    scrollRef.current?.dispatchEvent(new Event('scroll'));
  }, [scale]);

  // When scaled, a wheel notch would fly past `scale` times too many rows: scroll by the intended amount instead.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const k = scaleRef.current;
      if (k <= 1 || e.ctrlKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? el.clientHeight : 1;
      wheelRemainder.current += (e.deltaY * unit) / k;
      const whole = Math.trunc(wheelRemainder.current);
      if (whole !== 0) {
        el.scrollTop += whole;
        wheelRemainder.current -= whole;
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  // Fetch the pages under the viewport; a short delay skips the ones a fast scrollbar drag flies past.
  useEffect(() => {
    if (total === 0) return;
    const timer = window.setTimeout(() => ensureRange(first, last), 40);
    return () => window.clearTimeout(timer);
  }, [first, last, total, ensureRange]);

  // A new query starts at the top.
  useLayoutEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setActive(0);
  }, [query]);

  // Move DOM focus once the row scrolled into view has been rendered.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus.current}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const activeIndex = Math.min(active, Math.max(total - 1, 0));
  const activeRendered = items.some((v) => v.index === activeIndex);
  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    const file = selectedRowId !== null ? rowAt(pages, next) : undefined;
    if (file) onOpen(file.rowId);
    pendingFocus.current = next;
    reveal(next);
  }

  /** Scrolls just enough to show row `index` below the sticky header. */
  function reveal(index: number) {
    const el = scrollRef.current;
    if (!el) return;
    const k = scaleRef.current;
    const current = el.scrollTop * k;
    const top = HEADER_HEIGHT + index * ROW_HEIGHT;
    let next = current;
    if (top < current + HEADER_HEIGHT) next = top - HEADER_HEIGHT;
    else if (top + ROW_HEIGHT > current + el.clientHeight) next = top + ROW_HEIGHT - el.clientHeight;
    if (next !== current) el.scrollTop = next / k;
  }

  function onRowKey(e: KeyboardEvent<HTMLDivElement>, index: number) {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + pageRows,
      PageUp: index - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(target);
      return;
    }
    if (e.key === 'Escape' && selectedRowId !== null) {
      e.preventDefault();
      onClose();
      return;
    }
    const file = rowAt(pages, index);
    if (file && (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10'))) {
      e.preventDefault();
      const box = e.currentTarget.getBoundingClientRect();
      setMenu({ file, index, x: box.left + 24, y: box.bottom });
      return;
    }
    if (file && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c') {
      e.preventDefault();
      const link = webLinkOf(file);
      void (link ? copy(link, 'Link') : copy(fullPathOf(file, endpointOf(file)), 'Path'));
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      const file = rowAt(pages, index);
      if (file) {
        e.preventDefault();
        onOpen(file.rowId);
      }
    }
  }

  function endpointOf(file: CatalogFile) {
    return endpoints.find((e) => e.id === file.endpointId);
  }

  /** The row menu's actions for `file`. */
  function menuItems(file: CatalogFile): MenuItem[] {
    const link = webLinkOf(file);
    const items: MenuItem[] = [{ id: 'details', label: 'Show details', onSelect: () => onOpen(file.rowId) }];
    if (link) {
      items.push(
        { id: 'open', label: openLabel(link), onSelect: () => openExternal(link) },
        { id: 'copy-link', label: 'Copy link', onSelect: () => void copy(link, 'Link') },
      );
    }
    items.push({
      id: 'copy-path',
      label: 'Copy path',
      onSelect: () => void copy(fullPathOf(file, endpointOf(file)), 'Path'),
    });
    return items;
  }

  function closeMenu() {
    const index = menu?.index;
    setMenu(null);
    if (index !== undefined) scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  }

  function ariaSort(field: SortField | null): 'ascending' | 'descending' | undefined {
    if (query.sort !== field) return undefined;
    return query.direction === 'asc' ? 'ascending' : 'descending';
  }

  return (
    <>
      <div
        ref={scrollRef}
        className="ftable"
        style={gridStyle(columns) as CSSProperties}
        role="table"
        aria-label="Files"
        aria-rowcount={total + 1}
        // Keeps the table reachable by Tab when the active row has scrolled out of the DOM.
        tabIndex={activeRendered || total === 0 ? -1 : 0}
        onFocus={(e) => {
          if (e.target === e.currentTarget && total > 0) moveTo(activeIndex);
        }}
      >
        <div role="rowgroup" className="ftable-head">
          <div role="row" aria-rowindex={1} className="ftable-row">
            {columns.map((c) => {
              const sorted = ariaSort(c.sort);
              const sort = c.sort;
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  aria-sort={sort ? (sorted ?? 'none') : undefined}
                  className={`ftable-cell col-${c.id}${c.align === 'end' ? ' align-end' : ''}${c.keepWhenNarrow ? '' : ' col-optional'}`}
                >
                  {sort ? (
                    <button type="button" className="sort-btn" onClick={() => toggleSort(sort)}>
                      {c.label}
                      <span className={`sort-arrow${sorted ? ' is-sorted' : ''}`} aria-hidden="true">
                        {sorted === 'descending' ? '▼' : '▲'}
                      </span>
                    </button>
                  ) : (
                    <span className="col-label">{c.label}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="ftable-body" style={{ height: bodyHeight }}>
          {items.map((v) => {
            const file = rowAt(pages, v.index);
            const selected = file !== undefined && file.rowId === selectedRowId;
            return (
              <div
                key={v.index}
                role="row"
                aria-rowindex={v.index + 2}
                aria-current={selected ? 'true' : undefined}
                aria-busy={file ? undefined : true}
                data-index={v.index}
                tabIndex={v.index === activeIndex ? 0 : -1}
                className={`ftable-row body-row${v.index % 2 ? ' odd' : ''}${selected ? ' is-selected' : ''}`}
                // Physical position: where the viewport is, plus the row's distance from the virtual viewport top.
                style={{ top: virtualOffset / scale + (v.start - virtualOffset) - HEADER_HEIGHT }}
                onClick={() => {
                  setActive(v.index);
                  if (file) onOpen(file.rowId);
                }}
                onContextMenu={(e) => {
                  if (!file) return;
                  e.preventDefault();
                  setActive(v.index);
                  setMenu({ file, index: v.index, x: e.clientX, y: e.clientY });
                }}
                onKeyDown={(e) => onRowKey(e, v.index)}
              >
                {columns.map((c) => (
                  <div
                    key={c.id}
                    role="cell"
                    className={`ftable-cell col-${c.id}${c.align === 'end' ? ' align-end' : ''}${c.keepWhenNarrow ? '' : ' col-optional'}`}
                    title={file && c.title ? c.title(file) : undefined}
                  >
                    {file ? c.render(file) : <span className="skeleton" aria-hidden="true" />}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {menu && (
        <MenuList
          label={`Actions for ${menu.file.name}`}
          items={menuItems(menu.file)}
          onClose={closeMenu}
          className="menu-context"
          style={{ left: Math.min(menu.x, window.innerWidth - 220), top: Math.min(menu.y, window.innerHeight - 180) }}
        />
      )}
      <p className="table-status" role="status">
        {copied}
      </p>
    </>
  );
}
