/** The schedule part of the endpoint form, shared by every endpoint type: manual, interval, cron, start-up, webhook. */
import { useEffect, useId, useMemo, useState } from 'react';
import type { HookRegistration } from '../../../../src/contract/hooks';
import { getApi } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useNow } from '../../lib/useNow';
import {
  browserTimeZone,
  describeCron,
  formatRunTime,
  generateSecret,
  hookPath,
  knownTimeZones,
  nextCronRuns,
} from '../../lib/schedule';
import { useEndpointsStore } from '../../store/endpoints';
import { Field } from './Field';
import { scheduleChoices } from './endpointFormModel';
import type { EndpointFormValues, FormPartProps, ScheduleType } from './endpointFormModel';

/** Common cron schedules, so nobody has to know the syntax for the usual ones. */
const cronPresets: { label: string; expression: string }[] = [
  { label: 'Every hour', expression: '0 * * * *' },
  { label: 'Weekdays at 07:00', expression: '0 7 * * 1-5' },
  { label: 'Every night at 02:00', expression: '0 2 * * *' },
  { label: 'Mondays at 06:00', expression: '0 6 * * 1' },
];

const scheduleHelp: Partial<Record<ScheduleType, string>> = {
  manual: 'Syncs only when you press Sync now or Sync all.',
  startup: 'Syncs once each time File Connector starts (the desktop app or file-connector serve).',
};

