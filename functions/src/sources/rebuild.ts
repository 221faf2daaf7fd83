/**
 * Rebuilds the score projection of every source in the district: street by street through the
 * street index (no Scan), a few sources in flight at once. Time alone changes scores (deadlines
 * pass, old facts leave the look-back window), so this also runs daily.
 */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { inPool } from '../lib/pool';
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

export async function rebuildAllScores(
  lists: SourceLists,
  projector: ScoreProjector,
  district: DistrictConfig,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const started = performance.now();
  let sources = 0;
  let changed = 0;
  for (const street of district.streets) {
    let cursor: string | undefined;
    do {
      const page = await lists.inStreet(district.code, street.code, { cursor, limit: PAGE });
      await inPool(page.items, CONCURRENCY, async (source) => {
        const result = await projector.rescore(source.id, options.onChange);
        sources++;
        if (result?.changed) changed++;
        options.onProgress?.(sources);
      });
      cursor = page.nextCursor;
    } while (cursor);
  }
  return { sources, changed, seconds: (performance.now() - started) / 1000 };
}
