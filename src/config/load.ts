/**
 * Reads and validates configuration files (YAML or JSON). Every problem is collected and reported together with
 * its file, line and column, and the whole file is rejected if there is any: a half-applied config could catalog
 * the wrong folder or drop an endpoint silently. Environment overrides are described in ./env.ts.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import { applyEnvOverrides } from './env.js';
import type { AppliedOverride } from './env.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { describeIssue } from './messages.js';
import { formatPath, locate, offsetPosition } from './positions.js';
import type { PathSegment, Position } from './positions.js';
import { ConfigError, configFileSchema } from './schema.js';
import type { ConfigIssue, FileConnectorConfig } from './schema.js';

/** Re-exported so callers need only this module: the error, its issues and the validated config type. */
export { ConfigError } from './schema.js';
/** See ./schema.ts. */
export type { ConfigIssue, FileConnectorConfig } from './schema.js';

type Format = 'yaml' | 'json';

const formats: Record<string, Format> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

// A config file is a few kilobytes; refusing huge files keeps a wrong path (a disk image, a log) from eating memory.
const maxFileBytes = 10 * 1024 * 1024;

const lineOne: Position = { line: 1, column: 1 };
const nowhere: Position = { line: null, column: null };

function issueAt(file: string, path: string, position: Position, message: string): ConfigIssue {
  return { file, path, line: position.line, column: position.column, message };
}

function formatOf(fileName: string): Format {
  const extension = extname(fileName).toLowerCase();
  const format = formats[extension];
  if (format) return format;
  const shown = extension === '' ? 'no extension' : `extension "${extension}"`;
  throw new ConfigError([
    issueAt(fileName, '(document)', nowhere, `unsupported file type (${shown}): use .yaml, .yml or .json`),
  ]);
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/** The override that produced the value at `path`, if any (or, for an unknown key, the one that created it). */
function overrideFor(path: readonly PathSegment[], applied: readonly AppliedOverride[]): AppliedOverride | undefined {
  return applied.find((o) => startsWith(path, o.path) || (path.length > 2 && startsWith(o.path, path)));
}

function syntaxIssue(file: string, lineCounter: LineCounter, error: YAMLError): ConfigIssue {
  const message =
    error.code === 'DUPLICATE_KEY'
      ? 'duplicate key: each key may appear only once per mapping'
      : error.message.replace(/\s*\n\s*/g, ' '); // one issue per line, even for multi-line parser messages
  return issueAt(file, '(document)', offsetPosition(lineCounter, error.pos[0]), message);
}

function jsonSyntaxIssue(file: string, source: string, lineCounter: LineCounter, error: unknown): ConfigIssue {
  const found = findJsonSyntaxError(source);
  if (found)
    return issueAt(file, '(document)', offsetPosition(lineCounter, found.offset), `invalid JSON: ${found.message}`);
  // The scanner and JSON.parse disagree (should not happen): report V8's message without its quoted excerpt.
  const raw = error instanceof Error ? error.message : String(error);
  const offset = /at position (\d+)/.exec(raw)?.[1];
  const position = offset === undefined ? nowhere : offsetPosition(lineCounter, Number(offset));
  return issueAt(file, '(document)', position, `invalid JSON: ${raw.replace(/,\s*".*" is not valid JSON$/s, '')}`);
}

/** Reads the file's data: JSON.parse semantics for .json, YAML otherwise. Throws on syntax errors. */
function readData(file: string, format: Format, source: string, doc: Document.Parsed, lines: LineCounter) {
  const issues: ConfigIssue[] = [];
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(source);
    } catch (error) {
      throw new ConfigError([jsonSyntaxIssue(file, source, lines, error)]);
    }
    // JSON.parse silently keeps the last of two equal keys; the YAML parse of the same text notices them.
    issues.push(...doc.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => syntaxIssue(file, lines, e)));
  } else {
    if (doc.errors.length > 0) throw new ConfigError(doc.errors.map((e) => syntaxIssue(file, lines, e)));
    if (doc.contents === null) {
      throw new ConfigError([
        issueAt(file, '(document)', lineOne, 'file has only comments: expected an "endpoints" list'),
      ]);
    }
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw new ConfigError([
        issueAt(file, '(document)', lineOne, error instanceof Error ? error.message : String(error)),
      ]);
    }
  }
  return { data, issues };
}

