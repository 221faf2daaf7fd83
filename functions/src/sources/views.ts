/**
 * What each reader sees of a source. Pure. The public profile carries no personal data at all;
 * operators see their own source; officers also see linked operators with masked phones.
 * No view of the registry ever carries a complainant's identity: linked complaints appear only as
 * tracking numbers.
 */
import type {
  DecisionDueT,
  DecisionSummaryT,
  OfficerSourceViewT,
  OperatorSourceViewT,
  PublicSourceProfileT,
  RectificationViewT,
  SourceSummaryT,
  TimelineEventViewT,
} from '@green-shield/shared/api/source-schemas';
import { creditRules } from '@green-shield/shared/sources/credit-rules';
import { decisionDueAt } from '@green-shield/shared/sources/rectification-state-machine';
import { CURRENT_RECTIFICATION_RULES } from '@green-shield/shared/sources/rectification-rules';
import { missedDeadline, rectificationOverdue } from '@green-shield/shared/sources/scoring';
import { levelBasis } from '@green-shield/shared/sources/level-guidance';
import { CURRENT_CATERING_RULES, purifierMeetsStandard, sizeClassOf } from '@green-shield/shared/sources/kinds';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { findStreet } from '@green-shield/shared/districts/district';
import { rejectionDefaultDays } from './inspections';
import { rectificationFact, type ScoreProjection } from './score-projection';
import type { RectificationRecord, SourceCollection, SourceEventRecord, SourceRecord } from './records';

type PhotoUrls = Map<string, string>;

const photosOf = (keys: readonly string[] | undefined, urls: PhotoUrls) => (keys ?? []).map((key) => ({ key, url: urls.get(key) ?? '' }));

export function toSourceSummary(source: SourceRecord): SourceSummaryT {
  return {
    id: source.id,
    kind: source.kind,
    name: source.name,
    creditCode: source.creditCode,
    address: source.address,
    streetCode: source.streetCode,
    level: source.credit.level,
    levelBasis: levelBasis(source.credit),
    score: source.credit.score,
    tags: source.tags,
    systemTags: source.systemTags,
    warnings: source.warnings,
    openRectifications: source.openRectifications,
    awaitingDecision: source.awaitingDecision ?? 0,
    lastInspectionAt: source.lastInspectionAt,
  };
}

/** A decision due at `at`, and whether that has passed. */
function decisionDue(at: string | undefined, now: Date): DecisionDueT | undefined {
  return at === undefined ? undefined : { at, overdue: Date.parse(at) < now.getTime() };
}

/** A source in the decisions list: its summary and when the most urgent decision is due. */
export function toDecisionSummary(source: SourceRecord, now: Date): DecisionSummaryT {
  return { ...toSourceSummary(source), decisionDue: decisionDue(source.decisionDueAt, now) };
}

/** `rejectionDays`: the days a rejection would give by default, for an order whose evidence awaits a decision. */
export function toRectificationView(rectification: RectificationRecord, now: Date, urls: PhotoUrls, rejectionDays?: number): RectificationViewT {
  const fact = rectificationFact(rectification);
  return {
    id: rectification.id,
    itemId: rectification.itemId,
    itemLabel: rectification.itemLabel,
    basis: rectification.basis,
    inspectionId: rectification.inspectionId,
    openedAt: rectification.openedAt,
    deadline: rectification.deadline,
    status: rectification.status,
    overdue: rectification.status === 'closed' ? missedDeadline(fact, now) !== undefined : rectificationOverdue(fact, now),
    closedAt: rectification.closedAt,
    // Before closures were recorded, accepted evidence was the only way to close an order.
    closedHow: rectification.closure?.how ?? (rectification.closedAt ? 'evidence_accepted' : undefined),
    version: rectification.version,
    evidence: rectification.evidence.map((evidence) => ({
      id: evidence.id,
      at: evidence.at,
      note: evidence.note,
      photos: photosOf(evidence.photoKeys, urls),
      decision: evidence.decision,
      reason: evidence.reason,
      decidedAt: evidence.decidedAt,
    })),
    repeatFailures: rectification.repeatFailures ?? [],
    decisionDue: decisionDue(decisionDueAt(rectification, CURRENT_RECTIFICATION_RULES), now),
    rejectionDays,
  };
}

