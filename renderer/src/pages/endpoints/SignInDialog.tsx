/**
 * "Sign in with Google" / "Sign in with Autodesk" for one endpoint: starts `auth.signIn` as it opens, follows
 * `auth.progress`, and lets the person cancel, retry or (in a browser, through `serve`) open the provider's page in
 * a new tab themselves. The provider's name and step texts come from `provider`; the flow is the same for all.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo, EndpointSummary, SignInStep } from '../../../../src/contract/model';
import { getApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { AlertIcon, CheckIcon, ExternalIcon } from '../../components/Icons';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../lib/errors';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import type { SignInProviderText } from './endpointTypes';

type Phase =
  | { kind: 'working'; step: SignInStep | null }
  | { kind: 'cancelling' }
  | { kind: 'done' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** How long "Signed in" stays on screen before the dialog closes itself. */
const CLOSE_AFTER_MS = 1500;

/** Which of the three steps a progress step belongs to. */
function stepIndex(step: SignInStep | null): number {
  if (step === 'waiting-for-consent') return 1;
  if (step === 'exchanging-code') return 2;
  if (step === 'done') return 3;
  return 0;
}

function statusText(phase: Phase, host: AppInfo['host'], hasUrl: boolean, label: string): string {
  switch (phase.kind) {
    case 'cancelling':
      return 'Cancelling…';
    case 'done':
      return 'Signed in.';
    case 'cancelled':
      return 'Sign-in cancelled. Nothing was saved.';
    case 'failed':
      return 'Sign-in did not finish.';
    case 'working':
      if (phase.step === 'exchanging-code') return 'Finishing sign-in…';
      if (phase.step === 'waiting-for-consent') return 'Waiting for you to finish in the browser…';
      if (host === 'browser') return hasUrl ? `Ready: open ${label}'s sign-in page.` : 'Preparing sign-in…';
      return phase.step === 'opening-browser' ? 'Opening your browser…' : 'Starting sign-in…';
  }
}

/**
 * What the person should know about how the sign-in is kept, or null when the OS keychain protects it; `headless`
 * says what to set in a config file instead (it differs per provider).
 */
export function protectionWarning(
  protection: AppInfo['secretProtection'] | undefined,
  headless: string,
): string | null {
  if (protection === 'weak') {
    return 'This computer has no keyring, so the sign-in is saved with weak protection: anyone who can read your user folder could use it. Install and unlock a keyring (such as GNOME Keyring or KWallet) and sign in again for stronger protection.';
  }
  if (protection === 'unavailable') {
    return `This File Connector server keeps the sign-in in memory only: it lasts until the server stops. For a server that keeps syncing after a restart, ${headless}`;
  }
  return null;
}

