/** Overview: every endpoint's state at a glance, the totals, and "Sync all"; teaches the first step when empty. */
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { OverviewIcon, PlusIcon, SyncIcon } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { needsAttention } from './endpointState';
import { OverviewCard } from './OverviewCard';
import { SummaryStrip } from './SummaryStrip';

/** The Overview page. */
export function OverviewPage() {
  const items = useEndpointsStore((s) => s.items);
  const loaded = useEndpointsStore((s) => s.loaded);
  const error = useEndpointsStore((s) => s.error);
  const load = useEndpointsStore((s) => s.load);
  const sync = useEndpointsStore((s) => s.sync);
  const progress = useEndpointsStore((s) => s.progress);
  const starting = useEndpointsStore((s) => s.starting);
  const openAddEndpoint = useAppStore((s) => s.openAddEndpoint);
  // A note about queued endpoints stays only while some endpoint still waits.
  const [note, setNote] = useState<{ text: string; whileQueued: boolean } | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const now = useNow();

  const isSyncing = (id: number, status: string) => status === 'syncing' || id in progress || id in starting;
  const syncing = items.filter((e) => isSyncing(e.id, e.status)).length;
  const attention = items.filter(needsAttention);
  const empty = loaded && items.length === 0;
  const allBusy = items.length > 0 && items.every((e) => isSyncing(e.id, e.status) || e.queued);

  function syncAll() {
    setNote(null);
    setSyncError(null);
    sync().then(
      ({ runIds, queued }) => {
        if (runIds.length === 0 && queued.length === 0) {
          setNote({
            text: 'Nothing to sync: every endpoint is paused, already syncing or waiting for a sign-in.',
            whileQueued: false,
          });
        } else if (queued.length > 0) {
          setNote({
            text: `${plural(queued.length, 'endpoint')} queued: each starts when a slot is free.`,
            whileQueued: true,
          });
        }
      },
      (e: unknown) => setSyncError(errorMessage(e)),
    );
  }

  return (
    <div className="page">
      <PageHeader
        title="Overview"
        summary={
          loaded && items.length > 0
            ? `${plural(items.length, 'endpoint')}${syncing > 0 ? ` · ${syncing} syncing` : ''}`
            : 'How every source is doing, at a glance.'
        }
        actions={
          loaded && items.length > 0 ? (
            <button
              type="button"
              className="btn btn-primary"
              disabled={allBusy}
              onClick={syncAll}
              aria-keyshortcuts="Control+Shift+S Meta+Shift+S"
              title="Sync all (Ctrl/⌘+Shift+S)"
            >
              <SyncIcon className={allBusy ? 'spin' : undefined} />
              Sync all
            </button>
          ) : undefined
        }
      />

      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      {syncError && <ErrorBanner message={syncError} />}
      {note && (!note.whileQueued || items.some((e) => e.queued)) && (
        <p className="notice notice-info page-notice" role="status">
          <span className="page-notice-text">{note.text}</span>
        </p>
      )}

      {!loaded && !error && (
        <div className="page-loading">
          <Spinner label="Loading endpoints…" />
        </div>
      )}

      {empty && (
        <EmptyState
          icon={<OverviewIcon size={40} />}
          title="Nothing to show yet"
          action={
            <button type="button" className="btn btn-primary" onClick={openAddEndpoint}>
              <PlusIcon />
              Add endpoint
            </button>
          }
        >
          <p>
            This page shows every folder, Google Drive and Autodesk Construction Cloud project you connect: whether it
            is syncing, how many files it holds, when it syncs next and how much storage is left.
          </p>
          <p>Add your first endpoint to start.</p>
        </EmptyState>
      )}

      {items.length > 0 && (
        <>
          <SummaryStrip endpoints={items} syncing={syncing} attention={attention} />
          <section className="overview-grid" aria-label="Endpoints">
            {items.map((e) => (
              <OverviewCard key={e.id} endpoint={e} now={now} />
            ))}
          </section>
        </>
      )}
    </div>
  );
}
