/**
 * "Enter client secret" for app credentials without a secret variable: the secret goes to `auth.setSecret`, which
 * keeps it encrypted by the OS and never sends it back; the field is cleared as soon as it is saved.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AppInfo, EndpointSummary } from '../../../../src/contract/model';
import { getApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { AlertIcon } from '../../components/Icons';
import { errorMessage } from '../../lib/errors';
import { useAppStore } from '../../store/app';
import { Field } from './Field';

/** What the person should know about how the secret is kept, or null when the OS keychain protects it. */
function secretWarning(protection: AppInfo['secretProtection'] | undefined): string | null {
  if (protection === 'weak') {
    return 'This computer has no keyring, so the client secret is saved with weak protection: anyone who can read your user folder could use it. Install and unlock a keyring (such as GNOME Keyring or KWallet) and enter the secret again for stronger protection.';
  }
  if (protection === 'unavailable') {
    return 'This File Connector server keeps the client secret in memory only: it lasts until the server stops. For a server that keeps syncing after a restart, set auth.clientSecretEnv for this endpoint in a config file instead.';
  }
  return null;
}

/** The modal that asks for an endpoint's client secret. */
export function ClientSecretDialog({
  endpoint,
  onSaved,
  onClose,
}: {
  endpoint: EndpointSummary;
  onSaved: () => void;
  onClose: () => void;
}) {
  const protection = useAppStore((s) => s.info?.secretProtection);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const warning = secretWarning(protection);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!secret.trim()) {
      setError('Enter the client secret of the Autodesk app.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await getApi().invoke('auth.setSecret', { endpointId: endpoint.id, secret });
      setSecret('');
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="Enter client secret"
      description={`The client secret of the Autodesk app File Connector uses for "${endpoint.name}".`}
      onClose={busy ? () => undefined : onClose}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label="Client secret"
          error={error ?? undefined}
          help="From aps.autodesk.com → Applications → your app → Client Secret. File Connector keeps it encrypted by the OS and never shows it again."
        >
          {(p) => (
            <input
              {...p}
              name="clientSecret"
              type="password"
              className="input mono"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={500}
              autoFocus
            />
          )}
        </Field>
        {warning && (
          <div className="notice notice-warning">
            <AlertIcon size={16} />
            <p>{warning}</p>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save secret'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
