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

const timeZone = z
  .string()
  .min(1)
  .refine((name) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  }, 'is not a time zone: use a name such as "Europe/Berlin" or "UTC"');

export const scheduleSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('manual') }),
    z.strictObject({
      type: z.literal('interval'),
      minutes: z.number().int().min(1, 'must be at least 1 minute').max(10080, 'must be at most a week'),
    }),
    z.strictObject({ type: z.literal('cron'), expression: cronExpression, timezone: timeZone.optional() }),
    z.strictObject({ type: z.literal('startup') }),
    z.strictObject({
      type: z.literal('webhook'),
      /**
       * Authenticates calls to `POST /hooks/<endpoint>`: the HMAC key of Autodesk's `x-adsk-signature`,
       * the token of a Google Drive watch channel, or a bearer token for other callers.
       */
      secret: z.string().min(16, 'must be at least 16 characters').max(256).optional(),
      /** The environment variable holding the secret instead (for config files). */
      secretEnv: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
        .optional(),
    }),
  ])
  .default({ type: 'manual' });
export type Schedule = z.infer<typeof scheduleSchema>;

export const localFolderSettingsSchema = z.strictObject({
  path: z.string().trim().min(1, 'is required: the folder to catalog'),
  recursive: z.boolean().default(true),
  followSymlinks: z.boolean().default(false),
});
export type LocalFolderSettings = z.infer<typeof localFolderSettingsSchema>;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** Overrides of Google's sign-in hosts, for tests and proxies; both sign-in types accept them. */
const googleAuthHosts = {
  tokenUrl: httpUrl.optional(),
  authorizeUrl: httpUrl.optional(),
};

export const googleDriveAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('service_account'),
    keyFile: z.string().trim().min(1, 'is required: the path of the service account JSON key'),
    /** A Workspace user to impersonate (domain-wide delegation). */
    subject: z.email('must be an email address').optional(),
    ...googleAuthHosts,
  }),
  z
    .strictObject({
      type: z.literal('oauth'),
      clientId: z.string().trim().min(1, 'is required: the OAuth client id'),
      clientSecret: z.string().min(1).optional(),
      /** Headless only: a JSON file holding the refresh token. The desktop app keeps it encrypted instead. */
      tokenFile: z.string().trim().min(1).optional(),
      /** Headless only: the environment variable holding the refresh token. */
      tokenEnv: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
        .optional(),
      ...googleAuthHosts,
    })
    .refine((a) => !(a.tokenFile && a.tokenEnv), 'tokenFile and tokenEnv cannot both be set: choose one'),
]);
export type GoogleDriveAuth = z.infer<typeof googleDriveAuthSchema>;

export const googleDriveSettingsSchema = z.strictObject({
  auth: googleDriveAuthSchema,
  /** The Drive API root (default https://www.googleapis.com/). */
  apiBaseUrl: httpUrl.optional(),
  scope: z
    .strictObject({
      myDrive: z.boolean().default(true),
      /** `all` shared drives the account sees, `none`, or a list of shared drive ids or names. */
      sharedDrives: z
        .union([z.literal('all'), z.literal('none'), z.array(z.string().trim().min(1)).min(1, 'must not be empty')])
        .default('all'),
      /** Only these folders (by id) and everything below them. */
      folderIds: z.array(z.string().trim().min(1)).min(1, 'must not be empty').optional(),
    })
    .refine((s) => s.myDrive || s.sharedDrives !== 'none', 'selects no drive: set myDrive or sharedDrives')
    .default({ myDrive: true, sharedDrives: 'all' }),
  /** Who has access to each file; off by default because it caps Drive's pages at 100 items. */
  includePermissions: z.boolean().default(false),
  pacing: z
    .strictObject({
      requestsPerSecond: z.number().positive().max(1000).default(10),
      burst: z.number().int().min(1).max(1000).default(20),
    })
    .default({ requestsPerSecond: 10, burst: 20 }),
});
export type GoogleDriveSettings = z.infer<typeof googleDriveSettingsSchema>;

const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');
const apsClientId = z.string().trim().min(1, 'is required: the client id of your Autodesk Platform Services app');

