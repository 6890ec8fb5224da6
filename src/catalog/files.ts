/**
 * Reading the catalog: the file browser's pages, one file, its history, and the values worth filtering by.
 *
 * A page is answered in two steps: the ids of the page (a query that touches indexes only wherever it can), then
 * the rows of those ids. How the ids are found depends on how many entries match, which the count (kept until
 * the catalog changes) says: few matches are collected through the filter's own index (or the full-text index) and
 * sorted; many are found by walking the sort column's index and checking each entry, from whichever end is nearer.
 * A broad search (the full-text index finds more than BROAD_SEARCH entries) does not wait for its count: a page is
 * a bounded walk of the sort index testing each entry against the search's matches (a set built once per query)
 * when a sample of the catalog says the walk fills the page for less than collecting costs (see `choosePlan`), else
 * its matches sorted only up to the page; the total is an estimate (`totalExact: false`) until `count` answers.
 * Collecting a search's matches reads their sort keys and filter columns from the narrow files_live_keys index (by
 * id) wherever it holds them, not their rows.
 */
import type { CatalogFile, ChangeEvent, FileFacets, FilesPage } from '../contract/model.js';
import type { FilesQueryResolved, SortField } from '../contract/schemas.js';
import type { Db } from './database.js';
import { FILE_COLUMNS, toCatalogFile, type FileRow } from './fileRows.js';
import { endpointTotals, type EndpointTotals } from './fileWriter.js';
import { toChangeEvent, type ChangeRow } from './runs.js';

/** The ORDER BY term of each sort; the row id always breaks ties, so pages never overlap. */
const sortTerm: Record<SortField, string | null> = {
  name: 'f.name COLLATE NOCASE',
  path: 'f.path',
  size: 'f.size',
  modifiedTime: 'f.modified_time',
  createdTime: 'f.created_time',
  extension: 'f.extension',
  // Endpoint name, then path: answered as the path sort of each endpoint in turn (see idsByEndpoint).
  endpoint: null,
  modifiedBy: 'f.modified_by',
};

/** The column a sort walks; a filter on that same column stays usable as the walk's range. */
const sortColumn: Record<SortField, string | null> = {
  name: null,
  path: 'path',
  size: 'size',
  modifiedTime: 'modified_time',
  createdTime: 'created_time',
  extension: 'extension',
  endpoint: null,
  modifiedBy: 'modified_by',
};

/** Without a search, up to this many matches are collected and sorted; more are found by walking a sort index. */
const COLLECT_LIMIT = 20_000;
/**
 * With a search, matches bunch up in the sort order (every "Foundation Plan" sheet starts with "S-"), so a walk may
 * cross most of the index before its first match: collecting pays off up to many more matches.
 */
const COLLECT_LIMIT_SEARCH = 100_000;
/** A search the full-text index finds at least this many entries for is answered by a bounded walk first. */
const BROAD_SEARCH = 20_000;
/**
 * Sort index entries a broad search's walk reads at most before falling back to collecting. An entry costs about
 * 0.15 µs (nothing but the index is read unless it matches), a collected match 0.5 to 1.5 µs (see below).
 */
const WALK_BUDGET = 500_000;
/** Rough costs in µs at a million files: a walked index entry, a match read from files_live_keys, a match's row. */
const WALK_ENTRY_US = 0.15;
const KEY_READ_US = 0.5;
const ROW_READ_US = 1.5;
/** Matches of a search sampled to estimate how many of them pass the filters. */
const SAMPLE = 2000;
/** Entries sampled (once per state of the catalog) to judge where a broad search's matches lie in a walk. */
const PLAN_SAMPLE = 4000;
/** How old that sample may grow while the catalog changes (a sync's batches) before it is taken again. */
const SAMPLE_AGE_MS = 10_000;
/** A walk is tried only if its estimated reads, times this margin for the sample's error, cost less than collecting. */
const WALK_MARGIN = 1.25;

/** A LIKE pattern finding `text` anywhere, with LIKE's wildcards escaped (`ESCAPE '\'`). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Turns what a person typed into an FTS5 trigram query plus LIKE terms for words under three characters. */
export function searchTerms(text: string): { match: string | null; likes: string[] } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const long = words.filter((w) => [...w].length >= 3);
  const short = words.filter((w) => [...w].length < 3);
  return {
    match: long.length ? long.map((w) => `"${w.replaceAll('"', '""')}"`).join(' AND ') : null,
    likes: short.map(containsPattern),
  };
}

/**
 * WHERE terms of a query. A unary `+` keeps a column out of the planner's choice of index: with a search, the
 * full-text index alone drives counting and collecting (a filter's index would visit far more rows); when walking,
 * only the sort's own index is walked (a single endpoint stays usable with the path sort: (endpoint_id, path)).
 */
