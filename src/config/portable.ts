/**
 * The configuration file as the app writes it (`config.export`) and reads it back (`config.import`): secrets never
 * go into the file, and importing a file that leaves a secret out keeps the one the catalog already has.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar } from 'yaml';
import type { Endpoint } from '../contract/model.js';
import { endpointInputSchema, type EndpointDefinition } from '../contract/schemas.js';

type Json = Record<string, unknown>;

interface SecretField {
  /** Where the secret sits in an endpoint definition. */
  path: [string, ...string[]];
  /** The comment the exported file carries in its place. */
  note: string;
  /** Whether `stored`'s secret still belongs with `incoming` (same kind of sign-in or schedule). */
  belongs(incoming: Json, stored: Json): boolean;
}

const at = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every place an endpoint definition may hold a secret. */
const secretFields: SecretField[] = [
  {
    path: ['settings', 'auth', 'clientSecret'],
    note: 'The OAuth client secret is not exported: add settings.auth.clientSecret before using this file elsewhere.',
    belongs: (incoming, stored) =>
      at(incoming, ['settings', 'auth', 'type']) === 'oauth' &&
      at(stored, ['settings', 'auth', 'type']) === 'oauth' &&
      at(incoming, ['settings', 'auth', 'clientId']) === at(stored, ['settings', 'auth', 'clientId']),
  },
  {
    path: ['schedule', 'secret'],
    note: 'The webhook secret is not exported: name an environment variable in schedule.secretEnv, or add schedule.secret.',
    belongs: (incoming, stored) =>
      at(incoming, ['schedule', 'type']) === 'webhook' &&
      at(stored, ['schedule', 'type']) === 'webhook' &&
      at(incoming, ['schedule', 'secretEnv']) === undefined,
  },
];

function deleteAt(value: Json, path: readonly string[]): boolean {
  const parent = at(value, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (!isObject(parent) || parent[key] === undefined) return false;
  delete parent[key];
  return true;
}

/**
 * Leaves out every value the schema would fill in by itself (defaults), so the file shows only what was chosen.
 * Each key is dropped only if the definition still parses to exactly the same endpoint without it.
 */
function withoutDefaults(definition: Json): Json {
  const parsed = endpointInputSchema.safeParse(definition);
  // A definition stored before a schema change is written as it is, rather than not at all.
  if (!parsed.success) return definition;
  const canonical = parsed.data;
  const draft = structuredClone(definition);
  const unchanged = () => {
    const parsed = endpointInputSchema.safeParse(draft);
    return parsed.success && isDeepStrictEqual(parsed.data, canonical);
  };
  const visit = (node: Json) => {
    const order = Object.keys(node);
    for (const key of order) {
      const value = node[key];
      if (isObject(value)) visit(value);
      delete node[key];
      if (!unchanged()) node[key] = value;
    }
    // Restored keys went to the end: put them back in their places.
    const kept = order.filter((key) => key in node).map((key) => [key, node[key]] as const);
    for (const key of Object.keys(node)) delete node[key];
    for (const [key, value] of kept) node[key] = value;
  };
  visit(draft);
  return draft;
}

/** The endpoint as it is written in a configuration file, and the notes about secrets left out. */
function portableEndpoint(endpoint: Endpoint): { definition: Json; notes: { key: string; note: string }[] } {
  const { name, type, settings, filters, schedule, paused } = endpoint;
  const definition = structuredClone({ name, type, settings, filters, schedule, paused }) as Json;
  const notes = secretFields
    .filter((field) => deleteAt(definition, field.path))
    .map((field) => ({ key: field.path[0], note: field.note }));
  return { definition: withoutDefaults(definition), notes };
}

/** The endpoints as a YAML configuration file (`version: 1`) that `file-connector sync --config` reads. */
export function configFileText(endpoints: readonly Endpoint[], exportedAt = new Date()): string {
  const portable = endpoints.map(portableEndpoint);
  const doc = new Document({ version: 1, endpoints: portable.map((p) => p.definition) });
  doc.commentBefore =
    ` File Connector configuration, exported ${exportedAt.toISOString()}.\n` +
    ' Use it with `file-connector sync --config <file>` or Settings > Import. Secrets are never exported.';
  portable.forEach(({ notes }, index) => {
    const map = doc.getIn(['endpoints', index], true);
    if (!isMap(map)) return;
    for (const { key, note } of notes) {
      const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair && isScalar(pair.key)) pair.key.commentBefore = ` ${note}`;
    }
  });
  return doc.toString({ lineWidth: 0 });
}

/** `incoming` (from a file) with the secrets of the stored endpoint of the same name that the file leaves out. */
export function keepStoredSecrets(incoming: EndpointDefinition, stored: Endpoint): EndpointDefinition {
  let result: Json | null = null;
  for (const field of secretFields) {
    const secret = at(stored, field.path);
    if (typeof secret !== 'string' || at(incoming, field.path) !== undefined) continue;
    if (!field.belongs(incoming as unknown as Json, stored as unknown as Json)) continue;
    result ??= structuredClone(incoming) as unknown as Json;
    const parent = at(result, field.path.slice(0, -1));
    if (isObject(parent)) parent[field.path[field.path.length - 1]!] = secret;
  }
  // Parsed again so keys sit in the schema's order, as stored ones do: "unchanged" compares them as text.
  return result ? endpointInputSchema.parse(result) : incoming;
}
