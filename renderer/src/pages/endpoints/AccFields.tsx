/** The Autodesk Construction Cloud part of the endpoint form: who signs in, and which hub and projects to catalog. */
import { useId } from 'react';
import type { ReactNode } from 'react';
import { Choice, RadioGroup } from './Choices';
import { Field } from './Field';
import type { FormPartProps } from './endpointFormModel';

/** Fields shown when the type is Autodesk ACC. */
export function AccFields({ values, errors, change }: FormPartProps): ReactNode {
  const hiddenHintId = useId();
  const hiddenErrorId = useId();
  return (
    <>
      <RadioGroup
        legend="Sign in with"
        name="accAuthType"
        value={values.accAuthType}
        onChange={(v) => change('accAuthType', v)}
        options={[
          {
            value: 'pkce',
            label: 'Autodesk account (sign in from this app)',
            hint: 'You sign in with your Autodesk ID once; File Connector sees the projects you see.',
          },
          {
            value: 'client_credentials',
            label: 'App credentials (server)',
            hint: 'For unattended servers: the app signs in with its own ID and secret, no person needed.',
          },
        ]}
      />

      <Field
        label="Client ID"
        error={errors.accClientId}
        help={
          values.accAuthType === 'pkce'
            ? 'From aps.autodesk.com → Applications → your Desktop, Mobile, Single-Page App → Client ID'
            : 'From aps.autodesk.com → Applications → your Traditional Web App or Server-to-Server App → Client ID'
        }
      >
        {(p) => (
          <input
            {...p}
            name="accClientId"
            className="input mono"
            value={values.accClientId}
            onChange={(e) => change('accClientId', e.target.value)}
            placeholder="aBcD1234eFgH5678iJkL9012mNoP"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>

      {values.accAuthType === 'client_credentials' && (
        <>
          <Field
            label="Secret environment variable"
            optional
            error={errors.clientSecretEnv}
            help="Leave empty to enter the client secret on the endpoint's card after saving: File Connector keeps it encrypted by the OS. A server instead reads it from an environment variable: enter that variable's name. The secret itself is never stored in settings."
          >
            {(p) => (
              <input
                {...p}
                name="clientSecretEnv"
                className="input mono"
                value={values.clientSecretEnv}
                onChange={(e) => change('clientSecretEnv', e.target.value)}
                placeholder="APS_CLIENT_SECRET"
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field
            label="Act as user ID"
            optional
            error={errors.userId}
            help="The Autodesk user ID whose access to use, so the catalog holds only what that person can see. Leave empty to use the app's own access."
          >
            {(p) => (
              <input
                {...p}
                name="userId"
                className="input mono"
                value={values.userId}
                onChange={(e) => change('userId', e.target.value)}
                placeholder="ABCD1234EFGH"
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
        </>
      )}

      <fieldset className="fieldset">
        <legend className="field-label">What to catalog</legend>
        <Field
          label="Hub ID"
          optional
          error={errors.hubId}
          help="Your ACC or BIM 360 account as a hub, e.g. b.1a2b3c4d-…. Leave empty to catalog every hub you can see."
        >
          {(p) => (
            <input
              {...p}
              name="hubId"
              className="input mono"
              value={values.hubId}
              onChange={(e) => change('hubId', e.target.value)}
              placeholder="b.1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field
          label="Projects"
          optional
          error={errors.projects}
          help="Comma separated project names or IDs, e.g. Tower A, École B. Leave empty to catalog every project."
        >
          {(p) => (
            <input
              {...p}
              name="projects"
              className="input"
              value={values.projects}
              onChange={(e) => change('projects', e.target.value)}
              placeholder="Tower A, École B"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Choice
          type="checkbox"
          name="includeHidden"
          label="Include hidden items"
          hint="Also catalog the folders and files Autodesk marks as hidden, such as deleted items and system folders."
          hintId={hiddenHintId}
          checked={values.includeHidden}
          invalid={Boolean(errors.includeHidden)}
          describedBy={errors.includeHidden ? hiddenErrorId : undefined}
          onChange={(checked) => change('includeHidden', checked)}
        />
        {errors.includeHidden && (
          <p id={hiddenErrorId} className="field-error">
            {errors.includeHidden}
          </p>
        )}
      </fieldset>
    </>
  );
}
