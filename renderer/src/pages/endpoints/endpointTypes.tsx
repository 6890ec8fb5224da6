/** Labels, icons, summaries and sign-in wording per endpoint type. */
import type { ReactNode } from 'react';
import type { AppInfo } from '../../../../src/contract/model';
import type { EndpointType } from '../../../../src/contract/schemas';
import { AccIcon, DriveIcon, FolderIcon } from '../../components/Icons';

/** Human label of an endpoint type. */
export const typeLabels: Record<EndpointType, string> = {
  local_folder: 'Local folder',
  google_drive: 'Google Drive',
  autodesk_acc: 'Autodesk Construction Cloud',
};

/** The short label, where space is tight (the form's type choice). */
export const shortTypeLabels: Record<EndpointType, string> = { ...typeLabels, autodesk_acc: 'Autodesk ACC' };

/** Icon of an endpoint type. */
export function TypeIcon({ type, size = 18 }: { type: EndpointType; size?: number }): ReactNode {
  if (type === 'local_folder') return <FolderIcon size={size} />;
  if (type === 'google_drive') return <DriveIcon size={size} />;
  return <AccIcon size={size} />;
}

/** What the card and the sign-in dialog say about a provider a person signs in to. */
export interface SignInProviderText {
  /** "Google", "Autodesk": "Sign in with Google", "Open Autodesk sign-in". */
  label: string;
  /** On the card while no one has signed in yet. */
  needed: string;
  /** The dialog's three steps: open the provider's page, consent there, come back. */
  steps(host: AppInfo['host']): [string, string, string];
  /** What a server that cannot keep the sign-in should set in a config file instead. */
  headless: string;
}

const comeBack = 'Come back here. File Connector finishes the sign-in on its own.';

const signInTexts: Partial<Record<EndpointType, SignInProviderText>> = {
  google_drive: {
    label: 'Google',
    needed:
      'Sign in with a Google account so File Connector can read this Google Drive. Syncing starts working once you are signed in.',
    steps: (host) => [
      host === 'browser'
        ? "Open Google's sign-in page in a new tab with the button below."
        : "Your browser opens Google's sign-in page.",
      'Choose your Google account and allow File Connector to see file information: names, folders, sizes and dates. It cannot open, change or delete your files.',
      comeBack,
    ],
    headless: 'set auth.tokenFile or auth.tokenEnv for this endpoint in a config file instead.',
  },
  autodesk_acc: {
    label: 'Autodesk',
    needed:
      'Sign in with an Autodesk account so File Connector can read these projects. Syncing starts working once you are signed in.',
    steps: (host) => [
      host === 'browser'
        ? "Open Autodesk's sign-in page in a new tab with the button below."
        : "Your browser opens Autodesk's sign-in page.",
      'Sign in with your Autodesk ID and select Allow. File Connector then sees the hubs, projects and folders your account can see, and records file information only: names, folders, versions, sizes and dates. It never changes or deletes anything.',
      comeBack,
    ],
    headless:
      'set auth.tokenFile (and auth.tokenEnv for the first refresh token) for this endpoint in a config file instead.',
  },
};

/** The sign-in wording of an endpoint type; a generic one for types that gain a sign-in later. */
export function signInText(type: EndpointType): SignInProviderText {
  return (
    signInTexts[type] ?? {
      label: typeLabels[type],
      needed: `Sign in so File Connector can read this ${typeLabels[type]}. Syncing starts working once you are signed in.`,
      steps: () => [
        `Your browser opens the ${typeLabels[type]} sign-in page.`,
        'Allow File Connector access.',
        comeBack,
      ],
      headless: 'set a token file for this endpoint in a config file instead.',
    }
  );
}

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** "My Drive and all shared drives", "Shared drives: Projects, Tower A", … */
export function driveScopeSummary(settings: Record<string, unknown>): string {
  const scope = record(settings.scope);
  const myDrive = scope.myDrive !== false;
  const shared = scope.sharedDrives ?? 'all';
  let text: string;
  if (Array.isArray(shared)) {
    const names = shared.join(', ');
    text = myDrive ? `My Drive and shared drives: ${names}` : `Shared drives: ${names}`;
  } else if (shared === 'none') {
    text = 'My Drive only';
  } else {
    text = myDrive ? 'My Drive and all shared drives' : 'All shared drives';
  }
  const folders = Array.isArray(scope.folderIds) ? scope.folderIds.length : 0;
  if (folders) text += ` · only ${folders === 1 ? '1 folder' : `${folders} folders`}`;
  return text;
}

/** How a Drive endpoint signs in, as a short phrase. */
export function driveAuthSummary(settings: Record<string, unknown>): string {
  const auth = record(settings.auth);
  if (auth.type === 'service_account') {
    return typeof auth.subject === 'string' ? `Service account acting as ${auth.subject}` : 'Service account';
  }
  if (typeof auth.tokenFile === 'string' || typeof auth.tokenEnv === 'string') return 'Google account (saved token)';
  return 'Google account';
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);

/** "All projects", "Hub b.123 · Projects: Tower A, École B · only 2 folders · hidden items too". */
export function accScopeSummary(settings: Record<string, unknown>): string {
  const scope = record(settings.scope);
  const projects = strings(scope.projects);
  const parts: string[] = [];
  const what = projects.length ? `Projects: ${projects.join(', ')}` : 'All projects';
  parts.push(typeof scope.hubId === 'string' ? `Hub ${scope.hubId} · ${what}` : what);
  const folders = strings(scope.folders).length;
  if (folders) parts.push(`only ${folders === 1 ? '1 folder' : `${folders} folders`}`);
  if (settings.includeHidden === true) parts.push('hidden items too');
  return parts.join(' · ');
}

/** How an ACC endpoint signs in, as a short phrase. */
export function accAuthSummary(settings: Record<string, unknown>): string {
  const auth = record(settings.auth);
  if (auth.type === 'client_credentials') {
    return typeof auth.userId === 'string' ? `App credentials acting as ${auth.userId}` : 'App credentials';
  }
  return typeof auth.tokenFile === 'string' ? 'Autodesk account (saved token)' : 'Autodesk account';
}

/** Where an endpoint points, as one line (folder path, drive, project). */
export function endpointLocation(type: EndpointType, settings: Record<string, unknown>): string {
  if (type === 'local_folder' && typeof settings.path === 'string') return settings.path;
  if (type === 'google_drive') return `${driveScopeSummary(settings)} · ${driveAuthSummary(settings)}`;
  if (type === 'autodesk_acc') return `${accScopeSummary(settings)} · ${accAuthSummary(settings)}`;
  const first = Object.values(settings).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first : '';
}