function whereSql(q: FilesQueryResolved, walk: boolean): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const searching = searchTerms(q.search ?? '').match !== null;
  const keep = new Set<string>();
  if (walk) {
    const walked = sortColumn[q.sort];
    if (walked) keep.add(walked);
    if (q.sort === 'path' && q.endpointIds?.length === 1) keep.add('endpoint_id');
  } else if (searching) keep.add('id');
  const col = (name: string) => ((walk || searching) && !keep.has(name) ? `+f.${name}` : `f.${name}`);
  const list = (values: unknown[]) => `(${values.map(() => '?').join(',')})`;
  if (!q.includeDeleted) where.push('f.deleted_at IS NULL');
  if (q.endpointIds?.length) {
    where.push(`${col('endpoint_id')} IN ${list(q.endpointIds)}`);
    params.push(...q.endpointIds);
  }
  if (q.search?.trim()) {
    const { match, likes } = searchTerms(q.search);
    if (match) {
      where.push(`${col('id')} IN (SELECT rowid FROM files_fts WHERE files_fts MATCH ?)`);
      params.push(match);
    }
    for (const like of likes) {
      where.push("f.path LIKE ? ESCAPE '\\'");
      params.push(like);
    }
  }
  if (q.extensions?.length) {
    const extensions = [...new Set(q.extensions.map((e) => e.replace(/^\./, '').toLowerCase()))];
    where.push(`${col('extension')} IN ${list(extensions)}`);
    params.push(...extensions);
  }
  if (q.isFolder !== undefined) {
    where.push(`${col('is_folder')} = ?`);
    params.push(q.isFolder ? 1 : 0);
  }
  const compare = (column: string, op: string, value: unknown) => {
    where.push(`${col(column)} ${op} ?`);
    params.push(value);
  };
  if (q.minSize !== undefined) compare('size', '>=', q.minSize);
  if (q.maxSize !== undefined) compare('size', '<=', q.maxSize);
  if (q.modifiedAfter) compare('modified_time', '>=', q.modifiedAfter);
  if (q.modifiedBefore) compare('modified_time', '<', q.modifiedBefore);
  if (q.modifiedBy !== undefined) compare('modified_by', '=', q.modifiedBy);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** ORDER BY of a sort (not `endpoint`, which is answered per endpoint) in one direction. */
function orderSql(sort: SortField, direction: 'asc' | 'desc'): string {
  const term = sortTerm[sort];
  if (term === null) throw new Error(`The ${sort} sort has no single ORDER BY: it is answered in parts`);
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return `${term} ${dir}, f.id ${dir}`;
}

/** A way to find a page's ids: walk the sort index (from either end) or collect the matches and sort them. */
export interface PagePlan {
  walk: boolean;
  /** The direction to walk in: the reverse of the query's to start from the nearer end. */
  direction?: 'asc' | 'desc';
  /** Also count every match (`COUNT(*) OVER ()`), for a first page whose total is not known yet. */
  withTotal?: boolean;
  /** Collecting a search's matches: read them from files_live_keys instead of their rows (see `keysCover`). */
  keys?: boolean;
}

/**
 * Whether files_live_keys holds every column a collecting query of `q` reads: not the path (its sort, or a LIKE of
 * a word under three characters), nor deleted entries (the index has live ones only).
 */
export function keysCover(q: FilesQueryResolved): boolean {
  return (
    q.sort !== 'path' && q.sort !== 'endpoint' && !q.includeDeleted && searchTerms(q.search ?? '').likes.length === 0
  );
}

/**
 * The SQL of one file-browser page: the count of matches, and the ids of a page under `plan` (parameters: the
 * filter's, then limit and offset; with `withTotal` each id comes with the total). The `endpoint` sort has none:
 * it is the path sort of each endpoint in turn.
 */
export function filesQuerySql(
  q: FilesQueryResolved,
  plan: PagePlan = { walk: true },
): { countSql: string; idsSql: string; params: unknown[]; countParams: unknown[] } {
  const counted = whereSql(q, false);
  const paged = whereSql(q, plan.walk);
  if (plan.keys && (plan.walk || !keysCover(q)))
    throw new Error('Only a collecting plan the keys index covers reads it');
  const from = plan.keys ? 'files f INDEXED BY files_live_keys' : 'files f';
  return {
    countSql: `SELECT COUNT(*) AS n FROM ${from} ${counted.sql}`,
    idsSql: `SELECT f.id${plan.withTotal ? ', COUNT(*) OVER () AS total' : ''} FROM ${from} ${paged.sql}
             ORDER BY ${orderSql(q.sort, plan.direction ?? q.direction)} LIMIT ? OFFSET ?`,
    params: paged.params,
    countParams: counted.params,
  };
}

