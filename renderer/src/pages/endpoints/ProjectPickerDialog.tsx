/**
 * "Choose projects" for an ACC endpoint that can reach Autodesk: lists the hubs and projects its credentials see
 * (`endpoints.browse`) as check boxes, and saves the choice as the endpoint's scope. None checked means every project.
 */
import { useEffect, useId, useState } from 'react';
import type { BrowseHub, EndpointSummary } from '../../../../src/contract/model';
import { getApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../lib/errors';
import { useEndpointsStore } from '../../store/endpoints';
import { Choice } from './Choices';
import { initiallyChosen, scopeFor, withAccScope } from './projectPicker';

type Listing = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; hubs: BrowseHub[] };

/** The modal project picker. */
export function ProjectPickerDialog({ endpoint, onClose }: { endpoint: EndpointSummary; onClose: () => void }) {
  const update = useEndpointsStore((s) => s.update);
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const id = useId();
  const endpointId = endpoint.id;

  useEffect(() => {
    let live = true;
    getApi()
      .invoke('endpoints.browse', { endpointId })
      .then(
        ({ hubs }) => {
          if (!live) return;
          setListing({ kind: 'ready', hubs });
          setChosen(initiallyChosen(hubs));
        },
        (error: unknown) => live && setListing({ kind: 'failed', message: errorMessage(error) }),
      );
    return () => {
      live = false;
    };
  }, [endpointId]);

  function toggle(projectId: string, checked: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (checked) next.add(projectId);
      else next.delete(projectId);
      return next;
    });
  }

  async function save() {
    if (listing.kind !== 'ready') return;
    const currentHub = (endpoint.settings.scope as { hubId?: string } | undefined)?.hubId;
    setBusy(true);
    setSaveError(null);
    try {
      await update(endpoint.id, withAccScope(endpoint, scopeFor(listing.hubs, chosen, currentHub)));
      onClose();
    } catch (error) {
      setSaveError(errorMessage(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="Choose projects"
      description={`Which projects "${endpoint.name}" catalogs. With none checked, it catalogs every project.`}
      onClose={busy ? () => undefined : onClose}
      wide
    >
      {listing.kind === 'loading' && <Spinner label="Asking Autodesk for your hubs and projects…" />}
      {listing.kind === 'failed' && (
        <p className="form-error" role="alert">
          {listing.message}
        </p>
      )}
      {listing.kind === 'ready' && listing.hubs.length === 0 && (
        <p role="status">No hub is visible with these credentials.</p>
      )}
      {listing.kind === 'ready' &&
        listing.hubs.map((hub) => (
          <fieldset key={hub.id} className="fieldset">
            <legend className="field-label">{hub.region ? `${hub.name} (${hub.region})` : hub.name}</legend>
            {hub.projects.length === 0 && <p className="field-help">No projects in this hub.</p>}
            <div className="choice-list">
              {hub.projects.map((project) => (
                <Choice
                  key={project.id}
                  type="checkbox"
                  name="project"
                  label={project.name}
                  hintId={`${id}-${project.id}`}
                  checked={chosen.has(project.id)}
                  onChange={(checked) => toggle(project.id, checked)}
                />
              ))}
            </div>
          </fieldset>
        ))}
      {saveError && (
        <p className="form-error" role="alert">
          {saveError}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || listing.kind !== 'ready'}
          onClick={() => void save()}
        >
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Dialog>
  );
}
