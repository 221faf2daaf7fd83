/**
 * Rebuilds the score projection of every source in the district: street by street through the
 * street index (no Scan), a few sources in flight at once. Time alone changes scores (deadlines
 * pass, old facts leave the look-back window), so this also runs daily. The same walk writes index
 * keys again after new ones were added (`reindexAllSources`).
 */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { inPool } from '../lib/pool';
import type { SourceRecord } from './records';
import type { SourceRepository } from './repository';
import type { Rescored, ScoreProjector } from './score-projection';
import type { SourceLists } from './source-lists';

const CONCURRENCY = 16;
const PAGE = 200;

export interface RebuildReport {
  sources: number;
  changed: number;
  seconds: number;
}

export interface RebuildOptions {
  onProgress?: (done: number) => void;
  /** Runs for each source whose projection changed, before the new projection is stored (see `ScoreProjector.rescore`). */
  onChange?: (rescored: Rescored) => Promise<void>;
}

/** Runs `work` on every source of the district, street by street through the street index, a few at once. */
async function forEverySource(lists: SourceLists, district: DistrictConfig, work: (source: SourceRecord) => Promise<void>): Promise<void> {
  for (const street of district.streets) {
    let cursor: string | undefined;
    do {
      const page = await lists.inStreet(district.code, street.code, { cursor, limit: PAGE });
      await inPool(page.items, CONCURRENCY, work);
      cursor = page.nextCursor;
    } while (cursor);
  }
}

export async function rebuildAllScores(
  lists: SourceLists,
  projector: ScoreProjector,
  district: DistrictConfig,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const started = performance.now();
  let sources = 0;
  let changed = 0;
  await forEverySource(lists, district, async (source) => {
    const result = await projector.rescore(source.id, options.onChange);
    sources++;
    if (result?.changed) changed++;
    options.onProgress?.(sources);
  });
  return { sources, changed, seconds: (performance.now() - started) / 1000 };
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
