import { describe, expect, it } from 'vitest';
import type { GoogleDriveOptions } from '../../../src/connectors/google_drive/index.js';
import { driveEndpoint, expectedCatalog, fakeDriveWithKey, settingsFor } from './helpers.js';
import { populate } from './scenario.js';

/** Lets one request exhaust its retries before the service's circuit breaker opens (tests/resilience covers that). */
const patientBreaker: GoogleDriveOptions = { breaker: { threshold: 10 } };

async function synced(options: GoogleDriveOptions = {}) {
  const { fake, keyFile } = await fakeDriveWithKey();
  const ids = populate(fake);
  const t = await driveEndpoint(fake, settingsFor(fake, keyFile), {}, options);
  expect(await t.sync()).toMatchObject({ status: 'success' });
  return { fake, ids, t, keyFile };
}

describe('Google Drive faults', () => {
  it('retries rate limits, server errors and dropped connections, honouring Retry-After', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    fake.inject({ match: /\/files\?/, status: 429, retryAfterSeconds: 1 });
    fake.inject({ match: /\/files\?/, status: 403, reason: 'userRateLimitExceeded' });
    fake.inject({ match: /\/files\?/, status: 403, reason: 'rateLimitExceeded' });
    fake.inject({ match: /startPageToken/, status: 503 });
    fake.inject({ match: /\/drives\?/, drop: true });
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile));
    const started = Date.now();
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', retries: 5 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // Drive's Retry-After is counted into the run's metrics.
    expect(run.rateLimitWaitMs).toBeGreaterThanOrEqual(900);
    expect(run.requests).toBe(run.fakeRequests);
    expect(t.live()).toEqual(expectedCatalog(fake));
  });

  it('retries a failing token endpoint itself: the auth library does not retry on its own', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    fake.inject({ match: /^\/token/, status: 503 });
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile));
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', retries: 1 });
    expect(fake.count('/token')).toBe(2);
  });

  it('does not retry a 403 that is not a rate limit, and says what was refused', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    fake.inject({ match: /\/files\?/, status: 403, reason: 'insufficientFilePermissions', times: 5 });
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile));
    const run = await t.sync();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^Drive files\.list \(.+\) failed: permission denied \(insufficientFilePermissions\)/);
    expect(run.retries).toBe(0);
    expect(t.live()).toEqual({});
  });

  it('signs in again once when Drive refuses a token before its expiry', async () => {
    const { fake, ids, t } = await synced();
    fake.truth.addFile(ids.plans, 'new.pdf');
    fake.inject({ match: /\/changes\?/, revokeTokens: true });
    const tokensBefore = fake.count('/token');
    const run = await t.sync();
    // The drives' feeds were refused together: each one refused is retried once, with one new token between them.
    // How many were in flight when the token was revoked (1 to 3) depends on timing.
    expect(run).toMatchObject({ status: 'success', added: 1 });
    expect(run.retries).toBeGreaterThanOrEqual(1);
    expect(run.retries).toBeLessThanOrEqual(3);
    expect(fake.count('/token') - tokensBefore).toBe(2);
    expect(t.live()).toEqual(expectedCatalog(fake));
  });

  it('deletes nothing when an incremental run fails, and the next run applies everything', async () => {
    const { fake, ids, t } = await synced(patientBreaker);
    const before = t.live();
    fake.truth.remove(ids.quoted);
    fake.truth.move(ids.deep[2]!, ids.slashed);
    // My Drive's feed fails for good; the shared drives' feeds answer.
    fake.inject({ match: /\/changes\?(?!.*driveId=)/, status: 500, times: 7 });
    const failed = await t.sync();
    expect(failed).toMatchObject({ status: 'failed', deleted: 0, added: 0, moved: 0, retries: 6 });
    expect(failed.error).toMatch(/Drive changes\.list \(.+\) failed after 7 attempts \(HTTP 500/);
    expect(t.live()).toEqual(before);
    const resumed = await t.sync();
    expect(resumed).toMatchObject({ status: 'success', kind: 'incremental', deleted: 1 });
    expect(t.live()).toEqual(expectedCatalog(fake));
  });

  it('deletes nothing when a full listing fails midway, and the next run finishes it', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const ids = populate(fake);
    for (let i = 0; i < 600; i++) fake.truth.addFile(ids.plans, `sheet ${i}.pdf`);
    // Several streams retry at once: a breaker that opens before one of them gives up would fail the run instead.
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile), {}, { breaker: { threshold: 100 } });
    await t.sync();
    const before = Object.keys(t.live()).length;
    fake.truth.remove(ids.quoted);
    fake.truth.minValidSeq = fake.truth.currentSeq + 1;
    fake.truth.addFile(ids.plans, 'late.pdf');
    fake.shortPages = true;
    fake.listOrder = 'insertion';
    // The fallback listing fails after writing some pages. It lists My Drive in several streams at once, so the
    // drops last until it has failed (a fixed number could be spread thin over the streams' retries).
    fake.inject({ match: /\/files\?/, drop: true, times: Infinity, skip: 3 });
    const failed = await t.sync();
    fake.clearFaults();
    expect(failed).toMatchObject({ status: 'failed', deleted: 0 });
    expect(failed.error).toMatch(/connection failed/);
    expect(failed.unchanged).toBeGreaterThan(0);
    expect(t.live()[ids.quoted]).toBeDefined();
    expect(Object.keys(t.live()).length).toBeGreaterThanOrEqual(before);
    const resumed = await t.sync();
    expect(resumed).toMatchObject({ status: 'success', deleted: 1 });
    expect(t.live()).toEqual(expectedCatalog(fake));
  });

  it('stops at once when the run is cancelled while waiting for the pacing budget', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    const slow = await driveEndpoint(
      fake,
      settingsFor(fake, keyFile, { pacing: { requestsPerSecond: 0.2, burst: 1 } }),
    );
    const started = Date.now();
    const { done } = slow.engine.start(slow.endpoint.id, { trigger: 'manual' });
    setTimeout(() => slow.engine.cancel(slow.endpoint.id), 100);
    const run = await done;
    expect(run).toMatchObject({ status: 'cancelled', error: 'Cancelled', requests: 1 });
    // The next request would have waited 5 s for the budget.
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
