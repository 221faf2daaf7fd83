/**
 * A walk over every street of a district, page by page, from where an earlier walk left off: how the
 * score rebuild reads the district (rebuild.ts) and how its chunked runs (rebuild-run.ts) save each
 * street's cursor after every page and stop between pages when their time runs short.
 */
import { inPool } from '../lib/pool';

/** Where one street's walk stands: the cursor of its next page, or done. Absent: not begun. */
export interface StreetProgress {
  cursor?: string;
  done?: boolean;
}

export interface StreetWalk<R> {
  /** Works one page of a street, from `cursor` (undefined: its first page). */
  page: (streetCode: string, cursor: string | undefined) => Promise<{ nextCursor?: string; result: R }>;
  /** After each page, awaited before that street's next one: where the street now stands and what the page did. */
  afterPage?: (streetCode: string, progress: StreetProgress, result: R) => Promise<void>;
  /** Asked before each page; once true, the walk starts no further page (what is left waits for a later walk). */
  stop?: () => boolean;
  /** Streets walked at once (default one). */
  streetsAtOnce?: number;
}

/** Walks the pages the streets have left; true when every street is done, false when `stop` ended the walk first. */
export async function walkStreets<R>(streetCodes: readonly string[], from: Readonly<Record<string, StreetProgress>>, walk: StreetWalk<R>): Promise<boolean> {
  let stopped = false;
  const left = streetCodes.filter((code) => !from[code]?.done);
  await inPool(left, walk.streetsAtOnce ?? 1, async (street) => {
    let cursor = from[street]?.cursor;
    do {
      stopped ||= walk.stop?.() ?? false;
      if (stopped) return;
      const page = await walk.page(street, cursor);
      cursor = page.nextCursor;
      await walk.afterPage?.(street, cursor ? { cursor } : { done: true }, page.result);
    } while (cursor);
  });
  return !stopped;
}
