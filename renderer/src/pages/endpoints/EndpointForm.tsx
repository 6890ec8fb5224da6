/** Add or edit an endpoint (local folder, Google Drive or Autodesk ACC); client checks first, then the core's validation mapped onto the fields. */
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { EndpointSummary } from '../../../../src/contract/model';
import { Dialog } from '../../components/Dialog';
import { getApi } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { Field } from './Field';
import { AccFields } from './AccFields';
import { DriveFields } from './DriveFields';
import { ScheduleFields } from './ScheduleFields';
import {
  emptyValues,
  errorsFrom,
  fieldOrder,
  namePlaceholder,
  toInput,
  validate,
  valuesFrom,
} from './endpointFormModel';
import type { EndpointFormValues, FieldName, FormEndpointType, FormErrors } from './endpointFormModel';
import { shortTypeLabels, TypeIcon } from './endpointTypes';

function baseName(path: string): string {
  const parts = path.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

const descriptions: Record<FormEndpointType, string> = {
  local_folder: 'Catalog a folder on this computer or a network share. Nothing is copied or changed.',
  google_drive:
    'Catalog the files in Google Drive: names, folders, sizes, dates and who changed them. Nothing is downloaded or changed.',
  autodesk_acc:
    'Catalog the files in Autodesk Construction Cloud and BIM 360 projects: names, folders, versions, sizes, dates and who changed them. Nothing is downloaded or changed.',
};

const typeChoices: FormEndpointType[] = ['local_folder', 'google_drive', 'autodesk_acc'];

/** Control names per field, for focusing the first error. */
const controlName: Partial<Record<FieldName, string>> = { scope: 'myDrive' };

/** The modal form; `endpoint` switches it to editing. */
export function EndpointForm({
  endpoint,
  onClose,
  onSaved,
}: {
  endpoint?: EndpointSummary;
  onClose: () => void;
  onSaved?: (saved: EndpointSummary) => void;
}) {
  const editing = endpoint !== undefined;
  const [values, setValues] = useState<EndpointFormValues>(() => (endpoint ? valuesFrom(endpoint) : emptyValues));
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [nameTouched, setNameTouched] = useState(editing);
  const canPickFolder = useAppStore((s) => s.info?.canPickFolder ?? false);
  const create = useEndpointsStore((s) => s.create);
  const update = useEndpointsStore((s) => s.update);
  const formRef = useRef<HTMLFormElement>(null);
  const typeLabelId = useId();
  const isCloud = values.type !== 'local_folder';

  function change<K extends keyof EndpointFormValues>(key: K, value: EndpointFormValues[K]) {
    setValues((v) => {
      const next = { ...v, [key]: value };
      // Suggest the folder's own name until the user types one.
      if (key === 'path' && !nameTouched) next.name = baseName(String(value));
      return next;
    });
    const clears: FieldName[] = [key];
    // The scope error is about My Drive and shared drives together.
    if (key === 'myDrive' || key === 'sharedDrives') clears.push('scope', 'sharedDriveList');
    // A new kind of schedule or unit makes the old schedule errors moot; a time zone can make an expression valid.
    if (key === 'scheduleType') clears.push('minutes', 'cronExpression', 'timezone', 'webhookSecret');
    if (key === 'intervalUnit') clears.push('minutes');
    if (key === 'timezone') clears.push('cronExpression');
    if (clears.some((f) => errors[f]) || errors.form) {
      setErrors((e) => {
        const next = { ...e, form: undefined };
        for (const f of clears) next[f] = undefined;
        return next;
      });
    }
  }

  function chooseType(type: FormEndpointType) {
    if (type === values.type) return;
    setValues((v) => ({
      ...v,
      type,
      ...(nameTouched ? {} : { name: type === 'local_folder' ? baseName(v.path) : '' }),
    }));
    setErrors({});
  }

  function focusFirstError(found: FormErrors) {
    const first = fieldOrder(values.type, values.scheduleType).find((f) => found[f]);
    // Wait for the error text to render so the field's description includes it.
    window.requestAnimationFrame(() => {
      const name = first ? (controlName[first] ?? first) : null;
      const el = name ? formRef.current?.querySelector<HTMLElement>(`[name="${name}"]`) : null;
      el?.focus();
    });
  }

  async function browse() {
    try {
      const { path } = await getApi().invoke('system.pickFolder', {});
      if (path) change('path', path);
    } catch (error) {
      setErrors((e) => ({ ...e, path: errorMessage(error) }));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate(values, endpoint);
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    try {
      const input = toInput(values, endpoint);
      const saved = endpoint ? await update(endpoint.id, input) : await create(input);
      onSaved?.(saved);
      onClose();
    } catch (error) {
      const mapped = errorsFrom(error, values.type, values.scheduleType);
      setErrors(mapped);
      focusFirstError(mapped);
      setBusy(false);
    }
  }

  const nameField = (
    <Field label="Name" error={errors.name} help="Shown in lists and search results.">
      {(p) => (
        <input
          {...p}
          name="name"
          className="input"
          value={values.name}
          onChange={(e) => {
            setNameTouched(true);
            change('name', e.target.value);
          }}
          placeholder={namePlaceholder(values.type)}
          autoComplete="off"
          autoFocus={isCloud && !editing}
        />
      )}
    </Field>
  );

  return (
    <Dialog
      title={editing ? `Edit ${endpoint.name}` : 'Add endpoint'}
      description={editing ? undefined : descriptions[values.type]}
      onClose={busy ? () => undefined : onClose}
    >
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        <div className="field">
          <span className="field-label" id={typeLabelId}>
            Type
          </span>
          <div className="type-choice" role="radiogroup" aria-labelledby={typeLabelId}>
            {typeChoices.map((type) => {
              const selected = values.type === type;
              const locked = editing && !selected;
              return (
                <label
                  key={type}
                  className={`type-option${selected ? ' type-option-selected' : ''}${locked ? ' type-option-locked' : ''}`}
                >
                  <input
                    type="radio"
                    name="type"
                    value={type}
                    checked={selected}
                    disabled={locked}
                    onChange={() => chooseType(type)}
                  />
                  <TypeIcon type={type} size={15} />
                  {shortTypeLabels[type]}
                </label>
              );
            })}
          </div>
        </div>

        {values.type === 'google_drive' ? (
          <>
            {nameField}
            <DriveFields values={values} errors={errors} change={change} />
          </>
        ) : values.type === 'autodesk_acc' ? (
          <>
            {nameField}
            <AccFields values={values} errors={errors} change={change} />
          </>
        ) : (
          <>
            <Field
              label="Folder path"
              error={errors.path}
              help="The folder is read recursively; subfolders are included."
            >
              {(p) => (
                <div className="input-row">
                  <input
                    {...p}
                    name="path"
                    className="input mono"
                    value={values.path}
                    onChange={(e) => change('path', e.target.value)}
                    placeholder="/Users/me/Projects/Tower A"
                    autoComplete="off"
                    spellCheck={false}
                    autoFocus={!editing}
                  />
                  {canPickFolder && (
                    <button type="button" className="btn" onClick={() => void browse()}>
                      Browse…
                    </button>
                  )}
                </div>
              )}
            </Field>

            {nameField}

            <Field
              label="Ignore patterns"
              optional
              error={errors.ignore}
              help="One pattern per line, like .gitignore: e.g. node_modules/ or *.tmp"
            >
              {(p) => (
                <textarea
                  {...p}
                  name="ignore"
                  className="input mono"
                  rows={3}
                  value={values.ignore}
                  onChange={(e) => change('ignore', e.target.value)}
                  spellCheck={false}
                />
              )}
            </Field>
          </>
        )}

        <Field
          label={values.type === 'autodesk_acc' ? 'Only these file types' : 'Only these extensions'}
          optional
          error={errors.extensions}
          help={
            values.type === 'autodesk_acc'
              ? 'Comma separated extensions, e.g. dwg, rvt, pdf, nwd, ifc. Leave empty to catalog every file.'
              : 'Comma separated, e.g. pdf, dwg, rvt. Leave empty to catalog every file.'
          }
        >
          {(p) => (
            <input
              {...p}
              name="extensions"
              className="input"
              value={values.extensions}
              onChange={(e) => change('extensions', e.target.value)}
              placeholder={values.type === 'autodesk_acc' ? 'dwg, rvt, pdf, nwd, ifc' : 'pdf, dwg, rvt'}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>

        <ScheduleFields
          values={values}
          errors={errors}
          change={change}
          secretEnv={endpoint?.schedule.type === 'webhook' ? endpoint.schedule.secretEnv : undefined}
        />

        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}

        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : editing ? 'Save' : 'Add endpoint'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