/** The query's filters on its sort column alone (without search): the range of the sort index a walk reads. */
function walkScope(q: FilesQueryResolved): FilesQueryResolved {
  const walked = sortColumn[q.sort];
  return {
    ...q,
    search: undefined,
    endpointIds: q.sort === 'path' && q.endpointIds?.length === 1 ? q.endpointIds : undefined,
    extensions: walked === 'extension' ? q.extensions : undefined,
    isFolder: undefined,
    minSize: walked === 'size' ? q.minSize : undefined,
    maxSize: walked === 'size' ? q.maxSize : undefined,
    modifiedAfter: walked === 'modified_time' ? q.modifiedAfter : undefined,
    modifiedBefore: walked === 'modified_time' ? q.modifiedBefore : undefined,
    modifiedBy: walked === 'modified_by' ? q.modifiedBy : undefined,
  };
}

/** The query's filters not on its sort column (without search): what a walk checks for each match it meets. */
function restScope(q: FilesQueryResolved): FilesQueryResolved {
  const walked = sortColumn[q.sort];
  const single = q.sort === 'path' && q.endpointIds?.length === 1;
  return {
    ...q,
    search: undefined,
    endpointIds: single ? undefined : q.endpointIds,
    extensions: walked === 'extension' ? undefined : q.extensions,
    minSize: walked === 'size' ? undefined : q.minSize,
    maxSize: walked === 'size' ? undefined : q.maxSize,
    modifiedAfter: walked === 'modified_time' ? undefined : q.modifiedAfter,
    modifiedBefore: walked === 'modified_time' ? undefined : q.modifiedBefore,
    modifiedBy: walked === 'modified_by' ? undefined : q.modifiedBy,
  };
}

/**
 * The ids of a search's page by a bounded walk probing the full-text index: the first `budget` entries of the sort
 * index (narrowed by the filters on the sort column), read from the index alone, tested for membership in the
 * search's matches (collected once by SQLite into an in-memory set), then only the members' rows are read for the
 * other filters. Null for the endpoint sort, deleted entries, or a search without a word the index answers.
 */
export function probeWalkSql(q: FilesQueryResolved, budget: number): { sql: string; params: unknown[] } | null {
  const { match, likes } = searchTerms(q.search ?? '');
  if (q.sort === 'endpoint' || q.includeDeleted || match === null) return null;
  const column = sortColumn[q.sort] ?? 'name';
  const inner = whereSql(walkScope(q), true);
  const rest = whereSql(restScope(q), true);
  const terms = ['w.id IN (SELECT rowid FROM files_fts WHERE files_fts MATCH ?)'];
  const params: unknown[] = [match];
  // Only members with filters left to check are looked up (in files_live_keys, or the row for a LIKE on the path);
  // the sort key comes from the walked index.
  const join = rest.params.length > 0 || likes.length > 0;
  if (join) {
    terms.push(rest.sql.replace(/^WHERE /, ''));
    params.push(...rest.params);
    for (const like of likes) {
      terms.push("f.path LIKE ? ESCAPE '\\'");
      params.push(like);
    }
  }
  const order = orderSql(q.sort, q.direction);
  const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
  return {
    sql: `SELECT w.id FROM (
            SELECT f.id, ${sortTerm[q.sort]} AS ${column} FROM files f ${inner.sql} ORDER BY ${order} LIMIT ?
          ) w ${join ? `CROSS JOIN files f ${likes.length ? '' : 'INDEXED BY files_live_keys'} ON f.id = w.id` : ''}
          WHERE ${terms.join(' AND ')} ORDER BY w.${column} ${dir}, w.id ${dir} LIMIT ? OFFSET ?`,
    params: [...inner.params, budget, ...params],
  };
}

/** What choosing a plan reads of an entry: its sort keys and the columns the filters and the search test. */
export interface SampledEntry {
  id: number;
  name: string;
  path: string;
  size: number | null;
  modified_time: string | null;
  created_time: string | null;
  extension: string | null;
  modified_by: string | null;
  endpoint_id: number;
  is_folder: number;
  deleted_at: string | null;
}

/** Entries at ids spread over the catalog, one in each equal stretch: each stands for `catalog / sampled` ids. */
export interface CatalogSample {
  catalog: number;
  sampled: number;
  entries: SampledEntry[];
  /** Name and path in lower case, by entry: what the search is looked for in. */
  text: string[];
  /** The entries' indexes in ascending order of each sort, worked out when first needed. */
  orders: Map<SortField, number[]>;
}