/** The schedule select and the fields of the chosen kind of schedule. */
export function ScheduleFields({
  values,
  errors,
  change,
  secretEnv,
}: FormPartProps & {
  /** The environment variable a config file named for the webhook secret, if any. */
  secretEnv?: string;
}) {
  return (
    <div className="schedule-editor">
      <Field label="Schedule" error={errors.scheduleType} help={scheduleHelp[values.scheduleType]}>
        {(p) => (
          <select
            {...p}
            name="scheduleType"
            className="input"
            value={values.scheduleType}
            onChange={(e) => change('scheduleType', e.target.value as ScheduleType)}
          >
            {scheduleChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {values.scheduleType === 'interval' && <IntervalFields values={values} errors={errors} change={change} />}
      {values.scheduleType === 'cron' && <CronFields values={values} errors={errors} change={change} />}
      {values.scheduleType === 'webhook' && (
        <WebhookFields values={values} errors={errors} change={change} secretEnv={secretEnv} />
      )}
    </div>
  );
}

function IntervalFields({ values, errors, change }: FormPartProps) {
  return (
    <Field
      label="Sync every"
      error={errors.minutes}
      help="While File Connector runs; a sync that is due when it starts runs right away."
    >
      {(p) => (
        <div className="input-row schedule-interval">
          <input
            {...p}
            name="minutes"
            className="input input-narrow"
            type="number"
            inputMode="numeric"
            min={1}
            max={values.intervalUnit === 'hours' ? 168 : 10080}
            step={1}
            value={values.minutes}
            onChange={(e) => change('minutes', e.target.value)}
          />
          <select
            name="intervalUnit"
            className="input"
            aria-label="Unit"
            value={values.intervalUnit}
            onChange={(e) => change('intervalUnit', e.target.value as EndpointFormValues['intervalUnit'])}
          >
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
          </select>
        </div>
      )}
    </Field>
  );
}

function CronFields({ values, errors, change }: FormPartProps) {
  const previewId = useId();
  const zonesId = useId();
  const now = useNow();
  const zones = useMemo(() => knownTimeZones(), []);
  const local = browserTimeZone();
  const timezone = values.timezone.trim();
  const zoneKnown = !timezone || isTimeZone(timezone);
  const description = describeCron(values.cronExpression);
  const next = useMemo(
    () => (zoneKnown ? nextCronRuns(values.cronExpression, timezone || undefined, 3, new Date(now)) : null),
    [values.cronExpression, timezone, zoneKnown, now],
  );
  const shownZone = timezone || local;

  return (
    <>
      <Field
        label="Cron expression"
        error={errors.cronExpression}
        help={
          <>
            Five fields: minute, hour, day of month, month, day of week. For example{' '}
            <code className="nowrap">0 7 * * 1-5</code> is weekdays at 07:00.
          </>
        }
      >
        {(p) => (
          <input
            {...p}
            aria-describedby={[p['aria-describedby'], previewId].filter(Boolean).join(' ')}
            name="cronExpression"
            className="input mono"
            value={values.cronExpression}
            onChange={(e) => change('cronExpression', e.target.value)}
            placeholder="0 7 * * 1-5"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <div className="cron-presets" role="group" aria-label="Common schedules">
        {cronPresets.map((preset) => (
          <button
            key={preset.expression}
            type="button"
            className="btn btn-small"
            aria-pressed={values.cronExpression.trim() === preset.expression}
            onClick={() => change('cronExpression', preset.expression)}
          >
            {preset.label}
          </button>
        ))}
      </div>

      <div className="cron-preview" aria-live="polite">
        {description && next?.ok ? (
          <>
            <p id={previewId} className="cron-description">
              {description}
            </p>
            <p className="cron-next-label">Next runs{shownZone !== local ? ` (${shownZone} time)` : ''}:</p>
            <ol className="cron-next" aria-label="Next runs">
              {next.runs.map((run) => (
                <li key={run.getTime()}>
                  <time dateTime={run.toISOString()}>{formatRunTime(run, shownZone)}</time>
                  {shownZone !== local && <span className="muted"> · {formatRunTime(run)} your time</span>}
                </li>
              ))}
            </ol>
          </>
        ) : !zoneKnown ? (
          <p id={previewId} className="cron-preview-problem">
            “{timezone}” is not a time zone this browser knows. Use a name such as Europe/Berlin or UTC.
          </p>
        ) : errors.cronExpression ? (
          <p id={previewId} className="muted">
            Fix the expression to see when it runs.
          </p>
        ) : values.cronExpression.trim() ? (
          <p id={previewId} className="cron-preview-problem">
            Cannot read this expression yet{next && !next.ok ? `: ${next.reason}` : '.'}
          </p>
        ) : (
          <p className="muted">Type an expression or choose a common schedule above.</p>
        )}
      </div>

      <Field
        label="Time zone"
        optional
        error={errors.timezone}
        help={`The times above are read in this time zone. Leave empty to use the time zone of the computer File Connector runs on.`}
      >
        {(p) => (
          <>
            <input
              {...p}
              name="timezone"
              className="input"
              list={zonesId}
              value={values.timezone}
              onChange={(e) => change('timezone', e.target.value)}
              placeholder={local}
              autoComplete="off"
              spellCheck={false}
            />
            <datalist id={zonesId}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
    </>
  );
}

function WebhookFields({
  values,
  errors,
  change,
  secretEnv,
}: FormPartProps & {
  secretEnv?: string;
}) {
  const pathId = useId();
  const path = hookPath(values.name);
  return (
    <>
      <div className="field">
        <span className="field-label" id={pathId}>
          Webhook address
        </span>
        <code className="hook-path" aria-labelledby={pathId}>
          POST {path}
        </code>
        <p className="field-help">
          On the File Connector server (file-connector serve), reachable by the caller through a tunnel or reverse
          proxy. Autodesk signs its calls with the secret, Google Drive sends it as the channel token, and anything else
          sends it as a bearer token.
        </p>
      </div>
      <Field
        label="Secret"
        error={errors.webhookSecret}
        help={
          secretEnv && !values.webhookSecret.trim()
            ? `Read from the environment variable ${secretEnv}. A secret entered here is used instead.`
            : 'Give the same secret to the service that calls. At least 16 characters.'
        }
      >
        {(p) => (
          <div className="input-row">
            <input
              {...p}
              name="webhookSecret"
              className="input mono"
              value={values.webhookSecret}
              onChange={(e) => change('webhookSecret', e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
            <button
              type="button"
              className="btn"
              title="Create a random 32-character secret"
              onClick={() => change('webhookSecret', generateSecret(32))}
            >
              Generate
            </button>
          </div>
        )}
      </Field>
      <HookRegistrationControl values={values} />
    </>
  );
}

const hookServices: Partial<Record<EndpointFormValues['type'], { name: string; unit: string }>> = {
  autodesk_acc: { name: 'Autodesk', unit: 'hook(s)' },
  google_drive: { name: 'Google Drive', unit: 'watch channel(s)' },
};

/**
 * Registers the saved endpoint with Autodesk (hooks) or Google Drive (watch channels) for a public address, shows
 * what is registered, and removes it. Folders have no service that could call, so they get nothing here.
 */
function HookRegistrationControl({ values }: { values: EndpointFormValues }) {
  const service = hookServices[values.type];
  const saved = useEndpointsStore((s) => s.items.find((e) => e.name === values.name.trim()));
  const endpointId = saved && saved.type === values.type && saved.schedule.type === 'webhook' ? saved.id : null;
  const [registration, setRegistration] = useState<HookRegistration | null | undefined>(undefined);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<'register' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const urlId = useId();

  useEffect(() => {
    if (endpointId === null || !service) return;
    let live = true;
    getApi()
      .invoke('hooks.list', { endpointId })
      .then(
        ([found]) => {
          if (!live) return;
          setRegistration(found ?? null);
          if (found) setUrl((typed) => typed || found.callbackUrl);
        },
        (e: unknown) => live && setError(errorMessage(e)),
      );
    return () => {
      live = false;
    };
  }, [endpointId, service]);

  if (!service) return null;
  if (endpointId === null) {
    return (
      <p className="field-help">
        Save the endpoint with this schedule and secret first; then you can register it with {service.name} here.
      </p>
    );
  }

  const act = async (what: 'register' | 'remove') => {
    setBusy(what);
    setError(null);
    try {
      if (what === 'register') setRegistration(await getApi().invoke('hooks.register', { endpointId, url }));
      else {
        await getApi().invoke('hooks.remove', { endpointId });
        setRegistration(null);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const expires = registration?.subscriptions.flatMap((s) => (s.expiresAt ? [s.expiresAt] : [])).sort()[0];

  return (
    <div className="field" role="group" aria-label={`${service.name} webhooks`}>
      <label className="field-label" htmlFor={urlId}>
        Public address
      </label>
      <input
        id={urlId}
        name="hookUrl"
        className="input mono"
        type="url"
        value={url}
        placeholder="https://abc.trycloudflare.com"
        aria-describedby={`${urlId}-help`}
        onChange={(e) => setUrl(e.target.value)}
        onKeyDown={(e) => {
          // Enter registers here instead of saving the whole form.
          if (e.key === 'Enter') {
            e.preventDefault();
            if (!busy) void act('register');
          }
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <p className="field-help" id={`${urlId}-help`}>
        The https address of a tunnel or proxy that reaches File Connector, such as{' '}
        <code className="nowrap">cloudflared tunnel --url http://127.0.0.1:4310</code>; /hooks/{endpointId} is added. It
        uses the saved secret: save changes first.
      </p>
      <div className="input-row">
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void act('register')}>
          {busy === 'register' ? 'Registering…' : `Register with ${service.name}`}
        </button>
        {registration && (
          <button type="button" className="btn" disabled={busy !== null} onClick={() => void act('remove')}>
            {busy === 'remove' ? 'Removing…' : 'Remove registration'}
          </button>
        )}
      </div>
      <p aria-live="polite">
        {registration === undefined
          ? `Checking the ${service.name} registration…`
          : registration
            ? `Registered with ${service.name}: ${registration.subscriptions.length} ${service.unit} call ${registration.callbackUrl}`
            : `Not registered with ${service.name} yet.`}
      </p>
      {expires && (
        <p className="field-help">
          Expires {new Date(expires).toLocaleString()}; renewed before then while File Connector runs.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
