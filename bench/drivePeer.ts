/**
 * The peer of the Drive full sync: the careful script a person would write with the same client. One stream,
 * one drive after another, `files.list` with pageSize=1000 and only the fields a catalog needs (parents for the
 * paths), backing off on rate-limit answers. It keeps the rows in memory and writes nothing.
 */
import { drive as driveApi } from '@googleapis/drive';
import { createAccessTokenSource } from '../src/connectors/google_drive/auth.js';
import { sleep } from './lib.js';

export interface PeerResult {
  entries: number;
  requests: number;
  rateLimited: number;
}

/** Lists My Drive and every shared drive of the account behind `apiBaseUrl`. */
export async function peerListing(o: { apiBaseUrl: string; keyFile: string; tokenUrl: string }): Promise<PeerResult> {
  const auth = createAccessTokenSource({ type: 'service_account', keyFile: o.keyFile, tokenUrl: o.tokenUrl });
  const api = driveApi({ version: 'v3' });
  const result: PeerResult = { entries: 0, requests: 0, rateLimited: 0 };
  const rows: { id: string; name: string; parent: string | null }[] = [];
  const options = async () => ({
    rootUrl: o.apiBaseUrl,
    retry: false,
    headers: { Authorization: `Bearer ${await auth.token()}` },
  });
  // Exponential backoff on 403/429 rate limits, as Google recommends.
  const attempt = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (let delay = 1000; ; delay *= 2) {
      result.requests++;
      try {
        return await fn();
      } catch (err) {
        const status = (err as { response?: { status?: number } }).response?.status;
        if ((status !== 403 && status !== 429) || delay > 32_000) throw err;
        result.rateLimited++;
        await sleep(delay);
      }
    }
  };

  const shared = await attempt(async () =>
    api.drives.list({ pageSize: 100, fields: 'drives(id,name)' }, await options()),
  );
  const drives = [null, ...(shared.data.drives ?? []).map((d) => d.id!)];
  for (const driveId of drives) {
    let pageToken: string | undefined;
    do {
      const page = await attempt(async () =>
        api.files.list(
          {
            corpora: driveId ? 'drive' : 'user',
            ...(driveId ? { driveId, includeItemsFromAllDrives: true } : {}),
            supportsAllDrives: true,
            pageSize: 1000,
            q: 'trashed = false',
            fields: 'nextPageToken,files(id,name,mimeType,parents,size,modifiedTime)',
            pageToken,
          },
          await options(),
        ),
      );
      for (const f of page.data.files ?? []) rows.push({ id: f.id!, name: f.name!, parent: f.parents?.[0] ?? null });
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
  }
  result.entries = rows.length;
  return result;
}
