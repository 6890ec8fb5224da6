/**
 * Settings: start at sign-in, notifications, how many syncs run at once, where the data lives and how sign-ins are
 * kept. Every change saves at once; a small "Saved" (or the core's error) shows next to the control that changed.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AppInfo } from '../../../../src/contract/model';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CheckIcon, CopyIcon } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../lib/errors';
import { formatBytes, formatCount } from '../../lib/format';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { useSettingsStore } from '../../store/settings';

/** The UI offers 1–8; the core accepts up to 16 (a value set elsewhere is shown as it is). */
const MIN_SYNCS = 1;
const MAX_SYNCS = 8;
const SAVED_FOR_MS = 2500;

type SaveState = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

/** One control's save state: run(save) shows "Saving…", then "Saved" for a moment, or the error. */
function useSave() {
  const [state, setState] = useState<SaveState>(null);
  const timer = useRef<number | undefined>(undefined);
  const seq = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function run(save: () => Promise<void>): Promise<void> {
    const mine = ++seq.current;
    window.clearTimeout(timer.current);
    setState({ kind: 'saving' });
    try {
      await save();
      if (mine !== seq.current) return;
      setState({ kind: 'saved' });
      timer.current = window.setTimeout(() => setState(null), SAVED_FOR_MS);
    } catch (error) {
      if (mine !== seq.current) return;
      setState({ kind: 'error', message: errorMessage(error) });
    }
  }
  return { state, run };
}

/** "Saved" next to a control, or the error that kept it from saving. */
function SaveStatus({ state, id }: { state: SaveState; id: string }) {
  if (state?.kind === 'error') {
    return (
      <span id={id} className="field-error settings-status" role="alert">
        {state.message}
      </span>
    );
  }
  return (
    <span id={id} className="settings-status settings-saved" role="status">
      {state?.kind === 'saved' && (
        <>
          <CheckIcon size={12} /> Saved
        </>
      )}
    </span>
  );
}

