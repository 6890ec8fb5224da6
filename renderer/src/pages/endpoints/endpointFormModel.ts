/** The Add/Edit endpoint form's values, their conversion to EndpointInput, and error mapping. */
import type { EndpointSummary } from '../../../../src/contract/model';
import type { EndpointInput, Filters } from '../../../../src/contract/schemas';
import { ContractError } from '../../../../src/contract/wire';

export interface EndpointFormValues {
  name: string;
  path: string;
  ignore: string;
  extensions: string;
  scheduleType: 'manual' | 'interval';
  minutes: string;
}

export type FieldName = keyof EndpointFormValues;
export type FormErrors = Partial<Record<FieldName | 'form', string>>;

/** Values for a new endpoint. */
export const emptyValues: EndpointFormValues = {
  name: '',
  path: '',
  ignore: '',
  extensions: '',
  scheduleType: 'manual',
  minutes: '60',
};

/** Values prefilled from an existing endpoint. */
export function valuesFrom(endpoint: EndpointSummary): EndpointFormValues {
  const path = typeof endpoint.settings.path === 'string' ? endpoint.settings.path : '';
  return {
    name: endpoint.name,
    path,
    ignore: (endpoint.filters.ignore ?? []).join('\n'),
    extensions: (endpoint.filters.extensions ?? []).join(', '),
    scheduleType: endpoint.schedule.type === 'interval' ? 'interval' : 'manual',
    minutes: endpoint.schedule.type === 'interval' ? String(endpoint.schedule.minutes) : '60',
  };
}

/** Required-field checks done before asking the core (which validates everything again). */
export function validate(values: EndpointFormValues): FormErrors {
  const errors: FormErrors = {};
  if (!values.name.trim()) errors.name = 'Enter a name, e.g. "Project drawings".';
  if (!values.path.trim()) errors.path = 'Enter the folder to catalog.';
  if (values.scheduleType === 'interval') {
    const n = Number(values.minutes);
    if (!Number.isInteger(n) || n < 1) errors.minutes = 'Enter a whole number of minutes (1 or more).';
  }
  return errors;
}

/** Builds the contract input; `base` keeps settings and filters the form does not show when editing. */
export function toInput(values: EndpointFormValues, base?: EndpointSummary): EndpointInput {
  const ignore = values.ignore
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const extensions = values.extensions
    .split(/[,\s;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const filters: Filters = { ...(base?.filters ?? {}) };
  delete filters.ignore;
  delete filters.extensions;
  if (ignore.length) filters.ignore = ignore;
  if (extensions.length) filters.extensions = extensions;
  const baseSettings = base?.type === 'local_folder' ? base.settings : {};
  return {
    type: 'local_folder',
    name: values.name.trim(),
    settings: {
      ...(typeof baseSettings.recursive === 'boolean' ? { recursive: baseSettings.recursive } : {}),
      ...(typeof baseSettings.followSymlinks === 'boolean' ? { followSymlinks: baseSettings.followSymlinks } : {}),
      path: values.path.trim(),
    },
    filters,
    schedule:
      values.scheduleType === 'interval' ? { type: 'interval', minutes: Number(values.minutes) } : { type: 'manual' },
    ...(base ? { paused: base.paused } : {}),
  };
}

// Issue paths from the core are relative to the endpoint input; when editing they sit under `endpoint.`.
const fieldFor: [RegExp, FieldName][] = [
  [/^(endpoint\.)?name$/, 'name'],
  [/^(endpoint\.)?settings(\.path)?$/, 'path'],
  [/^(endpoint\.)?filters\.ignore/, 'ignore'],
  [/^(endpoint\.)?filters\.extensions/, 'extensions'],
  [/^(endpoint\.)?schedule\.minutes/, 'minutes'],
];

const fieldLabels: Record<FieldName, string> = {
  name: 'Name',
  path: 'Folder path',
  ignore: 'Ignore patterns',
  extensions: 'Extensions',
  scheduleType: 'Schedule',
  minutes: 'Minutes',
};

function sentence(message: string, field: FieldName): string {
  // The core says "must not be empty"; next to a field, "Name must not be empty." reads better.
  const text = /^[a-z]/.test(message) ? `${fieldLabels[field]} ${message}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Maps a rejected create/update to field errors; anything unmapped becomes the form-level error. */
export function errorsFrom(error: unknown): FormErrors {
  if (!(error instanceof ContractError)) {
    return { form: error instanceof Error ? error.message : 'Could not save the endpoint.' };
  }
  const errors: FormErrors = {};
  const unmapped: string[] = [];
  for (const issue of error.issues ?? []) {
    const field = fieldFor.find(([re]) => re.test(issue.path))?.[1];
    if (field && !errors[field]) errors[field] = sentence(issue.message, field);
    else if (!field) unmapped.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  if (unmapped.length || Object.keys(errors).length === 0) {
    errors.form = unmapped.length ? unmapped.join(' ') : error.message;
  }
  return errors;
}
