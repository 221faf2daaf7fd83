/**
 * From a source's timeline to its stored score, in reading order: the timeline's facts
 * (`scoringFacts`); the score with its explanation and the early warnings, computed from the facts
 * under the versioned rules (`shared/src/sources/scoring.ts`, rules in
 * `shared/src/rules/credit-scoring.json`); the projection the registry keeps (`projectScore`: score,
 * level, warnings, system tags, counts of open items and of evidence awaiting a decision); and its
 * write (`ScoreProjector`), which the stream consumer runs after each event that can change it and
 * the rebuild job for every source. All but the write is pure.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  computeCreditScore,
  creditWarnings,
  nextScoreChange,
  timelessScore,
  type CreditScore,
  type RectificationFact,
  type ScoringFact,
  type Warning,
} from '@green-shield/shared/sources/scoring';
import { CURRENT_CREDIT_RULES, KEY_SUPERVISION_TAG, type CreditRules } from '@green-shield/shared/sources/credit-rules';
import { decisionDueAt } from '@green-shield/shared/sources/rectification-state-machine';
import { CURRENT_RECTIFICATION_RULES } from '@green-shield/shared/sources/rectification-rules';
import type { TimelineEventType } from '@green-shield/shared/api/source-schemas';
import { canonicalJson } from '../lib/canonical-json';
import type { Clock } from '../lib/clock';
import { keys } from '../store/keys';
import { failedConditionIndex, packTransactions, transact, type TransactItems } from '../store/operations';
import { awaitingDecisionItem, sourceIndexAttributes, tagItems, warningItem } from './items';
import type { RectificationRecord, SourceCollection, SourceEventRecord, SourceRecord } from './records';
import { SourceRepository } from './repository';

/**
 * Timeline events that can change the projection: the score, or (evidence submitted) what awaits
 * an officer's decision; the rest (registration, edits, permits, links) cannot.
 */
export const PROJECTION_EVENTS: ReadonlySet<TimelineEventType> = new Set([
  'inspection',
  'evidence_submitted',
  'evidence_accepted',
  'evidence_rejected',
  'rectification_verified',
  'complaint_linked',
  'penalty',
  'incident',
]);

export function scoringFacts(events: readonly SourceEventRecord[], rectifications: readonly RectificationRecord[]): ScoringFact[] {
  const facts: ScoringFact[] = [];
  for (const event of events) {
    if (event.type === 'inspection' && event.inspection) {
      const failedItems = event.inspection.results
        .filter((result) => result.outcome === 'fail')
        .map((result) => ({ itemId: result.itemId, label: result.label, points: result.points, rectificationId: result.rectificationId }));
      facts.push({ kind: 'inspection', id: event.eventId, at: event.at, failedItems });
    } else if (event.type === 'complaint_linked' && event.complaint) {
      facts.push({
        kind: 'complaint',
        id: event.complaint.id,
        at: event.complaint.receivedAt ?? event.at,
        trackingNumber: event.complaint.trackingNumber,
        substantiated: event.complaint.substantiated,
        countsAs: event.complaint.countsAs,
      });
    } else if (event.type === 'penalty' && event.penalty) {
      facts.push({ kind: 'penalty', id: event.eventId, at: event.at, decisionNumber: event.penalty.decisionNumber });
    } else if (event.type === 'incident' && event.incident) {
      facts.push({ kind: 'incident', id: event.eventId, at: event.at, severity: event.incident.severity });
    }
  }
  for (const rectification of rectifications) facts.push(rectificationFact(rectification));
  return facts;
}

/** An order as scoring reads it: its deadlines, when each piece of evidence arrived and was decided, when it closed. */
export function rectificationFact(rectification: RectificationRecord): RectificationFact {
  return {
    kind: 'rectification',
    id: rectification.id,
    itemLabel: rectification.itemLabel,
    openedAt: rectification.openedAt,
    deadline: rectification.deadline,
    earlierDeadlines: rectification.earlierDeadlines,
    evidence: rectification.evidence.map(({ at, decidedAt }) => ({ at, decidedAt })),
    closedAt: rectification.closedAt,
  };
}

/** A `rescoreAt` for facts time alone never changes: later than any rebuild. */
export const NO_RESCORE = '9999-12-31T23:59:59.999Z';

export interface ScoreProjection {
  credit: CreditScore;
  warnings: Warning[];
  systemTags: string[];
  openRectifications: number;
  /** Orders whose evidence awaits an officer's decision. */
  awaitingDecision: number;
  /** When the most urgent of those decisions is due (`decisionDueAt`); the decisions list is in this order. */
  decisionDueAt?: string;
  lastInspectionAt?: string;
  /** When time alone may first change this projection (`nextScoreChange`); the rebuild rescores only sources due by then. */
  rescoreAt: string;
}