/** Endpoint names must be unique ignoring case: they label the catalog and key the environment overrides. */
function duplicateNames(data: unknown): { path: PathSegment[]; firstIndex: number; name: string }[] {
  const endpoints = (data as { endpoints?: unknown } | null)?.endpoints;
  if (!Array.isArray(endpoints)) return [];
  const seen = new Map<string, number>();
  const duplicates: { path: PathSegment[]; firstIndex: number; name: string }[] = [];
  endpoints.forEach((endpoint: unknown, index) => {
    const name = (endpoint as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name.trim() === '') return;
    const key = name.trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else duplicates.push({ path: ['endpoints', index, 'name'], firstIndex: first, name: name.trim() });
  });
  return duplicates;
}

function byPosition(a: ConfigIssue, b: ConfigIssue): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0);
}

/** Parses and validates config text; `fileName` picks the format by extension and labels every issue. */
export function parseConfig(text: string, fileName: string, env: NodeJS.ProcessEnv = process.env): FileConnectorConfig {
  const format = formatOf(fileName);
  const source = text.replace(/^\uFEFF/, ''); // editors on Windows like to add a byte-order mark
  if (source.trim() === '') {
    throw new ConfigError([issueAt(fileName, '(document)', lineOne, 'file is empty: expected an "endpoints" list')]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const { data, issues } = readData(fileName, format, source, doc, lineCounter);

  const overrides = applyEnvOverrides(data, env);
  for (const problem of overrides.problems) {
    issues.push(issueAt(fileName, `(env) ${problem.variable}`, nowhere, problem.message));
  }

  const located: { path: PathSegment[]; message: string }[] = [];
  const result = configFileSchema.safeParse(data);
  if (!result.success) for (const issue of result.error.issues) located.push(...describeIssue(issue, data));
  for (const duplicate of duplicateNames(data)) {
    const first = locate(doc, lineCounter, ['endpoints', duplicate.firstIndex, 'name']);
    const where = `endpoints[${duplicate.firstIndex}]${first.line === null ? '' : ` (line ${first.line})`}`;
    located.push({
      path: duplicate.path,
      message: `duplicate endpoint name ${JSON.stringify(duplicate.name)}: already used by ${where}; names must be unique ignoring case`,
    });
  }

  const seenPaths = new Set<string>();
  for (const { path, message } of located) {
    const shown = formatPath(path);
    if (seenPaths.has(shown)) continue; // one complaint per spot: "" is both too short and fails the name pattern
    seenPaths.add(shown);
    const override = overrideFor(path, overrides.applied);
    const suffix = override ? ` (from ${override.variable})` : '';
    issues.push(issueAt(fileName, shown, locate(doc, lineCounter, path), message + suffix));
  }

  if (issues.length > 0 || !result.success) throw new ConfigError(issues.sort(byPosition));
  return { version: 1, endpoints: result.data.endpoints };
}

function readFailure(filePath: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'file not found',
    EACCES: 'permission denied: the file cannot be read',
    EPERM: 'permission denied: the file cannot be read',
    EISDIR: 'is a directory, not a config file',
  };
  const reason = (code && reasons[code]) ?? `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  return new ConfigError([issueAt(filePath, '(document)', nowhere, reason)]);
}

/** Reads, parses and validates a config file; every failure (including a missing file) is a ConfigError. */
export async function loadConfigFile(filePath: string, env = process.env): Promise<FileConnectorConfig> {
  formatOf(filePath); // an unsupported extension is reported before touching the disk
  let text: string;
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (info.size > maxFileBytes) {
      throw new ConfigError([issueAt(filePath, '(document)', nowhere, `file is too large (${info.size} bytes)`)]);
    }
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw readFailure(filePath, error);
  }
  return parseConfig(text, filePath, env);
}
