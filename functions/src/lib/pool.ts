/**
 * Runs `work` over `items` with at most `limit` calls in flight (DynamoDB likes a few, not thousands).
 * Items may come from an async iterable (rows read as a file arrives): one is taken only when a call
 * is free for it, so no more than `limit` are ever held. Once a call (or taking an item) fails no new
 * one starts, and the failure is thrown after the calls in flight settle, so nothing keeps writing
 * behind the caller's back.
 */
export async function inPool<T>(items: Iterable<T> | AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const iterator: Iterator<T> | AsyncIterator<T> = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  let exhausted = false;
  const worker = async () => {
    while (!failure && !exhausted) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        failure ??= { error };
        return;
      }
      if (next.done) {
        exhausted = true;
        return;
      }
      try {
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  if (!failure) return;
  // Lets go of what the items hold (an open file, a stream).
  if (!exhausted) await Promise.resolve(iterator.return?.()).catch(() => undefined);
  throw failure.error;
}

/** Cuts `items` into consecutive groups of at most `size` (batch requests, rescoring groups). */
export function inGroups<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}
