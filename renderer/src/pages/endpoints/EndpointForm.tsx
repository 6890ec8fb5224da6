/** Add or edit a local-folder endpoint; client checks first, then the core's validation mapped onto the fields. */
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { EndpointSummary } from '../../../../src/contract/model';
import { Dialog } from '../../components/Dialog';
import { getApi } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { Field } from './Field';
import { emptyValues, errorsFrom, toInput, validate, valuesFrom } from './endpointFormModel';
import type { EndpointFormValues, FieldName, FormErrors } from './endpointFormModel';

const fieldOrder: FieldName[] = ['name', 'path', 'ignore', 'extensions', 'minutes'];

function baseName(path: string): string {
  const parts = path.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

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

  function change<K extends keyof EndpointFormValues>(key: K, value: EndpointFormValues[K]) {
    setValues((v) => {
      const next = { ...v, [key]: value };
      // Suggest the folder's own name until the user types one.
      if (key === 'path' && !nameTouched) next.name = baseName(String(value));
      return next;
    });
    if (errors[key as FieldName] || errors.form) setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  }

  function focusFirstError(found: FormErrors) {
    const first = fieldOrder.find((f) => found[f]);
    // Wait for the error text to render so the field's description includes it.
    window.requestAnimationFrame(() => {
      const el = first ? formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`) : null;
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
    const found = validate(values);
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
      const mapped = errorsFrom(error);
      setErrors(mapped);
      focusFirstError(mapped);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={editing ? `Edit ${endpoint.name}` : 'Add endpoint'}
      description={
        editing ? undefined : 'Catalog a folder on this computer or a network share. Nothing is copied or changed.'
      }
      onClose={busy ? () => undefined : onClose}
    >
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        <div className="field">
          <span className="field-label">Type</span>
          <div className="type-choice" role="radiogroup" aria-label="Type">
            <label className="type-option type-option-selected">
              <input type="radio" name="type" value="local_folder" checked readOnly />
              Local folder
            </label>
            <span className="type-option type-option-soon" aria-hidden="true">
              Google Drive · Autodesk ACC — coming soon
            </span>
          </div>
        </div>

        <Field label="Folder path" error={errors.path} help="The folder is read recursively; subfolders are included.">
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
              placeholder="Project drawings"
              autoComplete="off"
            />
          )}
        </Field>

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

        <Field
          label="Only these extensions"
          optional
          error={errors.extensions}
          help="Comma separated, e.g. pdf, dwg, rvt. Leave empty to catalog every file."
        >
          {(p) => (
            <input
              {...p}
              name="extensions"
              className="input"
              value={values.extensions}
              onChange={(e) => change('extensions', e.target.value)}
              placeholder="pdf, dwg, rvt"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>

        <div className="field-row">
          <Field label="Schedule">
            {(p) => (
              <select
                {...p}
                name="scheduleType"
                className="input"
                value={values.scheduleType}
                onChange={(e) => change('scheduleType', e.target.value as EndpointFormValues['scheduleType'])}
              >
                <option value="manual">Manual</option>
                <option value="interval">Every N minutes</option>
              </select>
            )}
          </Field>
          {values.scheduleType === 'interval' && (
            <Field label="Minutes" error={errors.minutes}>
              {(p) => (
                <input
                  {...p}
                  name="minutes"
                  className="input input-narrow"
                  type="number"
                  min={1}
                  max={10080}
                  step={1}
                  value={values.minutes}
                  onChange={(e) => change('minutes', e.target.value)}
                />
              )}
            </Field>
          )}
        </div>

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
