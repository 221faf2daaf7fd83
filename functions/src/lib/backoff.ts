/**
 * Exponential backoff with jitter, for every retry loop of the background work: the SDK's calls from
 * stream and scheduled functions (`store/client.ts`), the local stream runner and its failure
 * records. Retrying at once spends every attempt inside a short outage; waiting twice as long each
 * time, with half of each wait random so that many retriers spread out, outlasts it.
 */

export interface Backoff {
  /** Retries after the first attempt. */
  retries: number;
  /** The first retry waits about this long (half of it fixed, half random)… */
  firstDelayMs: number;
  /** …each later one twice as long as the one before, up to this. */
  maxDelayMs: number;
}

/** The wait before retry `retry` (1 for the first): half the exponential step fixed, half random ("equal jitter"). */
export function retryDelayMs(backoff: Backoff, retry: number, random: () => number = Math.random): number {
  const step = Math.min(backoff.maxDelayMs, backoff.firstDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The least and the most time all retries of a schedule wait together (what outage it outlasts). */
export function totalWaitMs(backoff: Backoff): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (let retry = 1; retry <= backoff.retries; retry++) {
    min += retryDelayMs(backoff, retry, () => 0);
    max += retryDelayMs(backoff, retry, () => 1);
  }
  return { min, max };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, waiting on the schedule between tries; throws the last error, or at once one `retryable` refuses. */
export async function withRetries<T>(backoff: Backoff, attempt: () => Promise<T>, retryable: (error: unknown) => boolean = () => true): Promise<T> {
  for (let retry = 1; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (retry > backoff.retries || !retryable(error)) throw error;
      await sleep(retryDelayMs(backoff, retry));
    }
  }
}
