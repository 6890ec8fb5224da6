/**
 * What to do about a run that did not succeed: from its endpoint's state where the core has judged it (refused
 * credentials), else from the run's status and error message.
 */
import type { EndpointSummary, SyncRun } from '../../../../src/contract/model';

export interface RunAdvice {
  title: string;
  /** The next step, in words. */
  advice: string;
  /** The fix is on the endpoint's card (sign in, correct the path or credentials). */
  fixOnEndpoint: boolean;
}

const rules: { test: RegExp; advice: string; fixOnEndpoint: boolean }[] = [
  {
    test: /permission|not allowed|forbidden|EACCES|EPERM|\(403\b|\b403\b/i,
    advice:
      'File Connector was not allowed to read it. Check that the account can see these files (for Autodesk, that the app is added as a Custom Integration), then sync again.',
    fixOnEndpoint: true,
  },
  {
    test: /does not exist|no such file|ENOENT|is a file, not a folder|cannot be read|EISDIR/i,
    advice:
      'The folder could not be reached. Check that its path is right and that the drive or network share is connected, then sync again.',
    fixOnEndpoint: true,
  },
  {
    test: /rate limit|too many requests|\b429\b|quota/i,
    advice:
      'The service asked File Connector to slow down for longer than a sync waits. The next sync continues; if this keeps happening, lower the endpoint’s request pace.',
    fixOnEndpoint: false,
  },
  {
    test: /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|timed out|network|fetch failed|socket|unreachable/i,
    advice: 'The service could not be reached. Check the internet connection (or the proxy), then sync again.',
    fixOnEndpoint: false,
  },
];

// Words of a refused sign-in, for runs whose endpoint no longer says so (it signed in again since, or is gone).
const refusedSignIn = /invalid_grant|not signed in|sign in again|sign-in has expired|expired or was revoked|\(401\b/i;

/** Advice for a failed, partial or cancelled run; null for one that succeeded or is still running. */
export function runAdvice(run: SyncRun, endpoint?: EndpointSummary): RunAdvice | null {
  if (run.status === 'success' || run.status === 'running') return null;
  if (run.status === 'cancelled') {
    return {
      title: 'This sync was stopped before it finished',
      advice: 'What it read so far is kept. Sync again to finish: it picks up the changes it did not reach.',
      fixOnEndpoint: false,
    };
  }
  const title = run.status === 'partial' ? 'Part of this sync failed' : 'This sync failed';
  const message = run.error ?? '';
  const latest = endpoint?.lastRun?.id === run.id;
  if ((latest && (endpoint?.signIn === 'needed' || endpoint?.health?.authFailed)) || refusedSignIn.test(message)) {
    return {
      title,
      advice: 'The service refused the sign-in. Open the endpoint and sign in again (or correct its credentials).',
      fixOnEndpoint: true,
    };
  }
  const rule = rules.find((r) => r.test.test(message));
  if (rule) return { title, advice: rule.advice, fixOnEndpoint: rule.fixOnEndpoint };
  return {
    title,
    advice:
      run.status === 'partial'
        ? 'Everything else was catalogued; what could not be read was left as it was. The log below names each problem.'
        : 'The log below has this endpoint’s messages from the sync. Fix what they name, then sync again.',
    fixOnEndpoint: false,
  };
}