function restaurantView(source: SourceRecord) {
  if (source.kind !== 'restaurant') return undefined;
  const attributes = source.restaurant ?? {};
  const sizeClass = attributes.burners !== undefined ? sizeClassOf(attributes.burners) : undefined;
  return {
    ...attributes,
    sizeClass,
    requiredEfficiencyPercent: sizeClass ? CURRENT_CATERING_RULES.requiredRemovalEfficiencyPercent[sizeClass] : undefined,
    purifierMeetsStandard: purifierMeetsStandard(attributes),
    catering: { version: CURRENT_CATERING_RULES.version, source: CURRENT_CATERING_RULES.source },
  };
}

/** Open items before closed ones, then the nearest deadline first (ids keep the order stable). */
function orderedRectifications(rectifications: readonly RectificationRecord[]): RectificationRecord[] {
  const rank = (r: RectificationRecord) => (r.status === 'closed' ? 1 : 0);
  return [...rectifications].sort((a, b) => rank(a) - rank(b) || a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
}

/** The operator's view, with the score as computed now from the facts (the stored one may lag). */
export function toOperatorSourceView(collection: SourceCollection, live: ScoreProjection, ecoCode: string, now: Date, urls: PhotoUrls): OperatorSourceViewT {
  const source: SourceRecord = { ...collection.source, ...live };
  return {
    source: {
      ...toSourceSummary(source),
      location: source.location,
      responsiblePerson: source.responsiblePerson,
      restaurant: restaurantView(source),
      ecoCode,
      version: source.version,
    },
    credit: { ...live.credit, rulesSource: creditRules(live.credit.rulesVersion).source },
    rectifications: orderedRectifications(collection.rectifications).map((rectification) =>
      toRectificationView(
        rectification,
        now,
        urls,
        rectification.status === 'submitted' ? rejectionDefaultDays(rectification, source.kind, collection.events, CURRENT_RECTIFICATION_RULES) : undefined,
      ),
    ),
  };
}

export function toOfficerSourceView(collection: SourceCollection, live: ScoreProjection, ecoCode: string, now: Date, urls: PhotoUrls): OfficerSourceViewT {
  return {
    ...toOperatorSourceView(collection, live, ecoCode, now, urls),
    operators: collection.operators.map((operator) => ({ userId: operator.userId, phoneMasked: operator.phoneMasked })),
    createdAt: collection.source.createdAt,
    updatedAt: collection.source.updatedAt,
  };
}

export function toPublicProfile(source: SourceRecord, ecoCode: string, district: DistrictConfig): PublicSourceProfileT {
  return {
    ecoCode,
    sourceId: source.id,
    name: source.name,
    kind: source.kind,
    address: source.address,
    streetCode: source.streetCode,
    streetName: findStreet(district, source.streetCode)?.name ?? source.streetCode,
    location: source.location,
    level: source.credit.level,
    score: source.credit.score,
    rulesVersion: source.credit.rulesVersion,
    lastInspectionAt: source.lastInspectionAt,
    openRectifications: source.openRectifications,
  };
}

export function toTimelineEventView(event: SourceEventRecord, urls: PhotoUrls): TimelineEventViewT {
  return {
    id: event.eventId,
    at: event.at,
    type: event.type,
    actorRole: event.actorRole,
    actorName: event.actorName,
    note: event.note,
    photos: event.photoKeys?.length ? photosOf(event.photoKeys, urls) : undefined,
    inspection: event.inspection && {
      checklistVersion: event.inspection.checklistVersion,
      results: event.inspection.results.map(({ itemId, label, outcome, note, rectificationId }) => ({ itemId, label, outcome, note, rectificationId })),
    },
    rectification: event.rectification,
    complaint: event.complaint,
    penalty: event.penalty,
    permit: event.permit,
    incident: event.incident,
    changed: event.changed,
    jointInspection: event.jointInspection,
  };
}
