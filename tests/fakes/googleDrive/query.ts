/**
 * The parts of Drive's request language the fake understands: the `q` search subset and `fields` partial
 * responses. Anything else is rejected, so a connector that sends more than the fake knows fails loudly.
 */
import type { FakeFile } from './truth.js';

type Predicate = (f: FakeFile) => boolean;

/** Tokens of a `q` expression: quoted strings (with `\'` and `\\` escapes), words, operators, parentheses. */
function tokenize(q: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      while (i < q.length && q[i] !== "'") {
        if (q[i] === '\\') i++;
        value += q[i] ?? '';
        i++;
      }
      if (i >= q.length) throw new Error(`unterminated string in q: ${q}`);
      i++;
      tokens.push(`'${value}`);
    } else if ('()'.includes(c)) {
      tokens.push(c);
      i++;
    } else {
      const m = /^(!=|<=|>=|=|<|>|[A-Za-z_][A-Za-z0-9_.]*)/.exec(q.slice(i));
      if (!m) throw new Error(`unexpected character ${JSON.stringify(c)} in q`);
      tokens.push(m[0]);
      i += m[0].length;
    }
  }
  return tokens;
}

const compare: Record<string, <T extends string | number>(a: T, b: T) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** Parses a `q` expression: and/or/not, parentheses, `trashed = bool`, `'id' in parents`, mimeType, modifiedTime. */
export function parseQuery(q: string): Predicate {
  const tokens = tokenize(q);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`q ends early: ${q}`);
    return t;
  };
  const term = (): Predicate => {
    const t = take();
    if (t === 'not') {
      const inner = term();
      return (f) => !inner(f);
    }
    if (t === '(') {
      const inner = or();
      if (take() !== ')') throw new Error(`missing ) in q: ${q}`);
      return inner;
    }
    if (t.startsWith("'")) {
      const value = t.slice(1);
      if (take() !== 'in' || take() !== 'parents') throw new Error(`only "'id' in parents" is supported: ${q}`);
      return (f) => f.parents.includes(value);
    }
    const op = take();
    const cmp = compare[op];
    if (!cmp) throw new Error(`unknown operator ${op} in q`);
    const rhs = take();
    if (t === 'trashed' && (op === '=' || op === '!=') && (rhs === 'true' || rhs === 'false')) {
      return (f) => cmp(String(f.trashed), rhs);
    }
    if (!rhs.startsWith("'")) throw new Error(`expected a quoted value after ${t} ${op}`);
    const value = rhs.slice(1);
    if (t === 'mimeType' && (op === '=' || op === '!=')) return (f) => cmp(f.mimeType, value);
    if (t === 'modifiedTime') {
      const at = Date.parse(value);
      if (Number.isNaN(at)) throw new Error(`invalid time ${value}`);
      // Compared as instants (a string compare would need both sides in one canonical form).
      return (f) => cmp(Date.parse(f.modifiedTime), at);
    }
    throw new Error(`unsupported query term ${t} ${op}`);
  };
  const and = (): Predicate => {
    let left = term();
    while (peek() === 'and') {
      take();
      const l = left;
      const r = term();
      left = (f) => l(f) && r(f);
    }
    return left;
  };
  const or = (): Predicate => {
    let left = and();
    while (peek() === 'or') {
      take();
      const l = left;
      const r = and();
      left = (f) => l(f) || r(f);
    }
    return left;
  };
  const predicate = or();
  if (pos !== tokens.length) throw new Error(`unexpected ${tokens[pos]} in q`);
  return predicate;
}

/** A parsed `fields` mask: each key maps to the mask of its sub-fields, or null for "the whole value". */
export type FieldMask = Map<string, FieldMask | null>;

/** Parses `a,b(c,d(e)),f` into a mask. */
export function parseFields(fields: string): FieldMask {
  let pos = 0;
  const list = (): FieldMask => {
    const mask: FieldMask = new Map();
    for (;;) {
      const m = /^\s*([A-Za-z_*][A-Za-z0-9_]*)\s*/.exec(fields.slice(pos));
      if (!m) throw new Error(`invalid fields: ${fields}`);
      pos += m[0].length;
      let sub: FieldMask | null = null;
      if (fields[pos] === '(') {
        pos++;
        sub = list();
        if (fields[pos] !== ')') throw new Error(`missing ) in fields: ${fields}`);
        pos++;
      }
      mask.set(m[1]!, sub);
      if (fields[pos] !== ',') return mask;
      pos++;
    }
  };
  const mask = list();
  if (pos !== fields.length) throw new Error(`invalid fields: ${fields}`);
  return mask;
}

/** Keeps only the masked fields of `value` (recursing into arrays), as Drive's partial responses do. */
export function applyMask(value: unknown, mask: FieldMask | null): unknown {
  if (mask === null || mask.has('*') || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => applyMask(v, mask));
  const out: Record<string, unknown> = {};
  for (const [key, sub] of mask) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = applyMask(v, sub);
  }
  return out;
}
