/**
 * Schemas shared by the configuration file, the contract and the UI forms.
 * Browser-safe: imports nothing but zod.
 */
import { z } from 'zod';

export const endpointTypes = ['local_folder', 'google_drive', 'autodesk_acc'] as const;
export type EndpointType = (typeof endpointTypes)[number];

const endpointName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^/\\\n\r\t]+$/, 'must not contain slashes, tabs or line breaks');

const isoDate = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .describe('an ISO 8601 date such as 2024-01-31 or 2024-01-31T12:00:00Z');

export const filtersSchema = z
  .strictObject({
    /** Only files with these extensions (folders are always kept so paths stay whole). */
    extensions: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .transform((e) => e.replace(/^\./, '').toLowerCase()),
      )
      .optional(),
    /** Glob patterns (gitignore-like) matched against the path relative to the root. */
    ignore: z.array(z.string().min(1)).optional(),
    mimeTypes: z.array(z.string().min(1)).optional(),
    modifiedAfter: isoDate.optional(),
    includeTrashed: z.boolean().optional(),
  })
  .default({});
export type Filters = z.infer<typeof filtersSchema>;

const cronExpression = z
  .string()
  .trim()
  .refine((s) => {
    const n = s.split(/\s+/).length;
    return n === 5 || n === 6;
  }, 'must have five or six fields, e.g. "0 */2 * * *"');

export const scheduleSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('manual') }),
    z.strictObject({
      type: z.literal('interval'),
      minutes: z.number().int().min(1, 'must be at least 1 minute').max(10080, 'must be at most a week'),
    }),
    z.strictObject({ type: z.literal('cron'), expression: cronExpression, timezone: z.string().min(1).optional() }),
    z.strictObject({ type: z.literal('startup') }),
    z.strictObject({ type: z.literal('webhook') }),
  ])
  .default({ type: 'manual' });
export type Schedule = z.infer<typeof scheduleSchema>;

export const localFolderSettingsSchema = z.strictObject({
  path: z.string().trim().min(1, 'is required: the folder to catalog'),
  recursive: z.boolean().default(true),
  followSymlinks: z.boolean().default(false),
});
export type LocalFolderSettings = z.infer<typeof localFolderSettingsSchema>;

// The cloud connectors define their settings in their own issues; until then any object is kept.
const pendingSettingsSchema = z.record(z.string(), z.unknown());

const common = {
  name: endpointName,
  filters: filtersSchema,
  schedule: scheduleSchema,
  paused: z.boolean().default(false),
};

export const endpointInputSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('local_folder'), settings: localFolderSettingsSchema }),
  z.strictObject({ ...common, type: z.literal('google_drive'), settings: pendingSettingsSchema.default({}) }),
  z.strictObject({ ...common, type: z.literal('autodesk_acc'), settings: pendingSettingsSchema.default({}) }),
]);
/** An endpoint as written in a config file or sent by the UI (before defaults). */
export type EndpointInput = z.input<typeof endpointInputSchema>;
/** An endpoint with defaults applied. */
export type EndpointDefinition = z.output<typeof endpointInputSchema>;

export const sortFields = [
  'name',
  'path',
  'size',
  'modifiedTime',
  'createdTime',
  'extension',
  'endpoint',
  'modifiedBy',
] as const;
export type SortField = (typeof sortFields)[number];

export const filesQuerySchema = z.strictObject({
  endpointIds: z.array(z.number().int().positive()).optional(),
  search: z.string().max(500).optional(),
  extensions: z.array(z.string().min(1)).optional(),
  isFolder: z.boolean().optional(),
  minSize: z.number().nonnegative().optional(),
  maxSize: z.number().nonnegative().optional(),
  modifiedAfter: z.string().optional(),
  modifiedBefore: z.string().optional(),
  modifiedBy: z.string().optional(),
  includeDeleted: z.boolean().default(false),
  sort: z.enum(sortFields).default('path'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(5000).default(100),
});
export type FilesQuery = z.input<typeof filesQuerySchema>;
export type FilesQueryResolved = z.output<typeof filesQuerySchema>;
