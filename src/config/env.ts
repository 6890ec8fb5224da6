/**
 * Environment overrides, applied to the parsed file before validation so overridden values are validated exactly
 * like written ones.
 *
 *   CONNECTOR_<ENDPOINT>__<KEY>[__<SUBKEY>...]=<value>
 *
 * - <ENDPOINT> is an endpoint's name upper-cased with every character other than A-Z and 0-9 turned into `_`
 *   ("site docs" and "Site-Docs" are both SITE_DOCS). Two endpoints that collide this way cannot be overridden.
 * - Each <KEY> is matched case-insensitively against the keys already present; otherwise it is converted from
 *   UPPER_SNAKE to camelCase (FOLLOW_SYMLINKS -> followSymlinks). A number selects a list item (EXTENSIONS__0).
 *   Missing mappings along the way are created.
 * - <value> is read as a YAML scalar or flow collection, so `true`, `15` and `[pdf, dwg]` have their YAML types;
 *   quote a value to force a string (`'0123'`). Text that is not valid YAML is taken literally.
 * - Variables with the prefix but without `__` (such as CONNECTOR_LOG_LEVEL) are not overrides and are ignored,
 *   so the rest of the application may use the prefix for its own settings.
 * - An override naming no endpoint of the file is an error, as is one that cannot be applied. Validation errors on
 *   an overridden value name the variable. Values are never echoed, since overrides are how secrets get injected.
 */
import { parse } from 'yaml';
import type { PathSegment } from './positions.js';

const prefix = 'CONNECTOR_';

/** One applied override: the variable and the full path it set. */
export interface AppliedOverride {
  variable: string;
  path: PathSegment[];
}

/** A problem with an override itself (not with the value it set). */
export interface OverrideProblem {
  variable: string;
  message: string;
}

/** Result of applying overrides: what was set and what could not be. */
export interface OverrideResult {
  applied: AppliedOverride[];
  problems: OverrideProblem[];
}

/** The form of an endpoint name used in variable names: `site docs` -> `SITE_DOCS`. */
export function envNameOf(endpointName: string): string {
  return endpointName
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '_');
}

function camelCase(upperSnake: string): string {
  return upperSnake.toLowerCase().replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const yamlNull = /^(~|null|Null|NULL)$/;

function parseValue(raw: string): unknown {
  if (raw.trim() === '') return raw;
  try {
    const value: unknown = parse(raw);
    // `#x` would come back as null (a comment); only an explicit null literal means null.
    return value === null && !yamlNull.test(raw.trim()) ? raw : value;
  } catch {
    return raw;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface NamedEndpoint {
  index: number;
  name: string;
  envName: string;
  value: Record<string, unknown>;
}

function namedEndpoints(data: unknown): NamedEndpoint[] {
  if (!isRecord(data) || !Array.isArray(data.endpoints)) return [];
  const out: NamedEndpoint[] = [];
  data.endpoints.forEach((value: unknown, index) => {
    if (isRecord(value) && typeof value.name === 'string') {
      out.push({ index, name: value.name, envName: envNameOf(value.name), value });
    }
  });
  return out;
}

function describeEndpoints(endpoints: NamedEndpoint[]): string {
  if (endpoints.length === 0) return 'the file defines no named endpoints';
  return `endpoints in this file: ${endpoints.map((e) => `${e.envName} (${JSON.stringify(e.name)})`).join(', ')}`;
}

/** Sets `value` at `keys` below `target`, creating mappings as needed; returns the path set or an error. */
function setPath(
  target: Record<string, unknown>,
  keys: string[],
  value: unknown,
): { path: PathSegment[] } | { error: string } {
  let node: unknown = target;
  const path: PathSegment[] = [];
  for (let i = 0; i < keys.length; i++) {
    const segment = keys[i] ?? '';
    const last = i === keys.length - 1;
    let key: PathSegment;
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(segment)) return { error: `${segment} must be a list index because the value there is a list` };
      key = Number(segment);
    } else if (isRecord(node)) {
      key = Object.keys(node).find((k) => k.toUpperCase() === segment.toUpperCase()) ?? camelCase(segment);
    } else {
      return { error: `cannot set ${segment}: the value it belongs to is not a mapping or list` };
    }
    path.push(key);
    const container = node as Record<PathSegment, unknown>;
    if (last) {
      container[key] = value;
    } else {
      if (container[key] === undefined || container[key] === null) container[key] = {};
      node = container[key];
    }
  }
  return { path };
}

/** Applies every CONNECTOR_ override in `env` to the parsed (not yet validated) file data, in variable order. */
export function applyEnvOverrides(data: unknown, env: NodeJS.ProcessEnv): OverrideResult {
  const result: OverrideResult = { applied: [], problems: [] };
  const variables = Object.keys(env)
    .filter((name) => name.startsWith(prefix) && name.includes('__') && env[name] !== undefined)
    .sort();
  if (variables.length === 0) return result;
  const endpoints = namedEndpoints(data);
  for (const variable of variables) {
    const rest = variable.slice(prefix.length);
    const upper = rest.toUpperCase();
    // Longest match first, so an endpoint whose env name itself contains `__` still resolves.
    const matches = endpoints.filter((e) => upper.startsWith(`${e.envName}__`));
    const longest = Math.max(-1, ...matches.map((e) => e.envName.length));
    const chosen = matches.filter((e) => e.envName.length === longest);
    if (chosen.length === 0) {
      result.problems.push({ variable, message: `names no endpoint of this file; ${describeEndpoints(endpoints)}` });
      continue;
    }
    if (chosen.length > 1) {
      const names = chosen.map((e) => JSON.stringify(e.name)).join(', ');
      result.problems.push({ variable, message: `matches more than one endpoint (${names}); rename one of them` });
      continue;
    }
    const endpoint = chosen[0] as NamedEndpoint;
    const keys = rest.slice(longest + 2).split('__');
    if (keys.some((k) => k === '')) {
      result.problems.push({ variable, message: 'has an empty key: separate keys with exactly two underscores' });
      continue;
    }
    const outcome = setPath(endpoint.value, keys, parseValue(env[variable] ?? ''));
    if ('error' in outcome) {
      result.problems.push({ variable, message: outcome.error });
      continue;
    }
    result.applied.push({ variable, path: ['endpoints', endpoint.index, ...outcome.path] });
  }
  return result;
}
