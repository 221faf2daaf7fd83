/**
 * Rebuilds the score projection of every source in the district: street by street through the
 * street index (no Scan), a page at a time, a few sources of a page in flight at once. Time alone
 * changes scores (deadlines pass, old facts leave the look-back window), so the scheduled job runs
 * this too, in chunks that fit its time limit (rebuild-run.ts: the same page work, its progress
 * saved after each page). The same walk writes index keys again after new ones were added
 * (`reindexAllSources`).
 */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { inPool } from '../lib/pool';
import type { SourceRecord } from './records';
import type { SourceRepository } from './repository';
import type { Rescored, ScoreProjector } from './score-projection';
import type { SourceLists } from './source-lists';
import { walkStreets } from './street-walk';

const CONCURRENCY = 16;
/** Sources per page: the unit a chunked run saves its progress after. */
export const REBUILD_PAGE = 200;

export interface RebuildReport {
  sources: number;
  changed: number;
  seconds: number;
}

export interface RebuildOptions {
  /** Sources rescored so far, after each page. */
  onProgress?: (done: number) => void;
  /** Runs for each source whose projection changed, before the new projection is stored (see `ScoreProjector.rescore`). */
  onChange?: (rescored: Rescored) => Promise<void>;
}

/** What rescoring one page of a street did. */
export interface PageReport {
  sources: number;
  changed: number;
}

/** Runs `work` on every source of the district, street by street through the street index, a few at once. */
async function forEverySource(lists: SourceLists, district: DistrictConfig, work: (source: SourceRecord) => Promise<void>): Promise<void> {
  for (const street of district.streets) {
    let cursor: string | undefined;
    do {
      const page = await lists.inStreet(district.code, street.code, { cursor, limit: REBUILD_PAGE });
      await inPool(page.items, CONCURRENCY, work);
      cursor = page.nextCursor;
    } while (cursor);
  }
}

/** The rebuild's work on one page of a street's sources (from `cursor`): each rescored, a few at once. */
export async function rescoreStreetPage(
  lists: SourceLists,
  projector: ScoreProjector,
  district: DistrictConfig,
  page: { streetCode: string; cursor: string | undefined; size?: number },
  onChange?: RebuildOptions['onChange'],
): Promise<{ nextCursor?: string; result: PageReport }> {
  const sources = await lists.inStreet(district.code, page.streetCode, { cursor: page.cursor, limit: page.size ?? REBUILD_PAGE });
  let changed = 0;
  await inPool(sources.items, CONCURRENCY, async (source) => {
    if ((await projector.rescore(source.id, onChange))?.changed) changed++;
  });
  return { nextCursor: sources.nextCursor, result: { sources: sources.items.length, changed } };
}

/** Rebuilds every score in one go (the CLI, the benchmark); the scheduled job does the same in chunks (rebuild-run.ts). */
export async function rebuildAllScores(
  lists: SourceLists,
  projector: ScoreProjector,
  district: DistrictConfig,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const started = performance.now();
  const total: PageReport = { sources: 0, changed: 0 };
  await walkStreets(
    district.streets.map((street) => street.code),
    {},
    {
      page: (streetCode, cursor) => rescoreStreetPage(lists, projector, district, { streetCode, cursor }, options.onChange),
      afterPage: async (_street, _progress, page) => {
        total.sources += page.sources;
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
  await forEverySource(lists, district, async (source) => {
    await repository.reindex(source);
    done++;
    onProgress?.(done);
  });
  return done;
}