/** A check box saved at once, with its hint and save status. */
function SettingCheckbox({
  label,
  hint,
  checked,
  disabled,
  onSave,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  onSave: (checked: boolean) => Promise<void>;
}) {
  const hintId = useId();
  const statusId = useId();
  const save = useSave();
  return (
    <div className="choice settings-choice">
      <div className="settings-control-row">
        <label className="choice-label">
          <input
            type="checkbox"
            checked={checked}
            disabled={disabled}
            aria-describedby={[hint ? hintId : null, statusId].filter(Boolean).join(' ')}
            aria-invalid={save.state?.kind === 'error' || undefined}
            onChange={(e) => void save.run(() => onSave(e.target.checked))}
          />
          {label}
        </label>
        <SaveStatus state={save.state} id={statusId} />
      </div>
      {hint && (
        <span id={hintId} className="choice-hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** A read-only path with a "Copy path" button. */
function PathRow({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState<'yes' | string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const statusId = useId();

  async function copy() {
    window.clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
      timer.current = window.setTimeout(() => setCopied(null), SAVED_FOR_MS);
    } catch (error) {
      setCopied(`Could not copy: ${errorMessage(error)}`);
    }
  }

  return (
    <div className="settings-dl-row">
      <dt>{label}</dt>
      <dd className="settings-path-row">
        <code className="settings-path">{value}</code>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Copy path of the ${label.toLowerCase()}`}
          aria-describedby={statusId}
          onClick={() => void copy()}
        >
          <CopyIcon size={14} />
          Copy path
        </button>
        <span
          id={statusId}
          className={copied && copied !== 'yes' ? 'field-error settings-status' : 'settings-status settings-saved'}
          role="status"
        >
          {copied === 'yes' ? 'Copied' : copied}
        </span>
      </dd>
    </div>
  );
}

/** What `secretProtection` means for the person using the app. */
function secretText(protection: AppInfo['secretProtection']): { title: string; body: string; warn: boolean } {
  switch (protection) {
    case 'os-encrypted':
      return {
        title: 'Encrypted by this computer',
        body:
          'Sign-ins and client secrets are locked with your computer’s own keychain, so only your account on this ' +
          'computer can read them. They are never shown again or written to the log.',
        warn: false,
      };
    case 'weak':
      return {
        title: 'Not strongly protected',
        body:
          'This computer has no keychain File Connector can use, so sign-ins are saved in the data folder with ' +
          'only light protection: anyone who can open that folder could use them. Set up a keyring (such as GNOME ' +
          'Keyring or KWallet) and restart File Connector to encrypt them.',
        warn: true,
      };
    case 'unavailable':
      return {
        title: 'Not saved',
        body:
          'Sign-ins cannot be saved here: they last until File Connector stops, and you sign in again after a ' +
          'restart. For syncing without anyone present, give endpoints a token file instead.',
        warn: true,
      };
  }
}

/** The Settings page. */
export function SettingsPage() {
  const settings = useSettingsStore((s) => s.settings);
  const loaded = useSettingsStore((s) => s.loaded);
  const error = useSettingsStore((s) => s.error);
  const scheduler = useSettingsStore((s) => s.scheduler);
  const stats = useSettingsStore((s) => s.stats);
  const statsError = useSettingsStore((s) => s.statsError);
  const { load, loadStats, update, setMaxConcurrentSyncs } = useSettingsStore.getState();
  const info = useAppStore((s) => s.info);
  const endpoints = useEndpointsStore((s) => s.items);

  useEffect(() => {
    void useSettingsStore.getState().load();
    void useSettingsStore.getState().loadStats();
  }, []);

  const browser = info?.host === 'browser';

  return (
    <div className="page settings-page">
      <PageHeader title="Settings" summary="How File Connector starts, tells you about syncs and keeps its data." />

      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      {!loaded && !error && (
        <div className="page-loading">
          <Spinner label="Loading settings…" />
        </div>
      )}

      {settings && (
        <>
          <section className="section settings-section" aria-labelledby="settings-startup">
            <h2 id="settings-startup" className="section-title">
              Startup
            </h2>
            <SettingCheckbox
              label="Start File Connector when I sign in to this computer"
              hint={
                browser
                  ? 'Only the desktop app can start by itself; this page is open in a browser.'
                  : 'It starts hidden in the tray and keeps syncing on schedule.'
              }
              checked={settings.startAtLogin}
              disabled={!info || browser}
              onSave={(startAtLogin) => update({ startAtLogin })}
            />
          </section>

          <section className="section settings-section" aria-labelledby="settings-notifications">
            <h2 id="settings-notifications" className="section-title">
              Notifications
            </h2>
            <SettingCheckbox
              label="Tell me when a sync fails"
              hint="Also when an endpoint needs you to sign in again."
              checked={settings.notifyOnFailure}
              onSave={(notifyOnFailure) => update({ notifyOnFailure })}
            />
            <SettingCheckbox
              label="Tell me when files change in watched endpoints"
              checked={settings.notifyOnChanges}
              onSave={(notifyOnChanges) => update({ notifyOnChanges })}
            />
            <WatchedEndpoints
              watched={settings.watchedEndpointIds}
              enabled={settings.notifyOnChanges}
              endpoints={endpoints}
              onSave={(watchedEndpointIds) => update({ watchedEndpointIds })}
            />
          </section>

          <section className="section settings-section" aria-labelledby="settings-syncing">
            <h2 id="settings-syncing" className="section-title">
              Syncing
            </h2>
            <ConcurrencyField value={scheduler?.maxConcurrentSyncs ?? null} onSave={(n) => setMaxConcurrentSyncs(n)} />
            <SettingCheckbox
              label={`Receive webhook calls on this computer (127.0.0.1:${settings.webhookListener.port})`}
              hint={
                browser
                  ? 'This server already receives them at /hooks/<endpoint name> on its own address.'
                  : 'For endpoints scheduled "When a webhook calls": point a tunnel (e.g. cloudflared or ngrok) at this port.'
              }
              checked={settings.webhookListener.enabled}
              disabled={!info || browser}
              onSave={(enabled) => update({ webhookListener: { ...settings.webhookListener, enabled } })}
            />
          </section>
        </>
      )}

      <section className="section settings-section" aria-labelledby="settings-data">
        <h2 id="settings-data" className="section-title">
          Data
        </h2>
        {statsError && <ErrorBanner message={statsError} onRetry={() => void loadStats()} />}
        <dl className="settings-dl">
          {info && <PathRow label="Data folder" value={info.dataDir} />}
          {info && <PathRow label="Database" value={info.databasePath} />}
          {stats && (
            <>
              <div className="settings-dl-row">
                <dt>Catalog size</dt>
                <dd>{formatBytes(stats.databaseBytes)}</dd>
              </div>
              <div className="settings-dl-row">
                <dt>Contents</dt>
                <dd>
                  {formatCount(stats.endpoints)} endpoints · {formatCount(stats.files)} files ·{' '}
                  {formatCount(stats.folders)} folders · {formatCount(stats.runs)} sync runs ·{' '}
                  {formatCount(stats.changeEvents)} recorded changes · {formatCount(stats.logEntries)} log entries
                </dd>
              </div>
            </>
          )}
        </dl>
      </section>

      {info && (
        <section className="section settings-section" aria-labelledby="settings-secrets">
          <h2 id="settings-secrets" className="section-title">
            Sign-in secrets
          </h2>
          <SecretProtection protection={info.secretProtection} />
        </section>
      )}
    </div>
  );
}

function SecretProtection({ protection }: { protection: AppInfo['secretProtection'] }) {
  const text = secretText(protection);
  return (
    <div className={`notice ${text.warn ? 'notice-warning' : 'notice-info'} settings-secrets`}>
      <p>
        <strong>{text.title}.</strong> {text.body}
      </p>
    </div>
  );
}

/** The endpoints whose changes are notified about. */
function WatchedEndpoints({
  watched,
  enabled,
  endpoints,
  onSave,
}: {
  watched: number[];
  enabled: boolean;
  endpoints: { id: number; name: string }[];
  onSave: (ids: number[]) => Promise<void>;
}) {
  const save = useSave();
  const statusId = useId();
  const known = new Set(endpoints.map((e) => e.id));

  function toggle(id: number, on: boolean) {
    // Endpoints removed since they were chosen drop out of the list.
    const kept = watched.filter((w) => known.has(w) && w !== id);
    void save.run(() => onSave(on ? [...kept, id] : kept));
  }

  return (
    <fieldset className="fieldset nested settings-watch" disabled={!enabled} aria-describedby={statusId}>
      <legend>
        Endpoints to watch <SaveStatus state={save.state} id={statusId} />
      </legend>
      {endpoints.length === 0 ? (
        <p className="muted">No endpoints yet. Add one on the Endpoints page.</p>
      ) : (
        <div className="choice-list">
          {endpoints.map((e) => (
            <label key={e.id} className="choice-label">
              <input
                type="checkbox"
                checked={watched.includes(e.id)}
                disabled={!enabled}
                onChange={(ev) => toggle(e.id, ev.target.checked)}
              />
              {e.name}
            </label>
          ))}
        </div>
      )}
      {!enabled && <p className="field-help">Turn on the option above to choose endpoints.</p>}
    </fieldset>
  );
}

/** "Syncs at the same time", saved through `scheduler.configure` as soon as it holds a valid number. */
function ConcurrencyField({ value, onSave }: { value: number | null; onSave: (n: number) => Promise<void> }) {
  const inputId = useId();
  const hintId = useId();
  const statusId = useId();
  const save = useSave();
  const [text, setText] = useState(value === null ? '' : String(value));
  const [invalid, setInvalid] = useState<string | null>(null);
  const editing = useRef(false);

  // Follow the core's value unless the user is typing in the field.
  useEffect(() => {
    if (!editing.current) setText(value === null ? '' : String(value));
  }, [value]);

  function change(next: string) {
    setText(next);
    const n = Number(next);
    if (next.trim() === '' || !Number.isInteger(n) || n < MIN_SYNCS || n > MAX_SYNCS) {
      setInvalid(`Choose a whole number from ${MIN_SYNCS} to ${MAX_SYNCS}.`);
      return;
    }
    setInvalid(null);
    if (n !== value) void save.run(() => onSave(n));
  }

  const describedBy = [hintId, statusId, invalid ? `${statusId}-invalid` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={inputId} className="field-label">
        Syncs at the same time
      </label>
      <div className="settings-control-row">
        <input
          id={inputId}
          className="input input-narrow settings-number"
          type="number"
          inputMode="numeric"
          min={MIN_SYNCS}
          max={MAX_SYNCS}
          step={1}
          value={text}
          disabled={value === null}
          aria-invalid={invalid !== null || save.state?.kind === 'error' || undefined}
          aria-describedby={describedBy}
          onFocus={() => (editing.current = true)}
          onBlur={() => {
            editing.current = false;
            // Leaving an unusable number shows the value the core keeps.
            if (invalid) {
              setInvalid(null);
              setText(value === null ? '' : String(value));
            }
          }}
          onChange={(e) => change(e.target.value)}
        />
        <SaveStatus state={save.state} id={statusId} />
      </div>
      {invalid && (
        <span id={`${statusId}-invalid`} className="field-error" role="alert">
          {invalid}
        </span>
      )}
      <span id={hintId} className="field-help">
        More syncs at once finish sooner but use more network and disk; the others wait their turn.
      </span>
    </div>
  );
}