/** `size` entries at ids spread over the catalog (a few µs each at a million files); missing ids give none. */
export function sampleCatalog(db: Db, size: number): CatalogSample {
  const catalog = (db.prepare('SELECT MAX(id) FROM files').pluck().get() as number | null) ?? 0;
  const sampled = Math.max(1, Math.min(catalog, size));
  // One id at a random place in each of `sampled` equal stretches: spread evenly, yet never in step with a pattern
  // that repeats along the ids. The same seed each time: the same catalog gives the same sample.
  let seed = 0x9e3779b9;
  const random = () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  const ids = Array.from({ length: sampled }, (_, i) => 1 + Math.floor(((i + random()) * catalog) / sampled));
  const entries = db
    .prepare(
      `SELECT f.id, f.name, f.path, f.size, f.modified_time, f.created_time, f.extension, f.modified_by,
              f.endpoint_id, f.is_folder, f.deleted_at
       FROM (SELECT value AS id FROM json_each(?)) s CROSS JOIN files f ON f.id = s.id`,
    )
    .all(JSON.stringify(ids)) as SampledEntry[];
  const text = entries.map((e) => `${e.name}\n${e.path}`.toLowerCase());
  return { catalog, sampled, entries, text, orders: new Map() };
}

/** Where the sampled entries that match a query lie in a walk of its sort index. */
export interface PlanSample {
  catalog: number;
  sampled: number;
  /** For each sampled entry matching the search and passing the filters: how many sampled entries of the walked
   *  range (the sort index narrowed by the filters on its column) come up to it in the query's order, ascending. */
  passing: number[];
}

/** `whereSql`'s filters (not the search) restated as a test of one entry. */
function entryFilter(q: FilesQueryResolved): (e: SampledEntry) => boolean {
  const extensions = q.extensions?.length ? q.extensions.map((x) => x.replace(/^\./, '').toLowerCase()) : null;
  const endpoints = q.endpointIds?.length ? q.endpointIds : null;
  const folder = q.isFolder === undefined ? undefined : q.isFolder ? 1 : 0;
  const { minSize, maxSize, modifiedAfter, modifiedBefore, modifiedBy } = q;
  return (e) =>
    (q.includeDeleted || e.deleted_at === null) &&
    (endpoints === null || endpoints.includes(e.endpoint_id)) &&
    (extensions === null || (e.extension !== null && extensions.includes(e.extension))) &&
    (folder === undefined || e.is_folder === folder) &&
    (minSize === undefined || (e.size !== null && e.size >= minSize)) &&
    (maxSize === undefined || (e.size !== null && e.size <= maxSize)) &&
    (modifiedAfter === undefined || (e.modified_time !== null && e.modified_time >= modifiedAfter)) &&
    (modifiedBefore === undefined || (e.modified_time !== null && e.modified_time < modifiedBefore)) &&
    (modifiedBy === undefined || e.modified_by === modifiedBy);
}

