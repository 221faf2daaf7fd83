/**
 * Keeps each source's stored score projection (score, level, warnings, system tags) in step with
 * its facts. The stream consumer calls it per changed source; the rebuild job for every source.
 */
import { CURRENT_CREDIT_RULES, type CreditRules } from '@green-shield/shared/sources/credit-rules';
import type { Clock } from '../lib/clock';
import { projectionChanged, projectScore, type ScoreProjection } from './facts';
import type { SourceCollection } from './records';
import type { SourceRepository } from './repository';

export interface Rescored {
  collection: SourceCollection;
  before: ScoreProjection;
  after: ScoreProjection;
  changed: boolean;
}

export class ScoreProjector {
  constructor(
    private readonly repo: SourceRepository,
    private readonly clock: Clock,
    private readonly rules: CreditRules = CURRENT_CREDIT_RULES,
  ) {}

  live(collection: SourceCollection): ScoreProjection {
    return projectScore(collection.events, collection.rectifications, this.rules, this.clock.now());
  }

  async rescore(sourceId: string): Promise<Rescored | undefined> {
    const collection = await this.repo.getCollection(sourceId);
    if (!collection) return undefined;
    const { source } = collection;
    const before: ScoreProjection = {
      credit: source.credit,
      warnings: source.warnings,
      systemTags: source.systemTags,
      openRectifications: source.openRectifications,
      lastInspectionAt: source.lastInspectionAt,
    };
    const after = this.live(collection);
    const changed = projectionChanged(before, after);
    if (changed) await this.repo.writeProjection(source, after);
    return { collection, before, after, changed };
  }
}