export function projectScore(
  events: readonly SourceEventRecord[],
  rectifications: readonly RectificationRecord[],
  rules: CreditRules,
  asOf: Date,
): ScoreProjection {
  const facts = scoringFacts(events, rectifications);
  const credit = computeCreditScore(facts, rules, asOf);
  const warnings = creditWarnings(facts, rules, asOf, credit);
  const keySupervision = credit.level === 'yellow' || credit.level === 'red' || warnings.length > 0;
  const inspections = events
    .filter((event) => event.type === 'inspection')
    .map((event) => event.at)
    .sort();
  return {
    credit,
    warnings,
    systemTags: keySupervision ? [KEY_SUPERVISION_TAG] : [],
    openRectifications: rectifications.filter((rectification) => rectification.status !== 'closed').length,
    awaitingDecision: rectifications.filter((rectification) => rectification.status === 'submitted').length,
    decisionDueAt: rectifications
      .map((rectification) => decisionDueAt(rectification, CURRENT_RECTIFICATION_RULES))
      .filter((due) => due !== undefined)
      .sort()[0],
    lastInspectionAt: inspections.at(-1),
    rescoreAt: nextScoreChange(facts, rules, asOf) ?? NO_RESCORE,
  };
}

/** Whether a stored projection differs from a fresh one in anything readers see. */
export function projectionChanged(
  stored: Pick<ScoreProjection, 'credit' | 'warnings' | 'systemTags' | 'openRectifications' | 'awaitingDecision' | 'decisionDueAt' | 'lastInspectionAt'>,
  fresh: ScoreProjection,
): boolean {
  const visible = (p: typeof stored) =>
    canonicalJson([
      p.credit.score,
      p.credit.level,
      p.credit.rulesVersion,
      // The clamp line is dated when it was computed: no change readers see.
      timelessScore(p.credit).explanation,
      p.warnings,
      p.systemTags,
      p.openRectifications,
      p.awaitingDecision,
      p.decisionDueAt ?? null,
      p.lastInspectionAt ?? null,
    ]);
  return visible(stored) !== visible(fresh);
}

export interface Rescored {
  collection: SourceCollection;
  before: StoredProjection;
  after: ScoreProjection;
  /** Whether anything readers see changed. */
  changed: boolean;
}

/** As stored: sources scored before `rescoreAt` existed have none (and are due). */
type StoredProjection = Omit<ScoreProjection, 'rescoreAt'> & { rescoreAt?: string };

const storedProjection = (source: SourceRecord): StoredProjection => ({
  credit: source.credit,
  warnings: source.warnings,
  systemTags: source.systemTags,
  openRectifications: source.openRectifications,
  awaitingDecision: source.awaitingDecision ?? 0,
  decisionDueAt: source.decisionDueAt,
  lastInspectionAt: source.lastInspectionAt,
  rescoreAt: source.rescoreAt,
});

/** An edit lands between a rescoring's read and write only in a race of milliseconds. */
const MAX_RESCORE_ATTEMPTS = 3;

