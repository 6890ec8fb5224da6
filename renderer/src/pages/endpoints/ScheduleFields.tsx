/** The schedule part of the endpoint form, shared by every endpoint type: manual, interval, cron, start-up, webhook. */
import { useId, useMemo } from 'react';
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
    </>
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
