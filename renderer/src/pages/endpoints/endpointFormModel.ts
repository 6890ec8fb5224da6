/** The Add/Edit endpoint form's values, their conversion to EndpointInput, and error mapping. */
import type { EndpointSummary } from '../../../../src/contract/model';
import type { EndpointInput, Filters } from '../../../../src/contract/schemas';
import { ContractError } from '../../../../src/contract/wire';

/** The endpoint types the form can create. */
export type FormEndpointType = 'local_folder' | 'google_drive';

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
  ignore: string;
  extensions: string;
  scheduleType: 'manual' | 'interval';
  minutes: string;
}

/** `scope` is the Drive scope as a whole ("selects no drive"), shown above its fields. */
export type FieldName = keyof EndpointFormValues | 'scope';
export type FormErrors = Partial<Record<FieldName | 'form', string>>;

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
  ignore: '',
  extensions: '',
  scheduleType: 'manual',
  minutes: '60',
};

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
    scheduleType: endpoint.schedule.type === 'interval' ? ('interval' as const) : ('manual' as const),
    minutes: endpoint.schedule.type === 'interval' ? String(endpoint.schedule.minutes) : '60',
  };
  if (endpoint.type !== 'google_drive') return { ...common, path: str(endpoint.settings.path) };
  const auth = record(endpoint.settings.auth);
  const scope = record(endpoint.settings.scope);
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

/** Required-field checks done before asking the core (which validates everything again). */
export function validate(values: EndpointFormValues): FormErrors {
  const errors: FormErrors = {};
  if (!values.name.trim()) {
    errors.name =
      values.type === 'google_drive' ? 'Enter a name, e.g. "Company Drive".' : 'Enter a name, e.g. "Project drawings".';
  }
  if (values.type === 'local_folder') {
    if (!values.path.trim()) errors.path = 'Enter the folder to catalog.';
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
  if (values.scheduleType === 'interval') {
    const n = Number(values.minutes);
    if (!Number.isInteger(n) || n < 1) errors.minutes = 'Enter a whole number of minutes (1 or more).';
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

/** Keys of an auth block the form does not show (token files, test hosts), kept when editing the same kind. */
const hiddenAuthKeys = ['tokenFile', 'tokenEnv', 'tokenUrl', 'authorizeUrl'] as const;

/** Settings for Google Drive, keeping what the form does not show (pacing, folders, permissions, hosts). */
function driveSettings(values: EndpointFormValues, base: Record<string, unknown>) {
  const baseAuth = record(base.auth);
  const sameKind = baseAuth.type === values.authType;
  const kept: Record<string, unknown> = {};
  for (const key of hiddenAuthKeys) {
    if (sameKind && key in baseAuth && (values.authType === 'oauth' || key === 'tokenUrl' || key === 'authorizeUrl')) {
      kept[key] = baseAuth[key];
    }
  }
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

/** Builds the contract input; `base` keeps settings and filters the form does not show when editing. */
export function toInput(values: EndpointFormValues, base?: EndpointSummary): EndpointInput {
  const ignore = list(values.ignore, /\n/);
  const extensions = list(values.extensions, /[,\s;]+/);
  const filters: Filters = { ...(base?.filters ?? {}) };
  // Drive's form has no ignore patterns: keep whatever a config file set.
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
    schedule:
      values.scheduleType === 'interval'
        ? { type: 'interval' as const, minutes: Number(values.minutes) }
        : { type: 'manual' as const },
    ...(base ? { paused: base.paused } : {}),
  };
  if (values.type === 'google_drive') {
    return { ...common, type: 'google_drive', settings: driveSettings(values, baseSettings) } as EndpointInput;
  }
  return { ...common, type: 'local_folder', settings: folderSettings(values, baseSettings) };
}

// Issue paths from the core are relative to the endpoint input; when editing they sit under `endpoint.`.
const fieldFor: [RegExp, FieldName, FormEndpointType?][] = [
  [/^(endpoint\.)?name$/, 'name'],
  [/^(endpoint\.)?settings(\.path)?$/, 'path', 'local_folder'],
  [/^(endpoint\.)?settings\.auth\.clientId$/, 'clientId'],
  [/^(endpoint\.)?settings\.auth\.clientSecret$/, 'clientSecret'],
  [/^(endpoint\.)?settings\.auth\.keyFile$/, 'keyFile'],
  [/^(endpoint\.)?settings\.auth\.subject$/, 'subject'],
  [/^(endpoint\.)?settings\.scope\.sharedDrives/, 'sharedDriveList'],
  [/^(endpoint\.)?settings\.scope(\.myDrive)?$/, 'scope'],
  [/^(endpoint\.)?filters\.ignore/, 'ignore'],
  [/^(endpoint\.)?filters\.extensions/, 'extensions'],
  [/^(endpoint\.)?schedule\.minutes/, 'minutes'],
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
  scope: 'The scope',
  ignore: 'Ignore patterns',
  extensions: 'Extensions',
  scheduleType: 'Schedule',
  minutes: 'Minutes',
};

/** The order fields appear in, per type, so the first error gets focus. */
export function fieldOrder(type: FormEndpointType): FieldName[] {
  return type === 'google_drive'
    ? ['name', 'clientId', 'clientSecret', 'keyFile', 'subject', 'scope', 'sharedDriveList', 'extensions', 'minutes']
    : ['name', 'path', 'ignore', 'extensions', 'minutes'];
}

function sentence(message: string, field: FieldName): string {
  // The core says "must not be empty"; next to a field, "Name must not be empty." reads better.
  const text = /^[a-z]/.test(message) ? `${fieldLabels[field]} ${message}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Maps a rejected create/update to field errors; anything unmapped becomes the form-level error. */
export function errorsFrom(error: unknown, type: FormEndpointType = 'local_folder'): FormErrors {
  if (!(error instanceof ContractError)) {
    return { form: error instanceof Error ? error.message : 'Could not save the endpoint.' };
  }
  const errors: FormErrors = {};
  const unmapped: string[] = [];
  for (const issue of error.issues ?? []) {
    const field = fieldFor.find(([re, , only]) => (!only || only === type) && re.test(issue.path))?.[1];
    if (field && !errors[field]) errors[field] = sentence(issue.message, field);
    else if (!field) unmapped.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  if (unmapped.length || Object.keys(errors).length === 0) {
    errors.form = unmapped.length ? unmapped.join(' ') : error.message;
  }
  return errors;
}