/** Overrides of Autodesk's sign-in URLs, for tests and proxies; both sign-in types accept them. */
const apsAuthHosts = {
  tokenUrl: httpUrl.optional(),
  authorizeUrl: httpUrl.optional(),
};

export const autodeskAccAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('client_credentials'),
    clientId: apsClientId,
    /**
     * The environment variable holding the client secret: a secret never sits in a config file. Without it, the
     * desktop app keeps the secret OS-encrypted (`auth.setSecret`); a server must name a variable.
     */
    clientSecretEnv: envVarName.optional(),
    /** Act as this Autodesk user (`x-user-id`), seeing only what they see. */
    userId: z.string().trim().min(1).optional(),
    ...apsAuthHosts,
  }),
  z
    .strictObject({
      type: z.literal('pkce'),
      clientId: apsClientId,
      /** Headless only: a JSON file holding the refresh token, rewritten atomically on every refresh. */
      tokenFile: z.string().trim().min(1).optional(),
      /** Headless only: the environment variable holding a first refresh token, used while tokenFile has none. */
      tokenEnv: envVarName.optional(),
      ...apsAuthHosts,
    })
    .refine(
      (a) => !a.tokenEnv || a.tokenFile,
      'tokenEnv needs tokenFile too: Autodesk replaces the refresh token on every refresh, and the new one must be saved',
    ),
]);
export type AutodeskAccAuth = z.infer<typeof autodeskAccAuthSchema>;

const perMinute = z.number().positive('must be more than 0 requests per minute').max(100_000);

export const autodeskAccSettingsSchema = z.strictObject({
  auth: autodeskAccAuthSchema,
  /** The APS root, for tests and proxies. */
  apiBaseUrl: httpUrl.default('https://developer.api.autodesk.com'),
  scope: z
    .strictObject({
      /** One hub (e.g. `b.1a2b...`); every hub the credentials see when omitted. */
      hubId: z.string().trim().min(1).optional(),
      /** Projects by id or name; every project when empty. */
      projects: z.array(z.string().trim().min(1)).default([]),
      /** Only these folders, as paths from the project name (`Tower A/Project Files/Structural`). */
      folders: z.array(z.string().trim().min(1)).min(1, 'must not be empty').optional(),
    })
    .default({ projects: [] }),
  includeHidden: z.boolean().default(false),
  /** Requests per minute per endpoint family; the defaults are Autodesk's published limits. */
  rateLimits: z
    .strictObject({
      hubs: perMinute.optional(),
      projects: perMinute.optional(),
      topFolders: perMinute.optional(),
      folderContents: perMinute.optional(),
      token: perMinute.optional(),
      /** Webhooks API: listing, updating and deleting hooks. */
      webhooks: perMinute.optional(),
      /** Webhooks API: creating hooks. */
      webhookCreate: perMinute.optional(),
      /** A file's version list, read when its details are shown. */
      itemVersions: perMinute.optional(),
    })
    .default({}),
});
export type AutodeskAccSettings = z.infer<typeof autodeskAccSettingsSchema>;

const common = {
  name: endpointName,
  filters: filtersSchema,
  schedule: scheduleSchema,
  paused: z.boolean().default(false),
};

export const endpointInputSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('local_folder'), settings: localFolderSettingsSchema }),
  z.strictObject({ ...common, type: z.literal('google_drive'), settings: googleDriveSettingsSchema }),
  z.strictObject({ ...common, type: z.literal('autodesk_acc'), settings: autodeskAccSettingsSchema }),
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
  /** A name as `files.facets` lists it, matched exactly (case and all). */
  modifiedBy: z.string().optional(),
  includeDeleted: z.boolean().default(false),
  sort: z.enum(sortFields).default('path'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(5000).default(100),
});
export type FilesQuery = z.input<typeof filesQuerySchema>;
/** A files query without its page and order: what `files.count` counts. */
export const filesCountSchema = filesQuerySchema.omit({ sort: true, direction: true, offset: true, limit: true });
export type FilesCountQuery = z.input<typeof filesCountSchema>;
export type FilesQueryResolved = z.output<typeof filesQuerySchema>;
