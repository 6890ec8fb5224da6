/**
 * Maps a validation path such as `['endpoints', 1, 'settings', 'path']` to a line and column in the source,
 * using the `yaml` document (JSON files are parsed with it too, since JSON is YAML 1.2 flow syntax).
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, ParsedNode } from 'yaml';

/** A 1-based line and column, or nulls when the source offers no position. */
export interface Position {
  line: number | null;
  column: number | null;
}

/** One step of a path into the parsed document. */
export type PathSegment = string | number;

const unknownPosition: Position = { line: null, column: null };
const identifier = /^[A-Za-z_$][\w$]*$/;

/** Renders a path as `endpoints[1].settings.path`, or `(document)` for the root. */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(document)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (identifier.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function at(lineCounter: LineCounter, offset: number | undefined): Position {
  if (offset === undefined) return unknownPosition;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Position of a source offset. */
export function offsetPosition(lineCounter: LineCounter, offset: number): Position {
  return at(lineCounter, offset);
}

/**
 * Finds where `path` is written. A mapping entry points at its key (so `minutes: 0` reports the `minutes` column
 * and a block mapping reports the line of its key, not of its first child); a list item points at the item.
 * When the path does not exist (a required key is missing) the nearest existing ancestor is reported instead.
 * This walks the nodes itself rather than calling `doc.getIn(path, true)` because getIn returns the value node,
 * whose range starts on the line after the key for block collections.
 */
export function locate(doc: Document.Parsed, lineCounter: LineCounter, path: readonly PathSegment[]): Position {
  let node: unknown = doc.contents;
  let best = at(lineCounter, (doc.contents as ParsedNode | null)?.range[0]);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const anchor = (pair.key as Node | null)?.range ?? (pair.value as Node | null)?.range;
      if (anchor) best = at(lineCounter, anchor[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      if (item.range) best = at(lineCounter, item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return best;
}
