/**
 * The parts of Autodesk's JSON:API documents the connector reads, checked with zod so that a malformed reply
 * fails with a message naming the field instead of producing a wrong record.
 */
import { z } from 'zod';

const href = z.looseObject({ href: z.string() });
const links = z.looseObject({ webView: href.optional(), next: href.optional() }).optional();
const ref = z.looseObject({ data: z.looseObject({ type: z.string(), id: z.string() }).nullish() }).optional();

/** Any JSON:API resource: type and id, the rest read by type. */
export const resourceSchema = z.looseObject({ type: z.string(), id: z.string().min(1) });

export const hubSchema = z.looseObject({
  type: z.literal('hubs'),
  id: z.string().min(1),
  attributes: z.looseObject({ name: z.string(), region: z.string().nullish() }),
});
export type Hub = z.infer<typeof hubSchema>;

export const projectSchema = z.looseObject({
  type: z.literal('projects'),
  id: z.string().min(1),
  attributes: z.looseObject({ name: z.string() }),
});
export type Project = z.infer<typeof projectSchema>;

const times = {
  createTime: z.string().nullish(),
  createUserName: z.string().nullish(),
  lastModifiedTime: z.string().nullish(),
  lastModifiedUserName: z.string().nullish(),
};

export const folderSchema = z.looseObject({
  type: z.literal('folders'),
  id: z.string().min(1),
  attributes: z.looseObject({
    name: z.string().min(1),
    lastModifiedTimeRollup: z.string().nullish(),
    hidden: z.boolean().nullish(),
    ...times,
  }),
  links,
});
export type Folder = z.infer<typeof folderSchema>;

export const itemSchema = z.looseObject({
  type: z.literal('items'),
  id: z.string().min(1),
  attributes: z.looseObject({ displayName: z.string().nullish(), hidden: z.boolean().nullish(), ...times }),
  relationships: z.looseObject({ tip: z.looseObject({ data: z.looseObject({ id: z.string().min(1) }) }) }),
  links,
});
export type Item = z.infer<typeof itemSchema>;

export const versionSchema = z.looseObject({
  type: z.literal('versions'),
  id: z.string().min(1),
  attributes: z.looseObject({
    name: z.string().min(1),
    versionNumber: z.number().int().nullish(),
    mimeType: z.string().nullish(),
    fileType: z.string().nullish(),
    storageSize: z.number().nonnegative().nullish(),
    ...times,
  }),
  links,
  relationships: z.looseObject({ storage: ref }).optional(),
});
export type Version = z.infer<typeof versionSchema>;

/** A JSON:API document with a list of resources. */
export const listDocSchema = z.looseObject({
  data: z.array(resourceSchema),
  included: z.array(resourceSchema).optional(),
  links,
  meta: z.looseObject({ warnings: z.array(z.unknown()).optional() }).optional(),
});
export type ListDoc = z.infer<typeof listDocSchema>;

/** Autodesk sent something the connector cannot read (a field missing or of the wrong type). */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** Parses `value` or throws a `WireError` that says what Autodesk sent wrong, and where. */
export function parseWire<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const at = issue.path.length ? issue.path.join('.') : '(document)';
  throw new WireError(`Autodesk returned an unexpected ${what}: ${at}: ${issue.message}`);
}
