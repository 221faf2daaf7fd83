/**
 * Pure rules of joint inspection requests on stored records: who is which party, raising a request,
 * and what each step changes (status, due dates, schedule, visits, result, send-backs). No I/O and no
 * clock: callers pass time and ids, so every rule is unit-tested directly.
 */
import { decideJointStep, type JointInspectionAction, type JointInspectionParty } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import {
  acknowledgementDue,
  dueOnAcceptance,
  jointInspectionLimits,
  reworkDue,
  type JointInspectionTimeLimits,
  type JointInspectionUrgency,
} from '@green-shield/shared/cogov/joint-inspection-due-dates';
import { calendarDate, type PeriodRules } from '@green-shield/shared/rules/legal-periods';
import { ApiError } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import type { JointInspectionEventRecord, JointInspectionRecord, JointResultRecord, JointVisitRecord, StoredArea } from './records';

/** The party a principal acts as on a request: the bureau, the requesting street's officers, or neither. */
export function partyOf(principal: Principal, request: Pick<JointInspectionRecord, 'streetCode'>): JointInspectionParty | undefined {
  if (principal.roles.includes('bureau_officer')) return 'bureau';
  if (principal.roles.includes('street_officer') && principal.streetCode === request.streetCode) return 'street';
  return undefined;
}

export interface Actor {
  id: string;
  name?: string;
}

export interface NewJointInspection {
  id: string;
  eventId: string;
  reference: string;
  districtCode: string;
  streetCode: string;
  urgency: JointInspectionUrgency;
  reason: string;
  sources: JointInspectionRecord['sources'];
  area?: StoredArea;
  photoKeys: string[];
  complaints: JointInspectionRecord['complaints'];
  observationIds: string[];
  limits: JointInspectionTimeLimits;
  periods: PeriodRules;
  raisedBy: Actor;
  now: Date;
}

export function raiseJointInspection(input: NewJointInspection): { record: JointInspectionRecord; event: JointInspectionEventRecord } {
  const at = input.now.toISOString();
  const record: JointInspectionRecord = {
    id: input.id,
    reference: input.reference,
    districtCode: input.districtCode,
    streetCode: input.streetCode,
    status: 'submitted',
    version: 1,
    urgency: input.urgency,
    reason: input.reason,
    raisedById: input.raisedBy.id,
    raisedByName: input.raisedBy.name,
    raisedAt: at,
    updatedAt: at,
    sources: input.sources,
    area: input.area,
    photoKeys: input.photoKeys,
    complaints: input.complaints,
    observationIds: input.observationIds,
    timeLimitsVersion: input.limits.version,
    due: { acknowledgeBy: acknowledgementDue(at, { limits: input.limits.urgencies[input.urgency], periods: input.periods }) },
    inspections: [],
    sendBacks: 0,
  };
  const event: JointInspectionEventRecord = {
    ...eventBase(record, input.eventId, at, { party: 'street', actor: input.raisedBy }),
    action: 'raise',
    to: 'submitted',
    reason: input.reason,
    photoKeys: input.photoKeys.length ? input.photoKeys : undefined,
  };
  return { record, event };
}

/** A step as the service hands it over: checked input (photos attached, visits and results built). */
export type JointStep =
  | { action: 'request_info'; question: string }
  | { action: 'provide_info'; note: string; photoKeys: string[] }
  | { action: 'accept'; note?: string }
  | { action: 'decline'; reason: string }
  | { action: 'schedule'; schedule: NonNullable<JointInspectionRecord['schedule']> }
  | { action: 'record_inspection'; visit: JointVisitRecord; source?: JointInspectionRecord['sources'][number] }
  | { action: 'record_result'; result: JointResultRecord }
  | { action: 'confirm'; note?: string }
  | { action: 'send_back'; reason: string }
  | { action: 'withdraw'; reason: string }
  | { action: 'comment'; note: string; photoKeys: string[] };

export interface StepContext {
  party: JointInspectionParty;
  actor: Actor;
  eventId: string;
  now: Date;
  periods: PeriodRules;
}

function eventBase(record: JointInspectionRecord, eventId: string, at: string, context: Pick<StepContext, 'party' | 'actor'>) {
  return {
    requestId: record.id,
    eventId,
    at,
    party: context.party,
    actorId: context.actor.id,
    actorName: context.actor.name,
    districtCode: record.districtCode,
    streetCode: record.streetCode,
    reference: record.reference,
  };
}

/** Why a step is refused, as the API answers it. */
export function refuseUnlessAllowed(record: JointInspectionRecord, action: JointInspectionAction, party: JointInspectionParty): void {
  const decided = decideJointStep(record.status, action, party, record.sendBacks);
  if (!decided.ok) throw new ApiError(decided.refusal.code, decided.refusal.message);
}

