/**
 * Turns zod issues into sentences for people editing a config file by hand. zod's defaults ("Invalid input:
 * expected number, received string") name types in programmer terms; these name YAML terms and, where safe,
 * quote the offending value.
 */
import type { core } from 'zod';
import { endpointInputSchema, filtersSchema, localFolderSettingsSchema, scheduleSchema } from '../contract/schemas.js';
import type { PathSegment } from './positions.js';

/** A zod issue reduced to one location and one sentence (unrecognized keys are split, one per key). */
export interface LocatedMessage {
  path: PathSegment[];
  message: string;
}

// Values under keys like these may be credentials: never repeat them in a message that ends up in a log.
const secretKey = /secret|token|password|passwd|credential|api_?key|private_?key/i;

/** True when any key on the path looks like it holds a credential. */
export function isSecretPath(path: readonly PathSegment[]): boolean {
  return path.some((segment) => typeof segment === 'string' && secretKey.test(segment));
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

const expectedNames: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  record: 'a mapping',
};

/** Describes a value for a message, hiding it when it sits under a secret-looking key. */
export function describeValue(value: unknown, path: readonly PathSegment[]): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (isSecretPath(path)) return `a ${typeof value} (value hidden)`;
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return `a ${typeof value}`;
}

function collectKeys(shape: object, into: Set<string>): void {
  for (const key of Object.keys(shape)) into.add(key);
}

// Every key the schemas know, for "did you mean" hints on typos such as `shedule`.
const knownKeys = (() => {
  const keys = new Set<string>(['version', 'endpoints']);
  for (const option of endpointInputSchema.options) collectKeys(option.shape, keys);
  collectKeys(localFolderSettingsSchema.shape, keys);
  collectKeys(filtersSchema.unwrap().shape, keys);
  for (const option of scheduleSchema.unwrap().options) collectKeys(option.shape, keys);
  return [...keys];
})();

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known key closest to a misspelt one, if it is close enough to be a likely typo. */
export function suggestKey(key: string): string | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const candidate of knownKeys) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= Math.max(1, Math.floor(candidate.length / 4)) && (!best || distance < best.distance)) {
      best = { key: candidate, distance };
    }
  }
  return best?.key;
}

const formatNames: Record<string, string> = {
  datetime: 'an ISO 8601 date-time such as 2024-01-31T12:00:00Z',
  date: 'an ISO 8601 date such as 2024-01-31',
};

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

// zod's own wording starts like this; anything else is a message written in the schema, which is kept as is.
const zodDefaultWording = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

function sizeMessage(issue: core.$ZodIssueTooSmall | core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const comparison = small ? 'at least' : 'at most';
  if (issue.origin === 'string')
    return small && bound === 1 ? 'must not be empty' : `must be ${comparison} ${bound} characters`;
  if (issue.origin === 'array')
    return small && bound === 1 ? 'must not be an empty list' : `must have ${comparison} ${bound} items`;
  return `must be ${comparison} ${bound}`;
}

function unionMessage(issue: core.$ZodIssueInvalidUnion, value: unknown, path: PathSegment[]): string {
  if ('note' in issue && issue.note === 'No matching discriminator') {
    const options = quoteList((issue as { options?: unknown[] }).options ?? []);
    if (value === undefined) return `is required: one of ${options}`;
    return `must be one of ${options}, got ${describeValue(value, path)}`;
  }
  // A union of formats (e.g. date-time or date): name every accepted form.
  const forms = issue.errors
    .map((branch) => branch[0])
    .map((first) => (first?.code === 'invalid_format' ? formatNames[first.format] : undefined) ?? first?.message)
    .filter((form): form is string => form !== undefined);
  return forms.length > 0 ? `must be ${[...new Set(forms)].join(' or ')}` : 'is not valid';
}

/** Converts one zod issue into messages anchored at the most precise path (one per unrecognized key). */
export function describeIssue(issue: core.$ZodIssue, data: unknown): LocatedMessage[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
  const value = valueAt(data, path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const hint = suggestKey(key);
      return {
        path: [...path, key],
        message: `unrecognized key ${JSON.stringify(key)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`,
      };
    });
  }
  if (!zodDefaultWording.test(issue.message)) return [{ path, message: issue.message }];
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedNames[issue.expected] ?? issue.expected;
      if (path.length === 0) {
        return [{ path, message: `must be a mapping with an "endpoints" list, got ${describeValue(value, path)}` }];
      }
      if (value === undefined) return [{ path, message: `is required (${expected})` }];
      return [{ path, message: `must be ${expected}, got ${describeValue(value, path)}` }];
    }
    case 'invalid_value':
      return [{ path, message: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}` }];
    case 'invalid_union':
      return [{ path, message: unionMessage(issue, value, path) }];
    case 'too_small':
      return [{ path, message: sizeMessage(issue) }];
    case 'too_big':
      return [{ path, message: sizeMessage(issue) }];
    case 'invalid_format':
      return [{ path, message: `must be ${formatNames[issue.format] ?? `a valid ${issue.format}`}` }];
    default:
      return [{ path, message: issue.message }];
  }
}
