/** The Add/Edit endpoint form's values, their conversion to EndpointInput, and error mapping. */
import type { EndpointSummary } from '../../../../src/contract/model';
import type { EndpointInput, Filters, Schedule } from '../../../../src/contract/schemas';
import { ContractError } from '../../../../src/contract/wire';
import { browserTimeZone } from '../../lib/schedule';

/** The endpoint types the form can create. */
export type FormEndpointType = 'local_folder' | 'google_drive' | 'autodesk_acc';

export interface EndpointFormValues {
  type: FormEndpointType;
  name: string;
  /** Local folder. */
  path: string;
  /** Google Drive: who signs in. */
  authType: 'oauth' | 'service_account';
  clientId: string;
  clientSecret: string;
  keyFile: string;
  subject: string;
  /** Google Drive: what to catalog. */
  myDrive: boolean;
  sharedDrives: 'all' | 'none' | 'some';
  sharedDriveList: string;
  /** Autodesk ACC: who signs in. */
  accAuthType: 'pkce' | 'client_credentials';
  accClientId: string;
  clientSecretEnv: string;
  userId: string;
  /** Autodesk ACC: what to catalog. */
  hubId: string;
  projects: string;
  includeHidden: boolean;
  ignore: string;
  extensions: string;
  scheduleType: ScheduleType;
  /** Interval: how many `intervalUnit`s between syncs. */
  minutes: string;
  intervalUnit: 'minutes' | 'hours';
  /** Cron: the expression and the time zone it is read in (empty: the time zone of the computer running the core). */
  cronExpression: string;
  timezone: string;
  /** Webhook: what callers must present. */
  webhookSecret: string;
}

/** How an endpoint syncs by itself, as the form offers it. */
export type ScheduleType = Schedule['type'];

/** The schedule choices, in the order the form lists them. */
export const scheduleChoices: { value: ScheduleType; label: string }[] = [
  { value: 'manual', label: 'Manual: only when I press Sync now' },
  { value: 'interval', label: 'Every N minutes or hours' },
  { value: 'cron', label: 'On a schedule (cron)' },
  { value: 'startup', label: 'When File Connector starts' },
  { value: 'webhook', label: 'When a webhook calls' },
];

/** The most an interval may be, in minutes (a week), as the core allows. */
export const MAX_INTERVAL_MINUTES = 10080;

/** `scope` is the Drive scope as a whole ("selects no drive"), shown above its fields. */
export type FieldName = keyof EndpointFormValues | 'scope';
export type FormErrors = Partial<Record<FieldName | 'form', string>>;
/** Sets one form value (and clears its error). */
export type ChangeValue = <K extends keyof EndpointFormValues>(key: K, value: EndpointFormValues[K]) => void;

/** Values for a new endpoint. */
export const emptyValues: EndpointFormValues = {
  type: 'local_folder',
  name: '',
  path: '',
  authType: 'oauth',
  clientId: '',
  clientSecret: '',
  keyFile: '',
  subject: '',
  myDrive: true,
  sharedDrives: 'all',
  sharedDriveList: '',
  accAuthType: 'pkce',
  accClientId: '',
  clientSecretEnv: '',
  userId: '',
  hubId: '',
  projects: '',
  includeHidden: false,
  ignore: '',
  extensions: '',
  scheduleType: 'manual',
  minutes: '30',
  intervalUnit: 'minutes',
  cronExpression: '0 7 * * 1-5',
  timezone: browserTimeZone(),
  webhookSecret: '',
};

/** The form's schedule values for a stored schedule. */
function scheduleValues(schedule: Schedule) {
  const values: Pick<
    EndpointFormValues,
    'scheduleType' | 'minutes' | 'intervalUnit' | 'cronExpression' | 'timezone' | 'webhookSecret'
  > = {
    scheduleType: schedule.type,
    minutes: emptyValues.minutes,
    intervalUnit: emptyValues.intervalUnit,
    cronExpression: emptyValues.cronExpression,
    timezone: emptyValues.timezone,
    webhookSecret: '',
  };
  if (schedule.type === 'interval') {
    const inHours = schedule.minutes >= 60 && schedule.minutes % 60 === 0;
    values.minutes = String(inHours ? schedule.minutes / 60 : schedule.minutes);
    values.intervalUnit = inHours ? 'hours' : 'minutes';
  } else if (schedule.type === 'cron') {
    values.cronExpression = schedule.expression;
    // No time zone means the core's own: leave it empty rather than silently pin it to this browser's.
    values.timezone = schedule.timezone ?? '';
  } else if (schedule.type === 'webhook') {
    values.webhookSecret = schedule.secret ?? '';
  }
  return values;
}

