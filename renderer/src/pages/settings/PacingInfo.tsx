/**
 * The request pace each cloud endpoint keeps. The core paces per endpoint (Drive's `pacing`, Autodesk's `rateLimits`)
 * and has no global pace, so this shows the figures in force and says where they are changed rather than offering
 * a control the core would ignore.
 */
import type { EndpointSummary } from '../../../../src/contract/model';
import {
  googleDriveSettingsSchema,
  type AutodeskAccSettings,
  type GoogleDriveSettings,
} from '../../../../src/contract/schemas';
import { formatCount } from '../../lib/format';

const accFamilies: Record<string, string> = {
  hubs: 'hubs',
  projects: 'projects',
  topFolders: 'top folders',
  folderContents: 'folder listings',
  token: 'sign-ins',
};

function paceOf(endpoint: EndpointSummary): { service: string; pace: string } | null {
  if (endpoint.type === 'google_drive') {
    // Endpoints stored before `pacing` existed run at its default.
    const { requestsPerSecond, burst } = googleDriveSettingsSchema.shape.pacing.parse(
      (endpoint.settings as Partial<GoogleDriveSettings>).pacing,
    );
    return { service: 'Google Drive', pace: `${formatCount(requestsPerSecond)} requests a second, bursts of ${burst}` };
  }
  if (endpoint.type === 'autodesk_acc') {
    const overrides = Object.entries((endpoint.settings as AutodeskAccSettings).rateLimits ?? {}).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    );
    return {
      service: 'Autodesk ACC',
      pace:
        overrides.length === 0
          ? 'Autodesk’s published limit for each kind of request'
          : overrides.map(([family, n]) => `${accFamilies[family] ?? family}: ${formatCount(n)} a minute`).join('; '),
    };
  }
  return null;
}

/** The pace of every cloud endpoint, and how to change it. */
export function PacingInfo({ endpoints }: { endpoints: EndpointSummary[] }) {
  const paced = endpoints.flatMap((endpoint) => {
    const pace = paceOf(endpoint);
    return pace ? [{ endpoint, ...pace }] : [];
  });
  return (
    <div className="field">
      <span className="field-label" id="pacing-label">
        Request pace
      </span>
      {paced.length === 0 ? (
        <p className="field-help">
          No cloud endpoints yet. Folders are read as fast as the disk allows; Google Drive and Autodesk endpoints pace
          their requests within what each service allows, and slow down by themselves when asked to.
        </p>
      ) : (
        <>
          <table className="table pacing-table" aria-labelledby="pacing-label">
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Service</th>
                <th scope="col">Pace</th>
              </tr>
            </thead>
            <tbody>
              {paced.map(({ endpoint, service, pace }) => (
                <tr key={endpoint.id}>
                  <td className="strong">{endpoint.name}</td>
                  <td>{service}</td>
                  <td>{pace}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field-help">
            Each endpoint keeps its own pace, within what its service allows, and slows down by itself when the service
            asks. To change it, export the configuration, edit <code>pacing</code> (Google Drive) or{' '}
            <code>rateLimits</code> (Autodesk) and import the file again.
          </p>
        </>
      )}
    </div>
  );
}
