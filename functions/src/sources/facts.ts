/**
 * Turns a source's timeline and rectification orders into the facts its credit score is computed
 * from, and computes the score projection (score, level, warnings, system tags). Pure.
 */
import { computeCreditScore, creditWarnings, type CreditScore, type ScoringFact, type Warning } from '@green-shield/shared/sources/scoring';
import { KEY_SUPERVISION_TAG, type CreditRules } from '@green-shield/shared/sources/credit-rules';
import type { TimelineEventType } from '@green-shield/shared/api/source-schemas';
import type { RectificationRecord, SourceEventRecord } from './records';
import { canonicalJson } from '../lib/canonical-json';

/** Timeline events that can change a score; the rest (registration, edits, permits, links) cannot. */
export const SCORE_AFFECTING_EVENTS: ReadonlySet<TimelineEventType> = new Set([
  'inspection',
  'evidence_accepted',
  'evidence_rejected',
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
        at: event.at,
        trackingNumber: event.complaint.trackingNumber,
        substantiated: event.complaint.substantiated,
      });
    } else if (event.type === 'penalty' && event.penalty) {
      facts.push({ kind: 'penalty', id: event.eventId, at: event.at, decisionNumber: event.penalty.decisionNumber });
    } else if (event.type === 'incident' && event.incident) {
      facts.push({ kind: 'incident', id: event.eventId, at: event.at, severity: event.incident.severity });
    }
  }
  for (const rectification of rectifications) {
    facts.push({
      kind: 'rectification',
      id: rectification.id,
      itemLabel: rectification.itemLabel,
      openedAt: rectification.openedAt,
      deadline: rectification.deadline,
      closedAt: rectification.closedAt,
    });
  }
  return facts;
}

export interface ScoreProjection {
  credit: CreditScore;
  warnings: Warning[];
  systemTags: string[];
  openRectifications: number;
  lastInspectionAt?: string;
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
    lastInspectionAt: inspections.at(-1),
  };
}

/** Whether a stored projection differs from a fresh one in anything readers see. */
export function projectionChanged(
  stored: Pick<ScoreProjection, 'credit' | 'warnings' | 'systemTags' | 'openRectifications' | 'lastInspectionAt'>,
  fresh: ScoreProjection,
): boolean {
  const visible = (p: typeof stored) =>
    canonicalJson([
      p.credit.score,
      p.credit.level,
      p.credit.rulesVersion,
      p.credit.explanation,
      p.warnings,
      p.systemTags,
      p.openRectifications,
      p.lastInspectionAt ?? null,
    ]);
  return visible(stored) !== visible(fresh);
}
