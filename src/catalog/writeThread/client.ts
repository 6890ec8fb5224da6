/** The catalog's side of its write thread: starts it on first use and matches replies to requests. */
import { Worker } from 'node:worker_threads';
import type { BatchWrite, BatchWritten, RunEnd, RunEnded, RunKey } from '../runWrites.js';
import type { EndpointTotals } from '../fileWriter.js';
import type { WriteReply, WriteRequest, WriteThreadData } from './protocol.js';

type Request = WriteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Where the write thread's code is: next to this module as built (dist/) or bundled into one file (bundles name
 * that entry catalogWriteThread too), or its source through tsx (tests, the benchmark).
 */
export function defaultWriteThreadUrl(): URL {
  const source = import.meta.url.endsWith('.ts');
  return new URL(source ? './catalogWriteThread.dev.mjs' : './catalogWriteThread.js', import.meta.url);
}

/** Errors from the write thread keep their name, message and SQLite code. */
function revive(error: { name: string; message: string; code?: string }): Error {
  return Object.assign(new Error(error.message), { name: error.name, ...(error.code ? { code: error.code } : {}) });
}

export class WriteThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly data: WriteThreadData,
    private readonly url: URL = defaultWriteThreadUrl(),
  ) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.url, { workerData: this.data });
    worker.on('message', (reply: WriteReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(revive(reply.error));
    });
    const fail = (error: Error) => {
      // An 'exit' follows an 'error': by then a new thread may have taken this one's place.
      if (this.worker !== worker) return;
      this.worker = null;
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const p of waiting) p.reject(new Error(`The catalog's write thread stopped: ${error.message}`));
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    // An idle write thread does not keep a command from exiting.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private request<T>(request: Request): Promise<T> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // A thread with requests waiting keeps the process alive until it answers.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ ...request, id });
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref();
    });
  }

  /** Starts a run's writes; answers the endpoint's totals before them. */
  begin(run: RunKey): Promise<EndpointTotals> {
    return this.request({ type: 'begin', run });
  }

  batch(runId: number, write: BatchWrite): Promise<BatchWritten> {
    return this.request({ type: 'batch', runId, write });
  }

  end(runId: number, end: RunEnd): Promise<RunEnded> {
    return this.request({ type: 'end', runId, end });
  }

  release(runId: number): Promise<boolean> {
    return this.request({ type: 'release', runId });
  }

  /** Closes the thread's connection and stops it. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    try {
      await this.request({ type: 'close' });
    } finally {
      await worker.terminate();
      this.worker = null;
    }
  }
}
