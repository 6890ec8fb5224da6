/**
 * The catalog's write thread: a connection of its own that writes sync runs' batches, so the thread that
 * answers the window never waits for a batch to be written (WAL lets both connections work at once).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Db } from '../database.js';
import { RunWrites } from '../runWrites.js';
import type { WriteReply, WriteRequest, WriteThreadData } from './protocol.js';

const data = workerData as WriteThreadData;
const runs = new Map<number, RunWrites>();
let db: Db | null = null;

/** The connection, opened on first use (the catalog's owner has already brought the schema up to date). */
function connection(): Db {
  db ??= openDatabase(data.file, { nativeBinding: data.nativeBinding, role: 'writer' });
  return db;
}

function writesOf(runId: number): RunWrites {
  const writes = runs.get(runId);
  if (!writes) throw new Error(`The write thread has no run ${runId}.`);
  return writes;
}

function handle(request: WriteRequest): unknown {
  switch (request.type) {
    case 'begin': {
      const writes = new RunWrites(connection(), request.run);
      runs.set(request.run.runId, writes);
      return writes.totalsBefore();
    }
    case 'batch':
      return writesOf(request.runId).batch(request.write);
    case 'end':
      return writesOf(request.runId).end(request.end);
    case 'release':
      return runs.delete(request.runId);
    case 'close':
      runs.clear();
      db?.close();
      db = null;
      return true;
  }
}

parentPort!.on('message', (request: WriteRequest) => {
  let reply: WriteReply;
  try {
    reply = { id: request.id, ok: true, value: handle(request) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = {
      id: request.id,
      ok: false,
      error: { name: e.name, message: e.message, code: (e as { code?: string }).code },
    };
  }
  parentPort!.postMessage(reply);
});
