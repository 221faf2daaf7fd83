/**
 * Runs `work` over `items` with at most `limit` calls in flight (DynamoDB likes a few, not thousands).
 * Once a call fails no new one starts, and the failure is thrown after the calls in flight settle,
 * so nothing keeps writing behind the caller's back.
 */
export async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (!failure && next < items.length) {
        try {
          await work(items[next++]);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
}