/** The modal sign-in dialog. */
export function SignInDialog({
  endpoint,
  provider,
  onClose,
}: {
  endpoint: EndpointSummary;
  provider: SignInProviderText;
  onClose: () => void;
}) {
  const host = useAppStore((s) => s.info?.host ?? 'desktop');
  const protection = useAppStore((s) => s.info?.secretProtection);
  const load = useEndpointsStore((s) => s.load);
  const [phase, setPhase] = useState<Phase>({ kind: 'working', step: null });
  const [authorizeUrl, setAuthorizeUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // Results of an attempt that was retried, cancelled or closed must not touch the dialog.
  const attempt = useRef(0);
  const cancelRequested = useRef(false);
  /** The running `auth.signIn`, settled either way: "Try again" must wait until the core has let go of it. */
  const settled = useRef<Promise<void>>(Promise.resolve());
  const phaseRef = useRef(phase);
  const closeRef = useRef(onClose);
  useEffect(() => {
    phaseRef.current = phase;
    closeRef.current = onClose;
  });
  const openButton = useRef<HTMLButtonElement>(null);
  const id = endpoint.id;

  const start = useCallback(() => {
    const mine = ++attempt.current;
    cancelRequested.current = false;
    setPhase({ kind: 'working', step: null });
    setAuthorizeUrl(null);
    setCopied(false);
    settled.current = getApi()
      .invoke('auth.signIn', { endpointId: id })
      .then(
        () => {
          if (attempt.current !== mine) return;
          setPhase({ kind: 'done' });
          void load();
          window.setTimeout(() => {
            if (attempt.current === mine) closeRef.current();
          }, CLOSE_AFTER_MS);
        },
        (error: unknown) => {
          if (attempt.current !== mine) return;
          setPhase(cancelRequested.current ? { kind: 'cancelled' } : { kind: 'failed', message: errorMessage(error) });
        },
      );
  }, [id, load]);

  useEffect(() => {
    const off = getApi().on('auth.progress', (p) => {
      if (p.endpointId !== id) return;
      if (p.authorizeUrl) setAuthorizeUrl(p.authorizeUrl);
      setPhase((current) => {
        if (current.kind !== 'working') return current;
        if (p.step === 'failed') {
          return cancelRequested.current
            ? current
            : { kind: 'failed', message: p.message ?? 'Sign-in failed. Try again.' };
        }
        // The request's own answer says "done"; a progress event only moves the steps along.
        return { kind: 'working', step: p.step };
      });
    });
    return off;
  }, [id]);

  // Start once, as the dialog opens (a ref, not the effect's cleanup, so React's dev double-mount starts one sign-in).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start();
  }, [start]);

  // In a browser, the button appears enabled only once the core has the URL: move focus there for keyboard users.
  useEffect(() => {
    if (host !== 'browser' || !authorizeUrl) return;
    const active = document.activeElement;
    if (!active || active === document.body || active.classList.contains('icon-btn')) openButton.current?.focus();
  }, [host, authorizeUrl]);

  async function cancel() {
    const mine = attempt.current;
    cancelRequested.current = true;
    setPhase({ kind: 'cancelling' });
    try {
      await getApi().invoke('auth.cancel', { endpointId: id });
      // The core answers the cancel at once and the sign-in a moment later; a retry before that would clash.
      await Promise.race([settled.current, new Promise((resolve) => window.setTimeout(resolve, 3000))]);
      if (attempt.current === mine && phaseRef.current.kind === 'cancelling') setPhase({ kind: 'cancelled' });
    } catch (error) {
      if (attempt.current === mine) setPhase({ kind: 'failed', message: errorMessage(error) });
    }
  }

  function close() {
    // Closing while the provider's page is still open stops the sign-in, so nothing waits in the background.
    if (phaseRef.current.kind === 'working') {
      cancelRequested.current = true;
      void getApi()
        .invoke('auth.cancel', { endpointId: id })
        .catch(() => undefined);
    }
    attempt.current++;
    onClose();
  }

  async function copyLink() {
    if (!authorizeUrl) return;
    try {
      await navigator.clipboard.writeText(authorizeUrl);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const working = phase.kind === 'working' || phase.kind === 'cancelling';
  const current = phase.kind === 'done' ? 3 : phase.kind === 'working' ? stepIndex(phase.step) : -1;
  const warning = protectionWarning(protection, provider.headless);
  const steps = provider.steps(host);
  const status = statusText(phase, host, authorizeUrl !== null, provider.label);

  return (
    <Dialog
      title={`Sign in with ${provider.label}`}
      description={`File Connector needs your permission to catalog "${endpoint.name}".`}
      onClose={close}
    >
      <ol className="signin-steps" aria-label="Steps">
        {steps.map((text, i) => {
          const state = i < current ? 'done' : i === current && working ? 'active' : 'pending';
          return (
            <li
              key={i}
              className={`signin-step signin-step-${state}`}
              aria-current={state === 'active' ? 'step' : undefined}
            >
              <span className="signin-step-mark" aria-hidden="true">
                {state === 'done' ? <CheckIcon size={14} /> : i + 1}
              </span>
              <span className="signin-step-text">
                {text}
                {state === 'done' && <span className="visually-hidden"> (done)</span>}
              </span>
            </li>
          );
        })}
      </ol>

      <div className={`signin-status signin-status-${phase.kind}`}>
        {working ? (
          <Spinner label={status} />
        ) : (
          <p role="status" className="signin-status-text">
            {phase.kind === 'done' && <CheckIcon size={16} />}
            {status}
          </p>
        )}
      </div>

      {phase.kind === 'failed' && (
        <p className="form-error" role="alert">
          {phase.message}
        </p>
      )}

      {phase.kind === 'working' && authorizeUrl && (
        <p className="signin-link-help">
          {host === 'browser' ? 'Pop-ups blocked? ' : 'No browser window? '}
          <button type="button" className="link-btn" onClick={() => void copyLink()}>
            {copied ? 'Link copied' : 'Copy the sign-in link'}
          </button>{' '}
          and paste it into your browser&apos;s address bar.
        </p>
      )}

      {warning && (
        <div className="notice notice-warning">
          <AlertIcon size={16} />
          <p>{warning}</p>
        </div>
      )}

      <div className="dialog-actions">
        {working && (
          <>
            <button type="button" className="btn" onClick={() => void cancel()} disabled={phase.kind === 'cancelling'}>
              Cancel
            </button>
            {host === 'browser' && (
              <button
                ref={openButton}
                type="button"
                className="btn btn-primary"
                disabled={!authorizeUrl || phase.kind !== 'working'}
                onClick={() => {
                  // Straight from the click, so pop-up blockers let the new tab through.
                  if (authorizeUrl) window.open(authorizeUrl, '_blank', 'noopener');
                }}
              >
                <ExternalIcon />
                Open {provider.label} sign-in
              </button>
            )}
          </>
        )}
        {(phase.kind === 'failed' || phase.kind === 'cancelled') && (
          <>
            <button type="button" className="btn" onClick={close}>
              Close
            </button>
            <button type="button" className="btn btn-primary" onClick={start} autoFocus>
              Try again
            </button>
          </>
        )}
        {phase.kind === 'done' && (
          <button type="button" className="btn btn-primary" onClick={close} autoFocus>
            Done
          </button>
        )}
      </div>
    </Dialog>
  );
}
