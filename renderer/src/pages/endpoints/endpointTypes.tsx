/** Labels and icons per endpoint type. */
import type { ReactNode } from 'react';
import type { EndpointType } from '../../../../src/contract/schemas';
import { CloudIcon, DriveIcon, FolderIcon } from '../../components/Icons';

/** Human label of an endpoint type. */
export const typeLabels: Record<EndpointType, string> = {
  local_folder: 'Local folder',
  google_drive: 'Google Drive',
  autodesk_acc: 'Autodesk ACC',
};

/** Icon of an endpoint type. */
export function TypeIcon({ type, size = 18 }: { type: EndpointType; size?: number }): ReactNode {
  if (type === 'local_folder') return <FolderIcon size={size} />;
  if (type === 'google_drive') return <DriveIcon size={size} />;
  return <CloudIcon size={size} />;
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

/** Where an endpoint points, as one line (folder path, drive, project). */
export function endpointLocation(type: EndpointType, settings: Record<string, unknown>): string {
  if (type === 'local_folder' && typeof settings.path === 'string') return settings.path;
  if (type === 'google_drive') return `${driveScopeSummary(settings)} · ${driveAuthSummary(settings)}`;
  const first = Object.values(settings).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first : '';
}
