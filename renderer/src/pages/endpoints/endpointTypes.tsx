/** Labels and icons per endpoint type. */
import type { ReactNode } from 'react';
import type { EndpointType } from '../../../../src/contract/schemas';
import { CloudIcon, FolderIcon } from '../../components/Icons';

/** Human label of an endpoint type. */
export const typeLabels: Record<EndpointType, string> = {
  local_folder: 'Local folder',
  google_drive: 'Google Drive',
  autodesk_acc: 'Autodesk ACC',
};

/** Icon of an endpoint type. */
export function TypeIcon({ type, size = 18 }: { type: EndpointType; size?: number }): ReactNode {
  return type === 'local_folder' ? <FolderIcon size={size} /> : <CloudIcon size={size} />;
}

/** Where an endpoint points, as one line (folder path, drive, project). */
export function endpointLocation(type: EndpointType, settings: Record<string, unknown>): string {
  if (type === 'local_folder' && typeof settings.path === 'string') return settings.path;
  const first = Object.values(settings).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first : '';
}
