/** The Add/Edit endpoint form's values, their conversion to EndpointInput, and error mapping. */
import type { EndpointSummary } from '../../../../src/contract/model';
import type { EndpointInput, Filters } from '../../../../src/contract/schemas';
import { ContractError } from '../../../../src/contract/wire';

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
  scheduleType: 'manual' | 'interval';
  minutes: string;
}

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
export function validate(values: EndpointFormValues): FormErrors {
  const errors: FormErrors = {};
  if (!values.name.trim()) errors.name = `Enter a name, e.g. "${namePlaceholders[values.type]}".`;
  if (values.type === 'local_folder') {
    if (!values.path.trim()) errors.path = 'Enter the folder to catalog.';
  } else if (values.type === 'autodesk_acc') {
    if (!values.accClientId.trim()) errors.accClientId = 'Enter the Client ID of your Autodesk app (aps.autodesk.com).';
    if (values.accAuthType === 'client_credentials' && !values.clientSecretEnv.trim()) {
      errors.clientSecretEnv =
        'Enter the name of the environment variable that holds the client secret, e.g. APS_CLIENT_SECRET.';
    }
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
  const auth =
    values.accAuthType === 'pkce'
      ? { type: 'pkce' as const, clientId, ...kept }
      : {
          type: 'client_credentials' as const,
          clientId,
          clientSecretEnv: values.clientSecretEnv.trim(),
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
    schedule:
      values.scheduleType === 'interval'
        ? { type: 'interval' as const, minutes: Number(values.minutes) }
        : { type: 'manual' as const },
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
  minutes: 'Minutes',
};

/** The order fields appear in, per type, so the first error gets focus. */
export function fieldOrder(type: FormEndpointType): FieldName[] {
  switch (type) {
    case 'google_drive':
      return [
        'name',
        'clientId',
        'clientSecret',
        'keyFile',
        'subject',
        'scope',
        'sharedDriveList',
        'extensions',
        'minutes',
      ];
    case 'autodesk_acc':
      return [
        'name',
        'accClientId',
        'clientSecretEnv',
        'userId',
        'hubId',
        'projects',
        'includeHidden',
        'extensions',
        'minutes',
      ];
    default:
      return ['name', 'path', 'ignore', 'extensions', 'minutes'];
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
export function errorsFrom(error: unknown, type: FormEndpointType = 'local_folder'): FormErrors {
  if (!(error instanceof ContractError)) {
    return { form: error instanceof Error ? error.message : 'Could not save the endpoint.' };
  }
  const errors: FormErrors = {};
  const unmapped: string[] = [];
  // A field this type's form does not show cannot carry the message: it goes above the buttons instead.
  const shown = new Set(fieldOrder(type));
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