/** SQLite's order of two sort keys: NULL first, numbers before text, text by code unit (as BINARY, near enough). */
function compareKeys(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sample's entries in ascending order of `sort` (ties by id), as its index orders them (NOCASE: ASCII only). */
function sampleOrder(sample: CatalogSample, sort: SortField): number[] {
  const known = sample.orders.get(sort);
  if (known) return known;
  const column = (sortColumn[sort] ?? 'name') as keyof SampledEntry;
  const keys = sample.entries.map((e) =>
    sort === 'name' ? e.name.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : (e[column] as string | number | null),
  );
  const order = keys
    .map((_, i) => i)
    .sort((i, j) => compareKeys(keys[i]!, keys[j]!) || sample.entries[i]!.id - sample.entries[j]!.id);
  sample.orders.set(sort, order);
  return order;
}

/**
 * Where a query's sampled matches lie in its walk. The search is judged as the trigram index finds it (each word a
 * substring of the name or the path, case aside) and the filters as `whereSql` does: close enough to choose a plan,
 * never used for a page.
 */
export function planSample(sample: CatalogSample, q: FilesQueryResolved): PlanSample {
  const words = (q.search ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [inScope, passes] = [entryFilter(walkScope(q)), entryFilter(q)];
  const order = sampleOrder(sample, q.sort);
  const passing: number[] = [];
  let walked = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[q.direction === 'desc' ? order.length - 1 - k : k]!;
    const entry = sample.entries[i]!;
    if (!inScope(entry)) continue;
    walked++;
    // A word under three characters is a LIKE on the path alone; the path ends with the name, so this judges it alike.
    if (passes(entry) && words.every((w) => sample.text[i]!.includes(w))) passing.push(walked);
  }
  return { catalog: sample.catalog, sampled: sample.sampled, passing };
}

/** The plan of a broad search's page: walk (reading at most `budget` sort index entries) or collect every match. */
export interface PlanChoice {
  walk: boolean;
  /** Sort index entries the walk is estimated to read to fill the page (Infinity: the sample says it cannot). */
  entries: number;
  /** Entries a walk may read: as many as cost what collecting does, so a failed walk costs at most twice. */
  budget: number;
}

/**
 * Walk or collect for the page ending at the `needed`-th passing match, when collecting costs `collectUs`. Each
 * sampled entry stands for `catalog / sampled`, so the page ends near the passing sampled entry numbered
 * `needed × sampled / catalog` (at least the first): the walk reads about as many entries as come before it, at
 * WALK_ENTRY_US each. Too few passing sampled entries (the filters leave almost nothing) mean the walk would read
 * its whole range: collect.
 */
export function choosePlan(sample: PlanSample, needed: number, collectUs: number, walkBudget: number): PlanChoice {
  const budget = Math.ceil(Math.min(walkBudget, collectUs / WALK_ENTRY_US));
  const at = Math.max(1, Math.ceil((needed * sample.sampled) / Math.max(sample.catalog, 1)));
  const walked = sample.passing[at - 1];
  const entries = walked === undefined ? Infinity : (walked * sample.catalog) / sample.sampled;
  return { walk: entries * WALK_MARGIN <= budget, entries, budget };
}

/** A page's ids and the total of its query, exact or (for a broad search not counted yet) an estimate. */
interface Page {
  ids: number[];
  total: number;
  totalExact: boolean;
}

/** A cache entry valid while the catalog is unchanged. */
interface Cached<T> {
  stamp: string;
  value: T;
}

/** `a` plus (`sign` 1) or minus (-1) `b`. */
function combine(a: EndpointTotals, b: EndpointTotals, sign: 1 | -1): EndpointTotals {
  return { files: a.files + sign * b.files, folders: a.folders + sign * b.folders, bytes: a.bytes + sign * b.bytes };
}

/** A sync's writer as the totals see it: its changes so far, and (if it knows them) the totals before them. */
export interface TotalsFollower {
  readonly totalsChange: EndpointTotals;
  readonly totalsBefore?: EndpointTotals | null;
}

/** Where a search counts as broad, how far its walks may read, and how much is sampled (see the constants). */
export interface RepositoryTuning {
  broadSearch: number;
  walkBudget: number;
  sample: number;
  /** Entries of the catalog sampled to choose plans (PLAN_SAMPLE unless given). */
  planSample?: number;
}

export class FileRepository {
  /** Match counts by filter, shared by every page and sort of the same filter until the catalog changes. */
  private readonly counts = new Map<string, Cached<number>>();
  private readonly groupedCounts = new Map<string, Cached<Record<number, number>>>();
  private readonly facetCache = new Map<string, Cached<FileFacets>>();
  /** Entries the full-text index finds per search (see searchBound); estimates of searches with filters. */
  private readonly bounds = new Map<string, Cached<number>>();
  private readonly estimates = new Map<string, Cached<number>>();
  /** Entries spread over the catalog, where a query's matches lie in a walk is judged from (see choosePlan). */
  private sampled: (Cached<CatalogSample> & { at: number }) | undefined;
  /** Each endpoint's totals as last counted. */
  private readonly totalsByEndpoint = new Map<number, Cached<EndpointTotals>>();
  /** The writer of each syncing endpoint, and the endpoint's totals before that writer's changes once known. */
  private readonly writers = new Map<number, { writer: TotalsFollower; before: EndpointTotals | null }>();
  private readonly changes;
  private readonly maxId;

  constructor(
    private readonly db: Db,
    /** Where a search counts as broad, and how far its walks may read (tests set them for small catalogs). */
    private readonly tuning: RepositoryTuning = {
      broadSearch: BROAD_SEARCH,
      walkBudget: WALK_BUDGET,
      sample: SAMPLE,
      planSample: PLAN_SAMPLE,
    },
  ) {
    this.changes = db.prepare('SELECT total_changes() AS n');
    this.maxId = db.prepare('SELECT MAX(id) AS n FROM files');
  }

  /** Changes whenever the catalog may have: a write here (`total_changes`) or a commit elsewhere (`data_version`). */
  private stamp(): string {
    const own = (this.changes.get() as { n: number }).n;
    return `${own}:${this.db.pragma('data_version', { simple: true }) as number}`;
  }

  private lookup<T>(cache: Map<string, Cached<T>>, key: string): T | undefined {
    const hit = cache.get(key);
    return hit && hit.stamp === this.stamp() ? hit.value : undefined;
  }

  private remember<T>(cache: Map<string, Cached<T>>, key: string, value: T): T {
    // A handful of recent filters is all the browser revisits.
    if (cache.size >= 32 && !cache.has(key)) cache.delete(cache.keys().next().value!);
    cache.set(key, { stamp: this.stamp(), value });
    return value;
  }

  private countKey(q: FilesQueryResolved): { key: string; sql: string; params: unknown[] } {
    const counted = { ...q, sort: 'name' as const };
    const keys = searchTerms(q.search ?? '').match !== null && keysCover(counted);
    const { countSql, countParams } = filesQuerySql(counted, { walk: false, keys });
    return { key: `${countSql}\n${JSON.stringify(countParams)}`, sql: countSql, params: countParams };
  }

  /** How many entries match the query's filter and search. */
  count(q: FilesQueryResolved): number {
    const { key, sql, params } = this.countKey(q);
    return (
      this.lookup(this.counts, key) ??
      this.remember(this.counts, key, (this.db.prepare(sql).get(...params) as { n: number }).n)
    );
  }

  /**
   * How many entries the full-text index finds for a search's words (deleted ones too, filters aside): read from
   * the index alone, a few ms even for a tenth of a million entries. Infinity without a word of three characters.
   */
  searchBound(search: string): number {
    const { match } = searchTerms(search);
    if (match === null) return Infinity;
    const known = this.lookup(this.bounds, match);
    if (known !== undefined) return known;
    const hits = this.db.prepare('SELECT COUNT(*) AS n FROM files_fts WHERE files_fts MATCH ?').pluck().get(match);
    return this.remember(this.bounds, match, hits as number);
  }

  /** One page of the file browser: filtered, searched and sorted by the database. */
  query(q: FilesQueryResolved): FilesPage {
    const { ids, total, totalExact } =
      q.sort === 'endpoint' ? { ...this.idsByEndpoint(q), totalExact: true } : this.ids(q, q.offset, q.limit);
    return { rows: this.rowsByIds(ids), total, totalExact, offset: q.offset };
  }

  /**
   * A broad search's page, by a bounded walk or else by sorting its matches up to the page, with the total if known
   * and an estimate otherwise; null when the search is not broad or the general plans must answer (see `ids`).
   */
  private broadPage(q: FilesQueryResolved, offset: number, limit: number, known: number | undefined): Page | null {
    const bound = this.searchBound(q.search ?? '');
    if (bound < this.tuning.broadSearch || bound === Infinity || !probeWalkSql(q, 0)) return null;
    const estimate = known ?? this.estimate(q, bound);
    const exact = known ?? this.lookup(this.counts, this.countKey(q).key);
    const wanted = Math.min(limit, (exact ?? Infinity) - offset);
    if (wanted <= 0) return { ids: [], total: exact!, totalExact: true };
    const covered = keysCover(q);
    const collectUs = bound * (covered ? KEY_READ_US : ROW_READ_US);
    const sample = planSample(this.catalogSample(), q);
    const plan = choosePlan(sample, offset + limit, collectUs, this.tuning.walkBudget);
    let ids: number[] | null = null;
    if (plan.walk) {
      const walk = probeWalkSql(q, plan.budget)!;
      ids = this.db
        .prepare(walk.sql)
        .pluck()
        .all(...walk.params, limit, offset) as number[];
      // The sample misjudged where the page ends: collect after all.
      if (ids.length < wanted) ids = null;
    }
    if (ids === null) {
      if (exact !== undefined) return null;
      // Collecting every match, but sorting only up to the page: without the total, no full sort.
      const { idsSql, params } = filesQuerySql(q, { walk: false, keys: covered });
      ids = this.db
        .prepare(idsSql)
        .pluck()
        .all(...params, limit, offset) as number[];
      // A short page is the last one: the total is known.
      if (ids.length < limit && (ids.length > 0 || offset === 0)) {
        const total = this.remember(this.counts, this.countKey(q).key, offset + ids.length);
        return { ids, total, totalExact: true };
      }
      if (ids.length === 0) return null;
    }
    return exact === undefined
      ? { ids, total: Math.max(estimate, offset + ids.length), totalExact: false }
      : { ids, total: exact, totalExact: true };
  }

  /**
   * The catalog's sample for choosing plans (20-40 ms to take at a million files), taken again once the catalog has
   * changed and the sample is SAMPLE_AGE_MS old: while a sync writes, a slightly old sample still judges well.
   */
  private catalogSample(): CatalogSample {
    const stamp = this.stamp();
    const taken = this.sampled;
    if (!taken || (taken.stamp !== stamp && Date.now() - taken.at >= SAMPLE_AGE_MS)) {
      this.sampled = { stamp, at: Date.now(), value: sampleCatalog(this.db, this.tuning.planSample ?? PLAN_SAMPLE) };
    }
    return this.sampled!.value;
  }

  /**
   * About how many entries a search with filters matches: the search's bound times the share of a sample of its
   * matches (the first SAMPLE by id) that pass the filters. A search matching fewer than SAMPLE is counted exactly.
   */
  private estimate(q: FilesQueryResolved, bound: number): number {
    const { key } = this.countKey(q);
    const known = this.lookup(this.estimates, key);
    if (known !== undefined) return known;
    const { match, likes } = searchTerms(q.search ?? '');
    const filters = whereSql({ ...q, search: undefined }, false);
    const terms = [filters.sql.replace(/^WHERE /, '') || '1', ...likes.map(() => "f.path LIKE ? ESCAPE '\\'")];
    const sample = this.db
      .prepare(
        `SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN ${terms.join(' AND ')} THEN 1 ELSE 0 END), 0) AS hits
         FROM (SELECT rowid AS id FROM files_fts WHERE files_fts MATCH ? LIMIT ?) s JOIN files f ON f.id = s.id`,
      )
      .get(...filters.params, ...likes, match, this.tuning.sample) as { n: number; hits: number };
    if (sample.n < this.tuning.sample) return this.remember(this.counts, key, sample.hits);
    return this.remember(this.estimates, key, Math.round((bound * sample.hits) / sample.n));
  }

  /** Ids of rows `offset` to `offset + limit` of the query's order (not `endpoint`), and the total. */
  private ids(q: FilesQueryResolved, offset: number, limit: number): Page {
    const searching = searchTerms(q.search ?? '').match !== null;
    const { key } = this.countKey(q);
    const known = this.lookup(this.counts, key);
    const broad = searching ? this.broadPage(q, offset, limit, known) : null;
    if (broad) return broad;
    if (known === undefined && searching) {
      // A new search: one pass over its matches gives both the first page and the total.
      const { idsSql, params } = filesQuerySql(q, { walk: false, withTotal: true, keys: keysCover(q) });
      const rows = this.db.prepare(idsSql).all(...params, limit, offset) as { id: number; total: number }[];
      if (rows.length || offset === 0) {
        const total = this.remember(this.counts, key, rows[0]?.total ?? 0);
        return { ids: rows.map((r) => r.id), total, totalExact: true };
      }
    }
    const total = known ?? this.count(q);
    const end = Math.min(offset + limit, total);
    if (end <= offset) return { ids: [], total, totalExact: true };
    const all = (this.maxId.get() as { n: number | null }).n ?? 0;
    const walk = total > (searching ? COLLECT_LIMIT_SEARCH : COLLECT_LIMIT) || total * 4 > all;
    // Walking visits every entry before the page: from the far half, walk back from the other end.
    const reverse = walk && offset > total - end;
    const direction = reverse ? (q.direction === 'asc' ? 'desc' : 'asc') : q.direction;
    const { idsSql, params } = filesQuerySql(q, { walk, direction, keys: !walk && searching && keysCover(q) });
    const ids = this.db
      .prepare(idsSql)
      .pluck()
      .all(...params, end - offset, reverse ? total - end : offset) as number[];
    return { ids: reverse ? ids.reverse() : ids, total, totalExact: true };
  }

  /** The endpoint sort: each endpoint's entries by path, endpoints in name order, pages cut across them. */
  private idsByEndpoint(q: FilesQueryResolved): { ids: number[]; total: number } {
    const order = q.direction === 'desc' ? 'DESC' : 'ASC';
    const endpoints = this.db
      .prepare(`SELECT id FROM endpoints ORDER BY name COLLATE NOCASE ${order}, id ${order}`)
      .pluck()
      .all() as number[];
    const wanted = q.endpointIds?.length ? new Set(q.endpointIds) : null;
    const perEndpoint = this.countsByEndpoint(q);
    const parts = endpoints
      .filter((id) => !wanted || wanted.has(id))
      .map((id) => ({ q: { ...q, sort: 'path' as const, endpointIds: [id] }, count: perEndpoint[id] ?? 0 }));
    // Each part's count is known now: its pages need not count again.
    for (const part of parts) this.remember(this.counts, this.countKey(part.q).key, part.count);
    const total = parts.reduce((n, p) => n + p.count, 0);
    const ids: number[] = [];
    let start = 0;
    for (const part of parts) {
      const from = Math.max(q.offset, start);
      const to = Math.min(q.offset + q.limit, start + part.count);
      if (from < to) ids.push(...this.ids(part.q, from - start, to - from).ids);
      start += part.count;
    }
    return { ids, total };
  }

  /** Matches per endpoint, in one pass (a search is evaluated once, not once per endpoint). */
  private countsByEndpoint(q: FilesQueryResolved): Record<number, number> {
    const { sql, params } = whereSql({ ...q, sort: 'name' }, false);
    const query = `SELECT f.endpoint_id AS id, COUNT(*) AS n FROM files f ${sql} GROUP BY f.endpoint_id`;
    const key = `${query}\n${JSON.stringify(params)}`;
    const known = this.lookup(this.groupedCounts, key);
    if (known) return known;
    const rows = this.db.prepare(query).all(...params) as { id: number; n: number }[];
    return this.remember(this.groupedCounts, key, Object.fromEntries(rows.map((r) => [r.id, r.n])));
  }

  /** Rows of `ids`, in that order. */
  private rowsByIds(ids: number[]): CatalogFile[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT ${FILE_COLUMNS} FROM files f JOIN endpoints e ON e.id = f.endpoint_id
         WHERE f.id IN (${ids.map(() => '?').join(',')})`,
      )
      .all(...ids) as FileRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toCatalogFile(row)] : [];
    });
  }

  /** The most common extensions and modifiers of live entries (of some endpoints), most common first. */
  facets(endpointIds: number[] | undefined, limit = 100): FileFacets {
    const ids = endpointIds?.length ? [...new Set(endpointIds)].sort((a, b) => a - b) : [];
    const key = `${ids.join(',')}:${limit}`;
    const known = this.lookup(this.facetCache, key);
    if (known) return known;
    const scope = ids.length ? `AND endpoint_id IN (${ids.map(() => '?').join(',')})` : '';
    // Across endpoints the column's own index is walked in order; within some, the kind index holds every column
    // needed, where the endpoint index would read each of their rows.
    const from = ids.length ? 'files INDEXED BY files_live_kind' : 'files';
    const top = (column: string) =>
      this.db
        .prepare(
          `SELECT ${column} AS value, COUNT(*) AS count FROM ${from}
           WHERE deleted_at IS NULL AND ${column} IS NOT NULL ${scope}
           GROUP BY ${column} ORDER BY count DESC, value LIMIT ?`,
        )
        .all(...ids, limit) as { value: string; count: number }[];
    return this.remember(this.facetCache, key, { extensions: top('extension'), modifiers: top('modified_by') });
  }

  get(rowId: number): CatalogFile | undefined {
    const row = this.db
      .prepare(`SELECT ${FILE_COLUMNS} FROM files f JOIN endpoints e ON e.id = f.endpoint_id WHERE f.id = ?`)
      .get(rowId) as FileRow | undefined;
    return row && toCatalogFile(row);
  }

  /** What happened to one file across runs, newest first. */
  history(rowId: number, limit = 200): ChangeEvent[] {
    return (
      this.db
        .prepare('SELECT * FROM change_events WHERE file_id = ? ORDER BY id DESC LIMIT ?')
        .all(rowId, limit) as ChangeRow[]
    ).map(toChangeEvent);
  }

  /** Live (not deleted) entries of an endpoint, in path order: the command's listing and export. */
  *iterateLive(endpointIds: number[] | undefined): IterableIterator<CatalogFile> {
    const filter = endpointIds?.length ? `AND f.endpoint_id IN (${endpointIds.map(() => '?').join(',')})` : '';
    const stmt = this.db.prepare(
      `SELECT ${FILE_COLUMNS} FROM files f JOIN endpoints e ON e.id = f.endpoint_id
       WHERE f.deleted_at IS NULL ${filter} ORDER BY e.name, f.path`,
    );
    for (const row of stmt.iterate(...(endpointIds ?? [])) as IterableIterator<FileRow>) yield toCatalogFile(row);
  }

  /** Keeps the endpoint's totals from what `writer` reports while its sync runs, instead of counting them again. */
  follow(endpointId: number, writer: TotalsFollower): void {
    this.writers.set(endpointId, { writer, before: null });
  }

  /**
   * Size and count of an endpoint's live entries. Counted again only when the catalog has changed since; while
   * the endpoint syncs (`syncing`), its catalog changes every batch, so its writer's changes are added instead.
   */
  totals(endpointId: number, syncing = false): EndpointTotals {
    const followed = this.writers.get(endpointId);
    if (!syncing) this.writers.delete(endpointId);
    else if (followed) {
      const { totalsChange: change, totalsBefore } = followed.writer;
      // A writer on another connection knows the totals before its changes (null until it has read them); one
      // on this connection has its changes visible here at once, so a count minus them gives the same.
      const before =
        totalsBefore === undefined ? (followed.before ??= combine(this.counted(endpointId), change, -1)) : totalsBefore;
      if (before) return combine(before, change, 1);
    }
    return this.counted(endpointId);
  }

  private counted(endpointId: number): EndpointTotals {
    const stamp = this.stamp();
    const hit = this.totalsByEndpoint.get(endpointId);
    if (hit?.stamp === stamp) return hit.value;
    const value = endpointTotals(this.db, endpointId);
    this.totalsByEndpoint.set(endpointId, { stamp, value });
    return value;
  }
}
