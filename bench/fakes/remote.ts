/** The benchmark's side of a fake service running in its own process (see host.ts). */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command, FakeCounts, FakeReady, FakeSpec, Reply, Request } from './protocol.js';

const HOST = fileURLToPath(new URL('./host.ts', import.meta.url));

/** A fake service in a child process. */
export class RemoteFake {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: FakeReady,
  ) {}

  /** Forks the host (with this process's loader flags, so TypeScript runs) and starts the fake in it. */
  static async start(spec: FakeSpec): Promise<RemoteFake> {
    const child = fork(HOST, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const remote = new RemoteFake(child, undefined as unknown as FakeReady);
    child.on('message', (reply: Reply) => {
      const waiter = remote.pending.get(reply.id);
      remote.pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(`Fake ${spec.service}: ${reply.error}`));
      else waiter?.resolve(reply.result);
    });
    child.on('exit', (code) => {
      for (const w of remote.pending.values()) w.reject(new Error(`The fake ${spec.service} exited (${code}).`));
      remote.pending.clear();
    });
    const ready = (await remote.send({ op: 'start', spec })) as FakeReady;
    (remote as { ready: FakeReady }).ready = ready;
    return remote;
  }

  get url(): string {
    return this.ready.url;
  }

  private send(command: Command): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, command } satisfies Request);
    });
  }

  counts(): Promise<FakeCounts> {
    return this.send({ op: 'counts' }) as Promise<FakeCounts>;
  }

  /** Zeroes the counters and the request log. */
  async reset(): Promise<void> {
    await this.send({ op: 'reset' });
  }

  /** Drive: applies `count` changes; returns the changes per drive feed. */
  change(count: number): Promise<Record<string, number>> {
    return this.send({ op: 'change', count }) as Promise<Record<string, number>>;
  }

  /** A digest of what a complete catalog of the fake holds (sorted `id\tpath` lines, sha256). */
  digest(): Promise<string> {
    return this.send({ op: 'digest' }) as Promise<string>;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.send({ op: 'stop' }).catch(() => undefined);
    await exited;
  }
}
