/**
 * Browsers composite scroll offsets in single-precision floats, so past ~8M px rows drift by whole pixels (a million
 * 32 px rows is 32M px). The table therefore keeps its physical height under MAX_BODY_HEIGHT and maps the physical
 * scroll range linearly onto the virtual one: the virtualizer sees virtual offsets, the DOM stays small.
 */
export const MAX_BODY_HEIGHT = 2_000_000;

export interface ScrollGeometry {
  /** Physical height of the rows' container. */
  bodyHeight: number;
  /** Virtual pixels per physical pixel of scroll (1 when no scaling is needed). */
  scale: number;
}

/** Physical height and scale for `total` rows seen through a viewport of `viewport` px under a `header` px header. */
export function scrollGeometry(total: number, rowHeight: number, header: number, viewport: number): ScrollGeometry {
  const totalHeight = total * rowHeight;
  if (totalHeight <= MAX_BODY_HEIGHT) return { bodyHeight: totalHeight, scale: 1 };
  const physicalMax = Math.max(header + MAX_BODY_HEIGHT - viewport, 1);
  const virtualMax = Math.max(header + totalHeight - viewport, 0);
  return { bodyHeight: MAX_BODY_HEIGHT, scale: virtualMax / physicalMax };
}
