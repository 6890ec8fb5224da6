/**
 * Runs one fake service in a process of its own, so that building answers and keeping time does not share an
 * event loop with the sync being measured (a real service runs elsewhere too). Driven over IPC by remote.ts.
 */
import { createHash } from 'node:crypto';
import { populateAccount } from '../../tests/fakes/autodesk/account.js';
import { FakeApsServer } from '../../tests/fakes/autodesk/server.js';
import { FakeDriveServer } from '../../tests/fakes/googleDrive/server.js';
import { makeServiceAccountKey } from '../../tests/fakes/googleDrive/tokens.js';
import { FOLDER, type DriveTruth } from '../../tests/fakes/googleDrive/truth.js';
import {
  changeWorkspace,
  entriesPerDrive,
  populateWorkspace,
  type Workspace,
} from '../../tests/fakes/googleDrive/workspace.js';
import type { Command, FakeCounts, FakeReady, Reply, Request } from './protocol.js';

const ACC_CLIENT = { id: 'fc-bench-client', secret: 'bench-secret-not-real-7c1e' };

let drive: { fake: FakeDriveServer; workspace: Workspace } | null = null;
let acc: FakeApsServer | null = null;

function sha(lines: string[]): string {
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

/** `id\tpath` of every entry a full Drive sync must catalog (no trash, names as path segments). */
function driveLines(truth: DriveTruth): string[] {
  const seg = (name: string) => name.replace(/\//g, '\u2215');
  const paths = new Map<string, string>([[truth.myDriveRootId, 'My Drive']]);
  for (const [id, d] of truth.drives) paths.set(id, seg(d.name));
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const f = truth.get(id);
    const p = `${pathOf(f.parents[0]!)}/${seg(f.name)}`;
    if (f.mimeType === FOLDER) paths.set(id, p);
    return p;
  };
  return truth
    .all()
    .filter((f) => !f.trashed)
    .map((f) => `${f.id}\t${pathOf(f.id)}`);
}

async function start(command: Extract<Command, { op: 'start' }>): Promise<FakeReady> {
  const spec = command.spec;
  if (spec.service === 'drive') {
    const fake = new FakeDriveServer(spec.traffic);
    const workspace = populateWorkspace(fake.truth, { files: spec.files });
    await fake.start();
    const key = makeServiceAccountKey();
    fake.tokens.registerServiceAccount(key.email, key.publicKey);
    drive = { fake, workspace };
    const folders = Object.fromEntries(workspace.drives.map((d) => [d.key, d.folders.length - 1]));
    return { url: fake.url, credentials: key.json, entries: entriesPerDrive(fake.truth), folders };
  }
  const fake = new FakeApsServer(spec.traffic);
  const account = populateAccount(fake.truth, spec);
  fake.tokens.register(ACC_CLIENT);
  await fake.start();
  acc = fake;
  const entries: Record<string, number> = {};
  for (const p of account.projects) entries[p.id] = p.folders.length + p.files.length;
  const folders = Object.fromEntries(account.projects.map((p) => [p.id, p.folders.length]));
  return { url: fake.url, credentials: { clientId: ACC_CLIENT.id, clientSecret: ACC_CLIENT.secret }, entries, folders };
}

function counts(): FakeCounts {
  if (drive) {
    const byKind: Record<string, number> = {};
    for (const r of drive.fake.requests) {
      const kind = r.path.replace(/^\/drive\/v3/, '').replace(/^\/files\/.+/, '/files/{id}');
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    return { ...drive.fake.counts, byKind };
  }
  if (acc) {
    const byKind: Record<string, number> = {};
    for (const r of acc.requests) byKind[r.family] = (byKind[r.family] ?? 0) + 1;
    return { ...acc.counts, byKind };
  }
  throw new Error('No fake is running.');
}

async function handle(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'start':
      return start(command);
    case 'counts':
      return counts();
    case 'reset':
      if (drive) drive.fake.requests.length = 0;
      acc?.resetLog();
      for (const c of [drive?.fake.counts, acc?.counts]) if (c) Object.assign(c, { requests: 0, rejected: 0 });
      return null;
    case 'change':
      if (!drive) throw new Error('Changes are made to a Drive fake only.');
      return changeWorkspace(drive.fake.truth, drive.workspace, command.count);
    case 'digest':
      if (drive) return sha(driveLines(drive.fake.truth));
      if (acc) return sha(acc.truth.entries().map((e) => `${e.id}\t${e.path}`));
      throw new Error('No fake is running.');
    case 'stop':
      await drive?.fake.stop();
      await acc?.stop();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: Request) => {
  handle(message.command).then(
    (result) => process.send!({ id: message.id, result } satisfies Reply),
    (error: unknown) =>
      process.send!({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
  );
});
// The benchmark went away: so does its fake.
process.on('disconnect', () => process.exit(0));
