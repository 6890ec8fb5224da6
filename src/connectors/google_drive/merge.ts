/** Runs several async generators at once and yields their values as they come. */

/**
 * Each source advances only after its previous value was taken, so a slow consumer holds every source back
 * (back-pressure). The first failure stops the others and is rethrown.
 */
export async function* merge<T>(sources: AsyncGenerator<T>[]): AsyncGenerator<T> {
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  const pull = (i: number) => {
    const next = sources[i]!.next().then((r) => ({ i, r }));
    // A source can fail while its value waits for the consumer (busy writing the previous one): the failure is
    // taken up by the next race, but must not count as unhandled meanwhile (that would end the process).
    next.catch(() => undefined);
    pending.set(i, next);
  };
  sources.forEach((_, i) => pull(i));
  try {
    while (pending.size) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pull(i);
      yield r.value;
    }
  } finally {
    // Stopped early or failed: let requests in flight settle, then close every source.
    const inFlight = [...pending.values()];
    await Promise.allSettled(inFlight);
    await Promise.allSettled(sources.map((s) => s.return(undefined)));
  }
}

/** Like Promise.all, but waits for every task, so none keeps sending requests after the run has failed. */
export async function settleAll<T>(tasks: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
