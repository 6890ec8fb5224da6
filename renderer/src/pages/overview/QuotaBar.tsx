/** Storage space of an endpoint's source as a meter: a Drive account's quota, or a folder's disk. */
import type { StorageQuota } from '../../../../src/contract/model';
import { formatBytes } from '../../lib/format';

/** "1.0 GB of 15 GB used" (account) or "120 GB free of 500 GB" (disk); unlimited accounts show only the use. */
export function quotaText(quota: StorageQuota): string {
  if (quota.totalBytes === null) return `${formatBytes(quota.usedBytes)} used · no limit`;
  if (quota.kind === 'volume') return `${formatBytes(quota.freeBytes)} free of ${formatBytes(quota.totalBytes)}`;
  return `${formatBytes(quota.usedBytes)} of ${formatBytes(quota.totalBytes)} used`;
}

/** A labelled meter; above 90 % it turns to the warning colour. */
export function QuotaBar({ quota, name }: { quota: StorageQuota; name: string }) {
  const label = quota.kind === 'volume' ? 'Disk' : 'Drive storage';
  const text = quotaText(quota);
  if (quota.totalBytes === null || quota.totalBytes <= 0) {
    return (
      <p className="quota">
        <span className="quota-label">{label}</span>
        <span className="quota-text">{text}</span>
      </p>
    );
  }
  // On a disk the space others use counts too: what matters is how little is left.
  const used = quota.kind === 'volume' ? quota.totalBytes - (quota.freeBytes ?? 0) : quota.usedBytes;
  const percent = Math.min(100, Math.max(0, (used / quota.totalBytes) * 100));
  return (
    <div className="quota">
      <div className="quota-line">
        <span className="quota-label">{label}</span>
        <span className="quota-text">{text}</span>
      </div>
      <div
        className={`quota-meter${percent >= 90 ? ' quota-meter-full' : ''}`}
        role="meter"
        aria-label={`${label} of ${name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={text}
      >
        <div className="quota-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
