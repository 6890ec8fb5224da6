/**
 * The ACC actions of an endpoint card, "Enter client secret" and "Choose projects". The dialogs live in the card,
 * not in the buttons, so saving a secret (which hides its button) does not pull the dialog away mid-save.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { EndpointSummary } from '../../../../src/contract/model';
import { KeyIcon, SearchIcon } from '../../components/Icons';
import { useEndpointsStore } from '../../store/endpoints';
import { ClientSecretDialog } from './ClientSecretDialog';
import { ProjectPickerDialog } from './ProjectPickerDialog';

/** On the card of app credentials that wait for their secret. */
export const secretNeededText =
  'Enter the client secret of the Autodesk app so File Connector can read these projects. Syncing starts working once it is saved.';

/** The buttons (null when they do not apply) and the open dialog of an ACC card. */
export function useAccActions(
  endpoint: EndpointSummary,
  { describedBy, busy }: { describedBy: string; busy: boolean },
): { secretButton: ReactNode; projectsButton: ReactNode; dialogs: ReactNode } {
  const [open, setOpen] = useState<'secret' | 'projects' | null>(null);
  const load = useEndpointsStore((s) => s.load);
  const close = () => setOpen(null);

  const secretButton =
    endpoint.signInKind === 'secret' && endpoint.signIn === 'needed' ? (
      <button
        type="button"
        className="btn btn-primary"
        aria-describedby={describedBy}
        onClick={() => setOpen('secret')}
      >
        <KeyIcon />
        Enter client secret
      </button>
    ) : null;
  // Only once Autodesk can be reached: before that, the form's comma-separated field is the way.
  const projectsButton =
    endpoint.type === 'autodesk_acc' && endpoint.signIn !== 'needed' ? (
      <button
        type="button"
        className="btn btn-ghost"
        aria-describedby={describedBy}
        title={`Choose the projects ${endpoint.name} catalogs`}
        disabled={busy}
        onClick={() => setOpen('projects')}
      >
        <SearchIcon />
        Choose projects
      </button>
    ) : null;
  const dialogs =
    open === 'secret' ? (
      <ClientSecretDialog
        endpoint={endpoint}
        onSaved={() => {
          close();
          void load();
        }}
        onClose={close}
      />
    ) : open === 'projects' ? (
      <ProjectPickerDialog endpoint={endpoint} onClose={close} />
    ) : null;
  return { secretButton, projectsButton, dialogs };
}