/** The interval in minutes the form's values describe, or NaN when they are not a whole number. */
export function intervalMinutes(values: Pick<EndpointFormValues, 'minutes' | 'intervalUnit'>): number {
  const text = values.minutes.trim();
  if (!/^\d+$/.test(text)) return Number.NaN;
  return Number(text) * (values.intervalUnit === 'hours' ? 60 : 1);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Values prefilled from an existing endpoint. */
export function valuesFrom(endpoint: EndpointSummary): EndpointFormValues {
  const common = {
    ...emptyValues,
    name: endpoint.name,
    ignore: (endpoint.filters.ignore ?? []).join('\n'),
    extensions: (endpoint.filters.extensions ?? []).join(', '),
    ...scheduleValues(endpoint.schedule),
  };
  if (endpoint.type === 'local_folder') return { ...common, path: str(endpoint.settings.path) };
  const auth = record(endpoint.settings.auth);
  const scope = record(endpoint.settings.scope);
  if (endpoint.type === 'autodesk_acc') {
    const projects = Array.isArray(scope.projects) ? scope.projects.filter((p) => typeof p === 'string') : [];
    return {
      ...common,
      type: 'autodesk_acc',
      accAuthType: auth.type === 'client_credentials' ? 'client_credentials' : 'pkce',
      accClientId: str(auth.clientId),
      clientSecretEnv: str(auth.clientSecretEnv),
      userId: str(auth.userId),
      hubId: str(scope.hubId),
      projects: projects.join(', '),
      includeHidden: endpoint.settings.includeHidden === true,
    };
  }
  const shared = scope.sharedDrives;
  return {
    ...common,
    type: 'google_drive',
    authType: auth.type === 'service_account' ? 'service_account' : 'oauth',
    clientId: str(auth.clientId),
    clientSecret: str(auth.clientSecret),
    keyFile: str(auth.keyFile),
    subject: str(auth.subject),
    myDrive: scope.myDrive !== false,
    sharedDrives: Array.isArray(shared) ? 'some' : shared === 'none' ? 'none' : 'all',
    sharedDriveList: Array.isArray(shared) ? shared.filter((s) => typeof s === 'string').join(', ') : '',
  };
}

/** Splits "a, b; c" or one-per-line lists. */
function list(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/** Project names or ids: comma separated or one per line (names may hold semicolons). */
const projectList = (text: string) => list(text, /[,\n]+/);

const namePlaceholders: Record<FormEndpointType, string> = {
  local_folder: 'Project drawings',
  google_drive: 'Company Drive',
  autodesk_acc: 'Tower A on ACC',
};

/** An example name for the type. */
export function namePlaceholder(type: FormEndpointType): string {
  return namePlaceholders[type];
}

/** Required-field checks done before asking the core (which validates everything again). */
export function validate(values: EndpointFormValues, base?: EndpointSummary): FormErrors {
  const errors: FormErrors = {};
  if (!values.name.trim()) errors.name = `Enter a name, e.g. "${namePlaceholders[values.type]}".`;
  if (values.type === 'local_folder') {
    if (!values.path.trim()) errors.path = 'Enter the folder to catalog.';
  } else if (values.type === 'autodesk_acc') {
    // An empty secret variable is fine: the card then asks for the secret itself, kept encrypted by the OS.
    if (!values.accClientId.trim()) errors.accClientId = 'Enter the Client ID of your Autodesk app (aps.autodesk.com).';
  } else if (values.authType === 'oauth') {
    if (!values.clientId.trim()) errors.clientId = 'Enter the OAuth client ID of your Google Cloud project.';
  } else {
    if (!values.keyFile.trim()) errors.keyFile = 'Enter the path of the service account key (a .json file).';
    if (values.subject.trim() && !looksLikeEmail(values.subject.trim())) {
      errors.subject = 'Enter an email address, e.g. alex@example.com, or leave this empty.';
    }
  }
  if (values.type === 'google_drive') {
    if (values.sharedDrives === 'some' && list(values.sharedDriveList, /[,;\n]+/).length === 0) {
      errors.sharedDriveList = 'Enter at least one shared drive name or ID, or choose "All".';
    }
    if (!values.myDrive && values.sharedDrives === 'none') {
      errors.scope = 'Choose something to catalog: My Drive, shared drives, or both.';
    }
  }
  Object.assign(errors, validateSchedule(values, base));
  return errors;
}

/** Checks of the schedule fields; the core checks cron expressions and time zones itself on save. */
function validateSchedule(values: EndpointFormValues, base?: EndpointSummary): FormErrors {
  const errors: FormErrors = {};
  if (values.scheduleType === 'interval') {
    const minutes = intervalMinutes(values);
    const unit = values.intervalUnit === 'hours' ? 'hours' : 'minutes';
    if (!Number.isInteger(minutes) || minutes < 1) errors.minutes = `Enter a whole number of ${unit} (1 or more).`;
    else if (minutes > MAX_INTERVAL_MINUTES) errors.minutes = 'Choose at most a week (168 hours) between syncs.';
  } else if (values.scheduleType === 'cron') {
    if (!values.cronExpression.trim()) {
      errors.cronExpression = 'Enter a cron expression, e.g. "0 7 * * 1-5" for weekdays at 07:00.';
    }
  } else if (values.scheduleType === 'webhook') {
    const secret = values.webhookSecret.trim();
    const fromEnv = base?.schedule.type === 'webhook' && base.schedule.secretEnv;
    if (!secret && !fromEnv) {
      errors.webhookSecret = 'Enter a secret or press Generate: calls without the secret are refused.';
    } else if (secret && secret.length < 16) {
      errors.webhookSecret = 'Use at least 16 characters, or press Generate for a strong one.';
    }
  }
  return errors;
}

/** Settings for a local folder, keeping the options the form does not show. */
function folderSettings(values: EndpointFormValues, base: Record<string, unknown>) {
  return {
    ...(typeof base.recursive === 'boolean' ? { recursive: base.recursive } : {}),
    ...(typeof base.followSymlinks === 'boolean' ? { followSymlinks: base.followSymlinks } : {}),
    path: values.path.trim(),
  };
}

/** Sign-in hosts (tests, proxies): every kind of auth block accepts them. */
const hostKeys = ['tokenUrl', 'authorizeUrl'] as const;
/** Headless token storage: only the kinds a person signs in with accept it. */
const tokenKeys = ['tokenFile', 'tokenEnv'] as const;

/**
 * The keys of the endpoint's auth block the form does not show (token files, sign-in hosts), kept when the edit
 * keeps the same kind of auth; `personal` kinds (a person signs in) also keep their token file and variable.
 */
function hiddenAuth(base: Record<string, unknown>, kind: string, personal: boolean): Record<string, unknown> {
  const baseAuth = record(base.auth);
  const kept: Record<string, unknown> = {};
  if (baseAuth.type !== kind) return kept;
  for (const key of personal ? [...hostKeys, ...tokenKeys] : hostKeys) {
    if (key in baseAuth) kept[key] = baseAuth[key];
  }
  return kept;
}

/** Settings for Google Drive, keeping what the form does not show (pacing, folders, permissions, hosts). */
function driveSettings(values: EndpointFormValues, base: Record<string, unknown>) {
  const kept = hiddenAuth(base, values.authType, values.authType === 'oauth');
  const subject = values.subject.trim();
  const secret = values.clientSecret.trim();
  const auth =
    values.authType === 'oauth'
      ? {
          type: 'oauth' as const,
          clientId: values.clientId.trim(),
          ...(secret ? { clientSecret: secret } : {}),
          ...kept,
        }
      : { type: 'service_account' as const, keyFile: values.keyFile.trim(), ...(subject ? { subject } : {}), ...kept };
  const baseScope = record(base.scope);
  const sharedDrives = values.sharedDrives === 'some' ? list(values.sharedDriveList, /[,;\n]+/) : values.sharedDrives;
  return {
    ...base,
    auth,
    scope: {
      ...(Array.isArray(baseScope.folderIds) ? { folderIds: baseScope.folderIds as string[] } : {}),
      myDrive: values.myDrive,
      sharedDrives,
    },
  };
}

/** Settings for Autodesk ACC, keeping what the form does not show (API root, folders, rate limits, hosts). */
function accSettings(values: EndpointFormValues, base: Record<string, unknown>) {
  const kept = hiddenAuth(base, values.accAuthType, values.accAuthType === 'pkce');
  const clientId = values.accClientId.trim();
  const userId = values.userId.trim();
  const secretEnv = values.clientSecretEnv.trim();
  const auth =
    values.accAuthType === 'pkce'
      ? { type: 'pkce' as const, clientId, ...kept }
      : {
          type: 'client_credentials' as const,
          clientId,
          ...(secretEnv ? { clientSecretEnv: secretEnv } : {}),
          ...(userId ? { userId } : {}),
          ...kept,
        };
  const baseScope = record(base.scope);
  const hubId = values.hubId.trim();
  return {
    ...base,
    auth,
    scope: {
      ...(Array.isArray(baseScope.folders) ? { folders: baseScope.folders as string[] } : {}),
      ...(hubId ? { hubId } : {}),
      projects: projectList(values.projects),
    },
    includeHidden: values.includeHidden,
  };
}

/** The schedule to send; a webhook keeps the environment variable a config file named for its secret. */
function scheduleInput(values: EndpointFormValues, base?: EndpointSummary): Schedule {
  switch (values.scheduleType) {
    case 'interval':
      return { type: 'interval', minutes: intervalMinutes(values) };
    case 'cron': {
      const timezone = values.timezone.trim();
      return { type: 'cron', expression: values.cronExpression.trim(), ...(timezone ? { timezone } : {}) };
    }
    case 'webhook': {
      const secret = values.webhookSecret.trim();
      const secretEnv = base?.schedule.type === 'webhook' ? base.schedule.secretEnv : undefined;
      return { type: 'webhook', ...(secret ? { secret } : {}), ...(secretEnv ? { secretEnv } : {}) };
    }
    case 'startup':
      return { type: 'startup' };
    default:
      return { type: 'manual' };
  }
}

/** Builds the contract input; `base` keeps settings and filters the form does not show when editing. */
export function toInput(values: EndpointFormValues, base?: EndpointSummary): EndpointInput {
  const ignore = list(values.ignore, /\n/);
  const extensions = list(values.extensions, /[,\s;]+/);
  const filters: Filters = { ...(base?.filters ?? {}) };
  // The cloud forms have no ignore patterns: keep whatever a config file set.
  if (values.type === 'local_folder') {
    delete filters.ignore;
    if (ignore.length) filters.ignore = ignore;
  }
  delete filters.extensions;
  if (extensions.length) filters.extensions = extensions;
  const baseSettings = base?.type === values.type ? base.settings : {};
  const common = {
    name: values.name.trim(),
    filters,
    schedule: scheduleInput(values, base),
    ...(base ? { paused: base.paused } : {}),
  };
  if (values.type === 'google_drive') {
    return { ...common, type: 'google_drive', settings: driveSettings(values, baseSettings) } as EndpointInput;
  }
  if (values.type === 'autodesk_acc') {
    return { ...common, type: 'autodesk_acc', settings: accSettings(values, baseSettings) } as EndpointInput;
  }
  return { ...common, type: 'local_folder', settings: folderSettings(values, baseSettings) };
}

// Issue paths from the core are relative to the endpoint input; when editing they sit under `endpoint.`.
const fieldFor: [RegExp, FieldName, FormEndpointType?][] = [
  [/^(endpoint\.)?name$/, 'name'],
  [/^(endpoint\.)?settings(\.path)?$/, 'path', 'local_folder'],
  [/^(endpoint\.)?settings\.auth\.clientId$/, 'clientId', 'google_drive'],
  [/^(endpoint\.)?settings\.auth\.clientSecret$/, 'clientSecret'],
  [/^(endpoint\.)?settings\.auth\.keyFile$/, 'keyFile'],
  [/^(endpoint\.)?settings\.auth\.subject$/, 'subject'],
  [/^(endpoint\.)?settings\.scope\.sharedDrives/, 'sharedDriveList'],
  [/^(endpoint\.)?settings\.scope(\.myDrive)?$/, 'scope', 'google_drive'],
  [/^(endpoint\.)?settings\.auth\.clientId$/, 'accClientId', 'autodesk_acc'],
  [/^(endpoint\.)?settings\.auth\.clientSecretEnv$/, 'clientSecretEnv'],
  [/^(endpoint\.)?settings\.auth\.userId$/, 'userId'],
  [/^(endpoint\.)?settings\.scope\.hubId$/, 'hubId'],
  [/^(endpoint\.)?settings\.scope\.projects/, 'projects'],
  [/^(endpoint\.)?settings\.includeHidden$/, 'includeHidden'],
  [/^(endpoint\.)?filters\.ignore/, 'ignore'],
  [/^(endpoint\.)?filters\.extensions/, 'extensions'],
  [/^(endpoint\.)?schedule\.minutes/, 'minutes'],
  [/^(endpoint\.)?schedule\.expression/, 'cronExpression'],
  [/^(endpoint\.)?schedule\.timezone/, 'timezone'],
  [/^(endpoint\.)?schedule\.secret$/, 'webhookSecret'],
  [/^(endpoint\.)?schedule(\.type)?$/, 'scheduleType'],
];

const fieldLabels: Record<FieldName, string> = {
  type: 'Type',
  name: 'Name',
  path: 'Folder path',
  authType: 'Sign in with',
  clientId: 'OAuth client ID',
  clientSecret: 'Client secret',
  keyFile: 'Key file',
  subject: 'Act as user',
  myDrive: 'My Drive',
  sharedDrives: 'Shared drives',
  sharedDriveList: 'Shared drives',
  accAuthType: 'Sign in with',
  accClientId: 'Client ID',
  clientSecretEnv: 'Secret environment variable',
  userId: 'Act as user ID',
  hubId: 'Hub ID',
  projects: 'Projects',
  includeHidden: 'Include hidden items',
  scope: 'The scope',
  ignore: 'Ignore patterns',
  extensions: 'Extensions',
  scheduleType: 'Schedule',
  minutes: 'The interval',
  intervalUnit: 'Unit',
  cronExpression: 'The expression',
  timezone: 'Time zone',
  webhookSecret: 'The secret',
};

/** The order fields appear in, per type, so the first error gets focus. */
export function fieldOrder(type: FormEndpointType, scheduleType: ScheduleType = 'manual'): FieldName[] {
  return [...typeFieldOrder(type), ...scheduleFields[scheduleType]];
}

/** The fields each kind of schedule shows. */
const scheduleFields: Record<ScheduleType, FieldName[]> = {
  manual: ['scheduleType'],
  interval: ['scheduleType', 'minutes'],
  cron: ['scheduleType', 'cronExpression', 'timezone'],
  startup: ['scheduleType'],
  webhook: ['scheduleType', 'webhookSecret'],
};

function typeFieldOrder(type: FormEndpointType): FieldName[] {
  switch (type) {
    case 'google_drive':
      return ['name', 'clientId', 'clientSecret', 'keyFile', 'subject', 'scope', 'sharedDriveList', 'extensions'];
    case 'autodesk_acc':
      return ['name', 'accClientId', 'clientSecretEnv', 'userId', 'hubId', 'projects', 'includeHidden', 'extensions'];
    default:
      return ['name', 'path', 'ignore', 'extensions'];
  }
}

/** Core messages that say what is wrong but not what to type, said more helpfully next to their field. */
const clearer: Partial<Record<FieldName, [RegExp, string][]>> = {
  clientSecretEnv: [
    [
      /^must be an environment variable name$/,
      'must be the name of an environment variable (letters, digits and _, e.g. APS_CLIENT_SECRET), not the secret itself',
    ],
  ],
};

function sentence(core: string, field: FieldName): string {
  const message = clearer[field]?.find(([re]) => re.test(core))?.[1] ?? core;
  // The core says "must not be empty"; next to a field, "Name must not be empty." reads better.
  const text = /^[a-z]/.test(message) ? `${fieldLabels[field]} ${message}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Maps a rejected create/update to field errors; anything unmapped becomes the form-level error. */
export function errorsFrom(
  error: unknown,
  type: FormEndpointType = 'local_folder',
  scheduleType: ScheduleType = 'manual',
): FormErrors {
  if (!(error instanceof ContractError)) {
    return { form: error instanceof Error ? error.message : 'Could not save the endpoint.' };
  }
  const errors: FormErrors = {};
  const unmapped: string[] = [];
  // A field this type's form does not show cannot carry the message: it goes above the buttons instead.
  const shown = new Set(fieldOrder(type, scheduleType));
  for (const issue of error.issues ?? []) {
    const mapped = fieldFor.find(([re, , only]) => (!only || only === type) && re.test(issue.path))?.[1];
    const field = mapped && shown.has(mapped) ? mapped : undefined;
    if (field && !errors[field]) errors[field] = sentence(issue.message, field);
    else if (!field) unmapped.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  if (unmapped.length || Object.keys(errors).length === 0) {
    errors.form = unmapped.length ? unmapped.join(' ') : error.message;
  }
  return errors;
}

/** What every part of the endpoint form receives: the values, their errors, and how to change one. */
export interface FormPartProps {
  values: EndpointFormValues;
  errors: FormErrors;
  change: ChangeValue;
}