/**
 * The request after one step, and the step's event. A comment changes nothing but the timeline (it
 * keeps the version, so it never conflicts with the other party's steps); every other step adds one
 * to the version.
 */
export function applyJointStep(
  record: JointInspectionRecord,
  step: JointStep,
  context: StepContext,
): { record: JointInspectionRecord; event: JointInspectionEventRecord } {
  const decided = decideJointStep(record.status, step.action, context.party, record.sendBacks);
  if (!decided.ok) throw new ApiError(decided.refusal.code, decided.refusal.message);
  const at = context.now.toISOString();
  const event: JointInspectionEventRecord = { ...eventBase(record, context.eventId, at, context), action: step.action, from: record.status, to: decided.to };
  if (step.action === 'comment') return { record, event: { ...event, note: step.note, photoKeys: step.photoKeys.length ? step.photoKeys : undefined } };

  const next: JointInspectionRecord = { ...record, status: decided.to, version: record.version + 1, updatedAt: at };
  const limits = { limits: jointInspectionLimits(record.timeLimitsVersion).urgencies[record.urgency], periods: context.periods };
  switch (step.action) {
    case 'request_info':
      return { record: next, event: { ...event, note: step.question } };
    case 'provide_info':
      // The bureau owes an answer again, counted from the street's.
      next.due = { ...record.due, acknowledgeBy: acknowledgementDue(at, limits) };
      return { record: next, event: { ...event, note: step.note, photoKeys: step.photoKeys.length ? step.photoKeys : undefined } };
    case 'accept':
      next.acceptedAt = at;
      next.due = { ...record.due, ...dueOnAcceptance(at, limits) };
      return { record: next, event: { ...event, note: step.note } };
    case 'decline':
    case 'withdraw':
      next.closedAt = at;
      return { record: next, event: { ...event, reason: step.reason } };
    case 'schedule': {
      if (step.schedule.date < calendarDate(at, context.periods.timeZone)) {
        throw new ApiError('VALIDATION_FAILED', 'The inspection cannot be scheduled in the past', [
          { field: 'body.schedule.date', message: '检查日期不能早于今天' },
        ]);
      }
      next.schedule = step.schedule;
      const { date, time, people } = step.schedule;
      return { record: next, event: { ...event, schedule: { date, time, people }, note: step.schedule.note } };
    }
    case 'record_inspection': {
      if (step.source && !record.sources.some((source) => source.id === step.source?.id)) next.sources = [...record.sources, step.source];
      next.inspections = [...record.inspections, step.visit];
      const { sourceId, sourceName, inspectionId, failedItems } = step.visit;
      return { record: next, event: { ...event, visit: { sourceId, sourceName, inspectionId, failedItems: failedItems.length } } };
    }
    case 'record_result': {
      const uninspected = record.sources.filter((source) => !record.inspections.some((visit) => visit.sourceId === source.id));
      if (uninspected.length) {
        throw new ApiError(
          'INSPECTIONS_MISSING',
          `Inspect every source of the request before recording its result (not yet: ${uninspected.map((s) => s.name).join(', ')})`,
        );
      }
      next.result = step.result;
      return { record: next, event: { ...event, resultSummary: step.result.summary } };
    }
    case 'send_back': {
      const result = record.result as JointResultRecord;
      next.earlierResults = [...(record.earlierResults ?? []), { ...result, sentBackAt: at, sentBackReason: step.reason }];
      next.result = undefined;
      next.sendBacks = record.sendBacks + 1;
      next.due = { ...record.due, reworkBy: reworkDue(at, limits) };
      return { record: next, event: { ...event, reason: step.reason } };
    }
    case 'confirm':
      next.closedAt = at;
      return { record: next, event: { ...event, note: step.note } };
  }
}

/** The follow-up a result lists: every rectification order the request's inspections opened or noted. */
export function rectificationFollowUp(record: Pick<JointInspectionRecord, 'inspections'>): JointResultRecord['followUp']['rectifications'] {
  const seen = new Set<string>();
  return record.inspections.flatMap((visit) =>
    visit.rectifications.flatMap((order) => {
      if (seen.has(order.id)) return [];
      seen.add(order.id);
      return [{ sourceId: visit.sourceId, sourceName: visit.sourceName, ...order }];
    }),
  );
}

/** The timeline with newly written events, in the order the partition keeps it (by time, then id). */
export function withEvents(events: readonly JointInspectionEventRecord[], added: readonly JointInspectionEventRecord[]): JointInspectionEventRecord[] {
  const sortKey = (e: JointInspectionEventRecord) => `${e.at}#${e.eventId}`;
  return [...events, ...added].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}
