/** The Overview's headline figures: files, size, what is syncing and what needs attention. */
import type { EndpointSummary } from '../../../../src/contract/model';
import { AlertIcon, CheckIcon } from '../../components/Icons';
import { formatBytes, formatCount, plural } from '../../lib/format';

/** Four tiles over all endpoints; the attention tile names the endpoints that need someone. */
export function SummaryStrip({
  endpoints,
  syncing,
  attention,
}: {
  endpoints: EndpointSummary[];
  syncing: number;
  attention: EndpointSummary[];
}) {
  const files = endpoints.reduce((n, e) => n + e.fileCount, 0);
  const folders = endpoints.reduce((n, e) => n + e.folderCount, 0);
  const bytes = endpoints.reduce((n, e) => n + e.totalSize, 0);
  const queued = endpoints.filter((e) => e.queued).length;
  return (
    <section className="overview-summary" aria-label="Summary">
      <dl className="summary-tiles">
        <div className="summary-tile">
          <dt>Files</dt>
          <dd className="summary-value">{formatCount(files)}</dd>
          <dd className="summary-note">in {plural(folders, 'folder')}</dd>
        </div>
        <div className="summary-tile">
          <dt>Total size</dt>
          <dd className="summary-value">{formatBytes(bytes)}</dd>
          <dd className="summary-note">across {plural(endpoints.length, 'endpoint')}</dd>
        </div>
        <div className="summary-tile">
          <dt>Syncing now</dt>
          <dd className="summary-value">{formatCount(syncing)}</dd>
          <dd className="summary-note">{queued > 0 ? `${formatCount(queued)} queued` : 'none waiting'}</dd>
        </div>
        <div className={`summary-tile${attention.length > 0 ? ' summary-tile-warning' : ' summary-tile-ok'}`}>
          <dt>Need attention</dt>
          <dd className="summary-value">
            {attention.length > 0 ? <AlertIcon size={18} /> : <CheckIcon size={18} />}
            {formatCount(attention.length)}
          </dd>
          <dd className="summary-note" title={attention.map((e) => e.name).join(', ')}>
            {attention.length > 0 ? attention.map((e) => e.name).join(', ') : 'All endpoints are fine'}
          </dd>
        </div>
      </dl>
    </section>
  );
}