/** Keeps each source's stored projection in step with its facts. */
export class ScoreProjector {
  private readonly sources: SourceRepository;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly rules: CreditRules = CURRENT_CREDIT_RULES,
  ) {
    this.sources = new SourceRepository(db, tableName);
  }

  /** The projection as of now (officers and operators see it live; the stored one may lag). */
  live(collection: SourceCollection): ScoreProjection {
    return projectScore(collection.events, collection.rectifications, this.rules, this.clock.now());
  }

  /**
   * Whether a source's stored projection may be out of date by now without any new fact: time has
   * reached its `rescoreAt`, it has none yet, or it was computed under other rules.
   */
  due(source: Pick<SourceRecord, 'rescoreAt'> & { credit: Pick<CreditScore, 'rulesVersion'> }): boolean {
    return source.rescoreAt === undefined || source.rescoreAt <= this.clock.now().toISOString() || source.credit.rulesVersion !== this.rules.version;
  }

  /** What rescoring finds in a collection, and whether it has anything to store. */
  private assess(collection: SourceCollection): { rescored: Rescored; store: boolean } {
    const before = storedProjection(collection.source);
    const after = this.live(collection);
    const rescored = { collection, before, after, changed: projectionChanged(before, after) };
    return { rescored, store: rescored.changed || before.rescoreAt !== after.rescoreAt };
  }

  /**
   * Recomputes a source's projection and stores it if anything readers see changed, or only when it
   * is next due. `beforeWrite` runs on a change readers see before it is stored (telling operators):
   * if it fails, the projection stays as it was, so the retry finds the same change to tell — told
   * first, stored second, nothing lost. The write is conditional on the source's version (its keys
   * hold the kind, street and name it read), so an edit in between makes it read and compute again.
   */
  async rescore(sourceId: string, beforeWrite?: (rescored: Rescored) => Promise<void>): Promise<Rescored | undefined> {
    for (let attempt = 0; attempt < MAX_RESCORE_ATTEMPTS; attempt++) {
      const collection = await this.sources.getCollection(sourceId);
      if (!collection) return undefined;
      const { rescored, store } = this.assess(collection);
      if (!store) return rescored;
      if (rescored.changed) await beforeWrite?.(rescored);
      const cancelled = await transact(this.db, this.writeItems(collection.source, rescored.after));
      if (!cancelled) return rescored;
      if (failedConditionIndex(cancelled) !== 0) throw cancelled;
    }
    throw new Error(`Source ${sourceId} kept changing while it was rescored`);
  }

  /**
   * `rescore` for many sources with few writes: their partitions are read at once and the new
   * projections stored packed into transactions of up to 100 items (the daily job rescores
   * hundreds). A transaction cancelled because a source changed meanwhile is redone source by
   * source with `rescore` (operators may be told twice; notifications are stored once).
   */
  async rescoreMany(sourceIds: readonly string[], beforeWrite?: (rescored: Rescored) => Promise<void>): Promise<Array<Rescored | undefined>> {
    const collections = await Promise.all(sourceIds.map((id) => this.sources.getCollection(id)));
    const results: Array<Rescored | undefined> = [];
    const writes: Array<{ index: number; items: TransactItems }> = [];
    for (const [index, collection] of collections.entries()) {
      if (!collection) {
        results.push(undefined);
        continue;
      }
      const { rescored, store } = this.assess(collection);
      results.push(rescored);
      if (!store) continue;
      if (rescored.changed) await beforeWrite?.(rescored);
      writes.push({ index, items: this.writeItems(collection.source, rescored.after) });
    }
    for (const group of packTransactions(writes)) {
      const cancelled = await transact(
        this.db,
        group.flatMap((write) => write.items),
      );
      if (!cancelled) continue;
      if (failedConditionIndex(cancelled) < 0) throw cancelled;
      for (const { index } of group) results[index] = await this.rescore(sourceIds[index], beforeWrite);
    }
    return results;
  }

  /**
   * The writes of a fresh projection: the source's projected attributes (on condition that it was
   * not edited since it was read; independent of officers' edits otherwise, see
   * `SourceRepository.update`), and its moves between level, tag and warning lists.
   */
  private writeItems(source: SourceRecord, projection: ScoreProjection): TransactItems {
    const rescored = { ...source, ...projection };
    const oldTags = new Set(source.systemTags.filter((tag) => !source.tags.includes(tag)));
    const newTags = new Set(projection.systemTags.filter((tag) => !source.tags.includes(tag)));
    // Tag memberships hold the level too: a new level moves every one of them.
    const levelMoved = source.credit.level !== projection.credit.level;
    const index = sourceIndexAttributes(rescored);
    const items: TransactItems = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.source(source.id),
          UpdateExpression:
            'SET credit = :credit, warnings = :warnings, systemTags = :systemTags, openRectifications = :open, awaitingDecision = :awaiting, rescoreAt = :rescoreAt, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk' +
            (projection.lastInspectionAt ? ', lastInspectionAt = :last' : '') +
            (projection.decisionDueAt ? ', decisionDueAt = :due' : ' REMOVE decisionDueAt'),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: {
            ':version': source.version,
            ':credit': projection.credit,
            ':warnings': projection.warnings,
            ':systemTags': projection.systemTags,
            ':open': projection.openRectifications,
            ':awaiting': projection.awaitingDecision,
            ':rescoreAt': projection.rescoreAt,
            ':gsi2pk': index.gsi2pk,
            ':gsi2sk': index.gsi2sk,
            ...(projection.lastInspectionAt ? { ':last': projection.lastInspectionAt } : {}),
            ...(projection.decisionDueAt ? { ':due': projection.decisionDueAt } : {}),
          },
        },
      },
      ...[...oldTags].filter((tag) => !newTags.has(tag)).map((tag) => ({ Delete: { TableName: this.tableName, Key: keys.sourceTag(source.id, tag) } })),
      ...tagItems(rescored, levelMoved ? [...new Set([...source.tags, ...newTags])] : [...newTags].filter((tag) => !oldTags.has(tag))).map((Item) => ({
        Put: { TableName: this.tableName, Item },
      })),
    ];
    if (projection.warnings.length > 0) items.push({ Put: { TableName: this.tableName, Item: warningItem(source, projection.warnings) } });
    else if (source.warnings.length > 0) items.push({ Delete: { TableName: this.tableName, Key: keys.sourceWarning(source.id) } });
    if (projection.awaitingDecision > 0) items.push({ Put: { TableName: this.tableName, Item: awaitingDecisionItem(rescored) } });
    else if (source.awaitingDecision) items.push({ Delete: { TableName: this.tableName, Key: keys.sourceAwaitingDecision(source.id) } });
    return items;
  }
}
