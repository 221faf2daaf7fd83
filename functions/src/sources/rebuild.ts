/**
 * Keeps every stored score in step with time: deadlines pass and old facts leave the look-back
 * window. New facts are rescored as they come (the stream consumer), and each projection stores when
 * time alone may next change it (`rescoreAt`), so a rebuild reads, street by street through the street
 * index (no Scan), only what tells whether a source is due, and reads and rescores only the sources
 * that are. The scheduled job does this in chunks that fit its time limit (rebuild-run.ts: the same
 * page work, its progress saved after each page). The same walk writes index keys again after new
 * ones were added (`reindexAllSources`).
 */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { inGroups, inPool } from '../lib/pool';
import type { SourceRepository } from './repository';
import type { Rescored, ScoreProjector } from './score-projection';
import type { SourceLists } from './source-lists';
import { walkStreets } from './street-walk';

/** Sources reindexed at once: each is a transaction. */
const CONCURRENCY = 16;
/** Sources per page (only their schedules are read): the unit a chunked run saves its progress after. */
export const REBUILD_PAGE = 1000;
/** Due sources rescored together (their partitions read at once, their writes packed: `ScoreProjector.rescoreMany`), and groups at once. */
const RESCORE_GROUP = 24;
const GROUPS_AT_ONCE = 2;
/** Streets walked at once by a rebuild in one go. */
const STREETS_AT_ONCE = 4;

export interface RebuildReport extends PageReport {
  seconds: number;
}

export interface RebuildOptions {
  /** Sources settled so far (not due, or rescored), after each page. */
  onProgress?: (done: number) => void;
  /** Runs for each source whose projection changed, before the new projection is stored (see `ScoreProjector.rescore`). */
  onChange?: (rescored: Rescored) => Promise<void>;
  /** Rescores every source, due or not (a repair: `npm run scores:rebuild -- --all`). */
  everySource?: boolean;
}

/** What a page (or a whole rebuild) did. */
export interface PageReport {
  /** Sources read (their schedules). */
  sources: number;
  /** Sources that were due and rescored. */
  rescored: number;
  /** Sources whose score, level, warnings or tags changed. */
  changed: number;
}

/** The rebuild's work on one page of a street's sources (from `cursor`): the due ones rescored in groups. */
export async function rescoreStreetPage(
  lists: SourceLists,
  projector: ScoreProjector,
  district: DistrictConfig,
  page: { streetCode: string; cursor: string | undefined; size?: number; everySource?: boolean },
  onChange?: RebuildOptions['onChange'],
): Promise<{ nextCursor?: string; result: PageReport }> {
  const schedules = await lists.schedulesInStreet(district.code, page.streetCode, { cursor: page.cursor, limit: page.size ?? REBUILD_PAGE });
  const due = schedules.items.filter((schedule) => page.everySource || projector.due(schedule)).map((schedule) => schedule.id);
  let changed = 0;
  await inPool(inGroups(due, RESCORE_GROUP), GROUPS_AT_ONCE, async (group) => {
    const rescored = await projector.rescoreMany(group, onChange);
    // Counted after the await: `changed += await …` would read `changed` before it, and lose the other group's count.
    changed += rescored.filter((result) => result?.changed).length;
  });
  return { nextCursor: schedules.nextCursor, result: { sources: schedules.items.length, rescored: due.length, changed } };
}

/** Rebuilds the due scores in one go (the CLI, the benchmark); the scheduled job does the same in chunks (rebuild-run.ts). */
export async function rebuildAllScores(
  lists: SourceLists,
  projector: ScoreProjector,
  district: DistrictConfig,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const started = performance.now();
  const total: PageReport = { sources: 0, rescored: 0, changed: 0 };
  await walkStreets(
    district.streets.map((street) => street.code),
    {},
    {
      streetsAtOnce: STREETS_AT_ONCE,
      page: (streetCode, cursor) => rescoreStreetPage(lists, projector, district, { streetCode, cursor, everySource: options.everySource }, options.onChange),
      afterPage: async (_street, _progress, page) => {
        total.sources += page.sources;
        total.rescored += page.rescored;
        total.changed += page.changed;
        options.onProgress?.(total.sources);
      },
    },
  );
  return { ...total, seconds: (performance.now() - started) / 1000 };
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
  await walkStreets(
    district.streets.map((street) => street.code),
    {},
    {
      page: async (streetCode, cursor) => {
        const page = await lists.inStreet(district.code, streetCode, { cursor, limit: REBUILD_PAGE });
        await inPool(page.items, CONCURRENCY, async (source) => {
          await repository.reindex(source);
          done++;
          onProgress?.(done);
        });
        return { nextCursor: page.nextCursor, result: undefined };
      },
    },
  );
  return done;
}
