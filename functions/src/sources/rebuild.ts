/**
 * Keeps every stored score in step with time: deadlines pass and old facts leave the look-back
 * window, so this runs daily. New facts are rescored as they come (the stream consumer), and each
 * projection stores when time alone may next change it (`rescoreAt`), so the daily run reads what
 * tells whether a source is due — a few attributes of each, streets in parallel through the street
 * index (no Scan) — and reads and rescores only the sources that are. The same walk writes index
 * keys again after new ones were added (`reindexAllSources`).
 */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { inPool } from '../lib/pool';
import type { SourceRecord } from './records';
import type { SourceRepository } from './repository';
import type { Rescored, ScoreProjector } from './score-projection';
import type { SourceLists } from './source-lists';

/** Sources reindexed at once: each is a transaction. */
const CONCURRENCY = 16;
/** Due sources rescored together (their partitions read at once, their writes packed: `ScoreProjector.rescoreMany`), and groups at once. */
const RESCORE_GROUP = 24;
const GROUPS_AT_ONCE = 2;
/** Streets read at once when only their schedules are read. */
const STREETS_AT_ONCE = 4;
const PAGE = 1000;

export interface RebuildReport {
  /** Sources in the district. */
  sources: number;
  /** Sources that were due and read again. */
  rescored: number;
  /** Sources whose score, level, warnings or tags changed. */
  changed: number;
  seconds: number;
}

export interface RebuildOptions {
  /** Sources settled so far (not due, or rescored). */
  onProgress?: (done: number) => void;
  /** Runs for each source whose projection changed, before the new projection is stored (see `ScoreProjector.rescore`). */
  onChange?: (rescored: Rescored) => Promise<void>;
  /** Rescores every source, due or not (a repair: `npm run scores:rebuild -- --all`). */
  everySource?: boolean;
}

/** Every page of every street of the district, `streetsAtOnce` streets at a time, each street's pages in order. */
async function forEveryPage<T>(
  district: DistrictConfig,
  streetsAtOnce: number,
  readPage: (streetCode: string, cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>,
  onPage: (items: T[]) => Promise<void>,
): Promise<void> {
  await inPool(district.streets, streetsAtOnce, async (street) => {
    let cursor: string | undefined;
    do {
      const page = await readPage(street.code, cursor);
      await onPage(page.items);
      cursor = page.nextCursor;
    } while (cursor);
  });
}

export async function rebuildAllScores(
  lists: SourceLists,
  projector: ScoreProjector,
  district: DistrictConfig,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const started = performance.now();
  const due: string[] = [];
  let sources = 0;
  let settled = 0;
  await forEveryPage(
    district,
    STREETS_AT_ONCE,
    (street, cursor) => lists.schedulesInStreet(district.code, street, { cursor, limit: PAGE }),
    async (schedules) => {
      sources += schedules.length;
      for (const schedule of schedules) {
        if (options.everySource || projector.due(schedule)) due.push(schedule.id);
        else settled++;
      }
      options.onProgress?.(settled);
    },
  );
  let changed = 0;
  const groups = Array.from({ length: Math.ceil(due.length / RESCORE_GROUP) }, (_, i) => due.slice(i * RESCORE_GROUP, (i + 1) * RESCORE_GROUP));
  await inPool(groups, GROUPS_AT_ONCE, async (group) => {
    const rescored = await projector.rescoreMany(group, options.onChange);
    // Counted after the await: `changed += await …` would read `changed` before it, and lose the other group's count.
    changed += rescored.filter((result) => result?.changed).length;
    settled += group.length;
    options.onProgress?.(settled);
  });
  return { sources, rescored: due.length, changed, seconds: (performance.now() - started) / 1000 };
}

/**
 * Writes every source's index keys and memberships again from the stored record, for keys added
 * after it was written (`npm run lists:reindex`). A source edited meanwhile already has them.
 */
export async function reindexAllSources(
  lists: SourceLists,
  repository: SourceRepository,
  district: DistrictConfig,
  onProgress?: (done: number) => void,
): Promise<number> {
  let done = 0;
  await forEveryPage(
    district,
    1,
    (street, cursor) => lists.inStreet(district.code, street, { cursor, limit: PAGE }),
    (page: SourceRecord[]) =>
      inPool(page, CONCURRENCY, async (source) => {
        await repository.reindex(source);
        done++;
        onProgress?.(done);
      }),
  );
  return done;
}
