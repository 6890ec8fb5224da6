import { describe, expect, it } from 'vitest';
import { createAutodeskAccConnector, parseAutodeskAccSettings } from '../../../src/connectors/autodesk_acc/index.js';
import { CLIENT_ID, CLIENT_SECRET, setup, smallAccount, startFake } from './helpers.js';

describe('autodesk_acc faults and errors', () => {
  it('survives 500s, a dropped connection and an expired token mid-sync, and counts the retries', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const t = await setup(fake);
    fake.inject({ match: /\/contents/, status: 500, times: 2 });
    fake.inject({ match: /\/topFolders/, drop: true });
    fake.inject({ match: /\/contents/, expireTokens: true });
    fake.inject({ match: /\/contents/, status: 503, retryAfterSeconds: 0 });
    const run = await t.sync();
    expect(run.error).toBeNull();
    expect(run.status).toBe('success');
    expect(run.retries).toBe(4);
    expect(fake.requests.some((r) => r.status === 401)).toBe(true);
    expect(fake.tokens.issued.client_credentials).toBe(2);
    expect(run.requests).toBe(fake.requests.length);
    expect(t.live()).toEqual(fake.truth.entries());
  });

  it('a failed incremental sync deletes nothing; the next one applies everything', async () => {
    const fake = await startFake();
    const acc = smallAccount(fake.truth);
    // One folder exhausts its retries before the service's circuit breaker opens (tests/resilience covers that).
    const t = await setup(fake, { connector: { breaker: { threshold: 10 } } });
    await t.sync();
    const before = t.live();
    fake.truth.remove(acc.deep);
    fake.truth.remove(acc.model);
    fake.truth.addFile(acc.schoolFiles, 'added.pdf');
    // The School project's folder fails every attempt.
    fake.inject({ match: new RegExp(encodeURIComponent(acc.schoolFiles)), status: 500, times: 100 });
    const failed = await t.sync();
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/Autodesk answered 500|500/);
    expect(failed.deleted).toBe(0);
    expect(t.live().filter((e) => before.some((b) => b.id === e.id))).toHaveLength(before.length);

    fake.resetLog();
    fake.clearFaults();
    const next = await t.sync();
    expect(next.status).toBe('success');
    expect(next.deleted).toBeGreaterThan(10);
    expect(t.live()).toEqual(fake.truth.entries());
  });

  it('an interrupted sync, first or incremental, is finished exactly by the next one', async () => {
    const fake = await startFake();
    const acc = smallAccount(fake.truth);
    fake.latencyMs = 20;
    const t = await setup(fake);
    const first = await t.cancelledSync(150);
    expect(first.status).toBe('cancelled');
    expect(t.live().length).toBeLessThan(fake.truth.entries().length);
    expect((await t.sync()).status).toBe('success');
    expect(t.live()).toEqual(fake.truth.entries());

    fake.truth.remove(acc.deep);
    fake.truth.rename(acc.towerFiles, 'Projektdateien');
    fake.truth.addFile(acc.schoolFiles, 'late.pdf');
    const cut = await t.cancelledSync(60);
    expect(cut.status).toBe('cancelled');
    expect(cut.deleted).toBe(0);
    const resumed = await t.sync();
    expect(resumed.status).toBe('success');
    expect(t.live()).toEqual(fake.truth.entries());
  });

  it.each([
    ['forbidden', /403 Forbidden BIM360DM_ERROR/],
    ['warning', /"Unable to get hubs from BIM360DM US\."/],
  ] as const)('tells the user to add a Custom Integration when hubs are %s', async (mode, reason) => {
    const fake = await startFake();
    smallAccount(fake.truth);
    fake.hubsMode = mode;
    const t = await setup(fake);
    const run = await t.sync();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(reason);
    expect(run.error).toContain('Custom Integration');
    expect(run.error).toContain('Account Admin > Custom Integrations');
    expect(run.error).toContain(CLIENT_ID);
  });

  it('reports a project it can no longer see instead of emptying it', async () => {
    const fake = await startFake();
    const acc = smallAccount(fake.truth);
    const t = await setup(fake);
    await t.sync();
    const schoolEntries = t.live().filter((e) => e.path.startsWith('École B'));
    fake.truth.projects.splice(fake.truth.projects.indexOf(acc.school), 1);
    const run = await t.sync();
    expect(run.status).toBe('partial');
    expect(run.deleted).toBe(0);
    expect(t.logs.some((l) => l.startsWith('warn') && l.includes('"École B" is no longer visible'))).toBe(true);
    expect(t.live().filter((e) => e.path.startsWith('École B'))).toEqual(schoolEntries);
    // A forced full sync keeps it too.
    const full = await t.sync(true);
    expect(full).toMatchObject({ status: 'partial', deleted: 0 });
    expect(t.live().filter((e) => e.path.startsWith('École B'))).toEqual(schoolEntries);
  });

  it('names the missing secret variable, and never shows the secret', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const missing = await setup(fake, { connector: { env: {} } });
    const run = await missing.sync();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/environment variable FC_TEST_ACC_SECRET \(named by auth\.clientSecretEnv\) is not set/);

    const wrong = await setup(fake, { connector: { env: { FC_TEST_ACC_SECRET: 'wrong-secret-value' } } });
    const refused = await wrong.sync();
    expect(refused.error).toMatch(/refused the client credentials \(401 invalid_client\).*FC_TEST_ACC_SECRET/);
    expect(refused.error).not.toContain('wrong-secret-value');
    expect(wrong.logs.join('\n')).not.toContain('wrong-secret-value');
  });

  it('acts as the configured user with x-user-id', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const t = await setup(fake, {
      settings: {
        auth: {
          type: 'client_credentials',
          clientId: CLIENT_ID,
          clientSecretEnv: 'FC_TEST_ACC_SECRET',
          userId: 'U123',
        },
      },
    });
    await t.sync();
    const api = fake.requests.filter((r) => r.family !== 'token');
    expect(api.length).toBeGreaterThan(3);
    expect(api.every((r) => r.userId === 'U123')).toBe(true);
  });

  it('health check reports the hubs and projects, or the Custom Integration hint', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const settings = parseAutodeskAccSettings({
      auth: { type: 'client_credentials', clientId: CLIENT_ID, clientSecretEnv: 'S' },
      apiBaseUrl: fake.url,
    });
    const connector = createAutodeskAccConnector(settings, {}, { env: { S: CLIENT_SECRET } });
    const health = await connector.checkHealth();
    expect(health).toMatchObject({
      ok: true,
      message: 'Signed in: 1 hub(s) and 2 project(s) visible: Tower A, École B',
    });
    expect(health.details).toMatchObject({ hubs: [{ name: 'Contoso Build', region: 'EMEA', projects: [{}, {}] }] });
    fake.hubsMode = 'forbidden';
    const refused = await connector.checkHealth();
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('Custom Integration');
  });

  it('rejects a malformed reply with a message naming the field', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    fake.truth.hubs[0]!.name = undefined as unknown as string;
    const t = await setup(fake);
    const run = await t.sync();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Autodesk returned an unexpected hub in the hub list: attributes\.name: /);
  });
});
