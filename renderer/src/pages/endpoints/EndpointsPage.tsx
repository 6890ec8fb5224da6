/** Endpoints: every connected source as a card, with sync, edit and remove; teaches the first step when empty. */
import { useEffect, useState } from 'react';
import type { EndpointSummary } from '../../../../src/contract/model';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { FolderIcon, PauseIcon, PlayIcon, PlusIcon, SyncIcon } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../lib/errors';
import { formatBytes, formatCount, plural } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { EndpointCard, endpointCardId } from './EndpointCard';
import { EndpointForm } from './EndpointForm';
import { signInText } from './endpointTypes';
import { SignInDialog } from './SignInDialog';

type FormState = { mode: 'add' } | { mode: 'edit'; endpoint: EndpointSummary } | null;

/** The Endpoints page. */
export function EndpointsPage() {
  const items = useEndpointsStore((s) => s.items);
  const loaded = useEndpointsStore((s) => s.loaded);
  const error = useEndpointsStore((s) => s.error);
  const load = useEndpointsStore((s) => s.load);
  const sync = useEndpointsStore((s) => s.sync);
  const remove = useEndpointsStore((s) => s.remove);
  const signOut = useEndpointsStore((s) => s.signOut);
  const scheduler = useEndpointsStore((s) => s.scheduler);
  const setPausedAll = useEndpointsStore((s) => s.setPausedAll);
  const anySyncing = useEndpointsStore(
    (s) =>
      Object.keys(s.progress).length > 0 ||
      Object.keys(s.starting).length > 0 ||
      s.items.some((e) => e.status === 'syncing'),
  );
  const [form, setForm] = useState<FormState>(() =>
    useAppStore.getState().addEndpointRequested ? { mode: 'add' } : null,
  );
  const [removing, setRemoving] = useState<EndpointSummary | null>(null);
  const [signingIn, setSigningIn] = useState<EndpointSummary | null>(null);
  const [signingOut, setSigningOut] = useState<EndpointSummary | null>(null);
  const [syncAllError, setSyncAllError] = useState<string | null>(null);
  const [syncAllNote, setSyncAllNote] = useState<{ text: string; whileQueued: boolean } | null>(null);
  const anyQueued = items.some((e) => e.queued);
  const [pauseAllBusy, setPauseAllBusy] = useState(false);
  const [pauseAllError, setPauseAllError] = useState<string | null>(null);
  const now = useNow();
  const focusRequest = useAppStore((s) => s.endpointFocusRequest);

  // The Overview's first-run button opened this page to add an endpoint: the form opened with it (above).
  useEffect(() => {
    if (useAppStore.getState().addEndpointRequested) useAppStore.getState().clearAddEndpoint();
  }, []);

  // A notification about one endpoint was clicked: bring its card into view once the list has it.
  useEffect(() => {
    if (focusRequest === null || !loaded) return;
    const card = document.getElementById(endpointCardId(focusRequest));
    if (card) {
      card.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
      card.focus({ preventScroll: true });
    }
    useAppStore.getState().clearEndpointFocus();
  }, [focusRequest, loaded, items]);

  const totalFiles = items.reduce((n, e) => n + e.fileCount, 0);
  const totalSize = items.reduce((n, e) => n + e.totalSize, 0);
  const empty = loaded && items.length === 0;
  // A core that schedules nothing (a read-only one) has no limit on slots and no pause to offer.
  const canPause = scheduler !== null && (scheduler.active || scheduler.maxConcurrentSyncs > 0);
  const pausedAll = scheduler?.pausedAll ?? false;

  function syncAll() {
    setSyncAllError(null);
    setSyncAllNote(null);
    sync().then(
      ({ runIds, queued }) => {
        if (queued.length > 0) {
          const started = runIds.length > 0 ? `${plural(runIds.length, 'sync')} started. ` : '';
          const waiting = `${plural(queued.length, 'endpoint')} ${queued.length === 1 ? 'starts' : 'start'}`;
          setSyncAllNote({ text: `${started}Queued: ${waiting} when a slot is free.`, whileQueued: true });
        } else if (runIds.length === 0) {
          setSyncAllNote({
            text: 'Nothing to sync: every endpoint is paused, already syncing or waiting for a sign-in.',
            whileQueued: false,
          });
        }
      },
      (e: unknown) => setSyncAllError(errorMessage(e)),
    );
  }

  async function togglePauseAll() {
    setPauseAllBusy(true);
    setPauseAllError(null);
    try {
      await setPausedAll(!pausedAll);
    } catch (e) {
      setPauseAllError(errorMessage(e));
    } finally {
      setPauseAllBusy(false);
    }
  }

  const addButton = (
    <button type="button" className="btn btn-primary" onClick={() => setForm({ mode: 'add' })}>
      <PlusIcon />
      Add endpoint
    </button>
  );

  return (
    <div className="page">
      <PageHeader
        title="Endpoints"
        summary={
          loaded && items.length > 0
            ? `${plural(items.length, 'endpoint')} · ${formatCount(totalFiles)} files · ${formatBytes(totalSize)}`
            : 'The folders and cloud projects File Connector keeps a catalog of.'
        }
        actions={
          !empty && loaded ? (
            <>
              {canPause && (
                <button
                  type="button"
                  className="btn"
                  disabled={pauseAllBusy}
                  title={
                    pausedAll
                      ? 'Let every endpoint sync on its schedule again'
                      : 'Stop every automatic sync until you resume; Sync now still works'
                  }
                  onClick={() => void togglePauseAll()}
                >
                  {pausedAll ? <PlayIcon /> : <PauseIcon />}
                  {pausedAll ? 'Resume all' : 'Pause all'}
                </button>
              )}
              <button type="button" className="btn" disabled={anySyncing || items.length === 0} onClick={syncAll}>
                <SyncIcon />
                Sync all
              </button>
              {addButton}
            </>
          ) : undefined
        }
      />

      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      {syncAllError && <ErrorBanner message={syncAllError} />}
      {pauseAllError && <ErrorBanner message={pauseAllError} />}
      {pausedAll && loaded && (
        <div className="notice notice-warning page-notice" role="status">
          <PauseIcon size={16} />
          <span className="page-notice-text">
            <strong>Automatic syncing is paused</strong> for every endpoint: no schedule or webhook starts a sync until
            you resume. Sync now still works.
          </span>
        </div>
      )}
      {syncAllNote && (!syncAllNote.whileQueued || anyQueued) && (
        <p className="notice notice-info page-notice" role="status">
          <span className="page-notice-text">{syncAllNote.text}</span>
        </p>
      )}

      {!loaded && !error && (
        <div className="page-loading">
          <Spinner label="Loading endpoints…" />
        </div>
      )}

      {empty && (
        <EmptyState icon={<FolderIcon size={40} />} title="Add a folder to catalog" action={addButton}>
          <p>
            File Connector keeps a searchable list of every file in the folders, Google Drives and Autodesk Construction
            Cloud projects you connect: names, paths, sizes, dates and what changed. Nothing is copied, moved or
            uploaded.
          </p>
          <ol className="steps">
            <li>
              <strong>Add endpoint</strong> and choose a project folder.
            </li>
            <li>
              Press <strong>Sync now</strong> to build the catalog.
            </li>
            <li>
              Find any file on the <strong>Files</strong> page.
            </li>
          </ol>
        </EmptyState>
      )}

      {items.length > 0 && (
        <section className="card-grid" aria-label="Endpoints">
          {items.map((e) => (
            <EndpointCard
              key={e.id}
              endpoint={e}
              now={now}
              onEdit={() => setForm({ mode: 'edit', endpoint: e })}
              onRemove={() => setRemoving(e)}
              onSignIn={() => setSigningIn(e)}
              onSignOut={() => setSigningOut(e)}
            />
          ))}
        </section>
      )}

      {form && (
        <EndpointForm endpoint={form.mode === 'edit' ? form.endpoint : undefined} onClose={() => setForm(null)} />
      )}

      {signingIn && (
        <SignInDialog endpoint={signingIn} provider={signInText(signingIn.type)} onClose={() => setSigningIn(null)} />
      )}

      {signingOut && (
        <ConfirmDialog
          title={`Sign out of ${signingOut.name}?`}
          confirmLabel="Sign out"
          onConfirm={() => signOut(signingOut.id)}
          onClose={() => setSigningOut(null)}
        >
          <p>
            File Connector forgets the saved sign-in for this endpoint. Its catalog stays; to sync again, someone has to
            sign in again.
          </p>
        </ConfirmDialog>
      )}

      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove"
          onConfirm={() => remove(removing.id)}
          onClose={() => setRemoving(null)}
        >
          <p>
            This removes the endpoint and deletes its {plural(removing.fileCount, 'catalog entry', 'catalog entries')}{' '}
            and history from File Connector. The files themselves are not touched.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
