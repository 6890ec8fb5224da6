/** The Google Drive part of the endpoint form: who signs in, and which drives to catalog. */
import { useId } from 'react';
import type { ReactNode } from 'react';
import { Choice, RadioGroup } from './Choices';
import { Field } from './Field';
import type { FormPartProps } from './endpointFormModel';

/** Fields shown when the type is Google Drive. */
export function DriveFields({ values, errors, change }: FormPartProps): ReactNode {
  const scopeErrorId = useId();
  const myDriveHintId = useId();
  return (
    <>
      <RadioGroup
        legend="Sign in with"
        name="authType"
        value={values.authType}
        onChange={(v) => change('authType', v)}
        options={[
          {
            value: 'oauth',
            label: 'Google account (sign in from this app)',
            hint: 'You sign in with your own Google account once; File Connector sees what you see.',
          },
          {
            value: 'service_account',
            label: 'Service account key',
            hint: 'For IT-managed setups: a JSON key file from Google Cloud.',
          },
        ]}
      />

      {values.authType === 'oauth' ? (
        <>
          <Field
            label="OAuth client ID"
            error={errors.clientId}
            help="From Google Cloud Console → APIs & Services → Credentials → Create credentials → OAuth client ID → Desktop app"
          >
            {(p) => (
              <input
                {...p}
                name="clientId"
                className="input mono"
                value={values.clientId}
                onChange={(e) => change('clientId', e.target.value)}
                placeholder="1234567890-abc123.apps.googleusercontent.com"
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field
            label="Client secret"
            optional
            error={errors.clientSecret}
            help="Shown next to the client ID in Google Cloud Console. Leave empty if your client has none."
          >
            {(p) => (
              <input
                {...p}
                name="clientSecret"
                className="input mono"
                value={values.clientSecret}
                onChange={(e) => change('clientSecret', e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
        </>
      ) : (
        <>
          <Field
            label="Key file"
            error={errors.keyFile}
            help="The path of the service account's JSON key, as seen by the computer running File Connector."
          >
            {(p) => (
              <input
                {...p}
                name="keyFile"
                className="input mono"
                value={values.keyFile}
                onChange={(e) => change('keyFile', e.target.value)}
                placeholder="/Users/me/keys/file-connector.json"
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field
            label="Act as user"
            optional
            error={errors.subject}
            help="A Google Workspace user whose Drive to catalog (needs domain-wide delegation). Leave empty to catalog what the service account itself can see."
          >
            {(p) => (
              <input
                {...p}
                name="subject"
                type="email"
                className="input"
                value={values.subject}
                onChange={(e) => change('subject', e.target.value)}
                placeholder="alex@example.com"
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
        </>
      )}

      <fieldset
        className={`fieldset${errors.scope ? ' field-invalid' : ''}`}
        aria-describedby={errors.scope ? scopeErrorId : undefined}
      >
        <legend className="field-label">What to catalog</legend>
        {errors.scope && (
          <p id={scopeErrorId} className="field-error">
            {errors.scope}
          </p>
        )}
        <Choice
          type="checkbox"
          name="myDrive"
          label="My Drive"
          hint="The files in the signed-in account's own Drive."
          hintId={myDriveHintId}
          checked={values.myDrive}
          invalid={Boolean(errors.scope)}
          describedBy={errors.scope ? scopeErrorId : undefined}
          onChange={(checked) => change('myDrive', checked)}
        />
        <div className="nested">
          <RadioGroup
            legend="Shared drives"
            name="sharedDrives"
            inline
            value={values.sharedDrives}
            onChange={(v) => change('sharedDrives', v)}
            options={[
              { value: 'all', label: 'All' },
              { value: 'none', label: 'None' },
              { value: 'some', label: 'Only these' },
            ]}
          />
          {values.sharedDrives === 'some' && (
            <Field
              label="Shared drive names or IDs"
              error={errors.sharedDriveList}
              help="Comma separated, e.g. Projects, Tower A. Names must match exactly."
            >
              {(p) => (
                <input
                  {...p}
                  name="sharedDriveList"
                  className="input"
                  value={values.sharedDriveList}
                  onChange={(e) => change('sharedDriveList', e.target.value)}
                  placeholder="Projects, Tower A"
                  autoComplete="off"
                  spellCheck={false}
                  autoFocus
                />
              )}
            </Field>
          )}
        </div>
      </fieldset>
    </>
  );
}
