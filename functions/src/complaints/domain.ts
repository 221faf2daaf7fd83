/**
 * Pure complaint rules on stored records: building a new complaint and applying a transition.
 * No I/O and no clock: callers pass time and ids, so every rule is unit-tested directly.
 */
import {
  decideTransition,
  feedbackDeadline,
  isUnsatisfiedRating,
  type ActorKind,
  type ComplaintAction,
  type TransitionFields,
} from '@green-shield/shared/complaints/state-machine';
import { closingDeadline, closingDeadlineAfterReopening, dueDates, extendedDeadline } from '@green-shield/shared/complaints/due-dates';
import type { PeriodRules } from '@green-shield/shared/rules/legal-periods';
import { timeLimits, type TimeLimits } from '@green-shield/shared/rules/time-limits';
import { toWgs84, type GeoPoint } from '@green-shield/shared/geo/coordinates';
import type { OccurrencePattern } from '@green-shield/shared/complaints/taxonomy';
import { ApiError } from '../lib/errors';
import type { ComplaintOriginT } from '@green-shield/shared/api/schemas';
import type { ActorRole, ComplaintEventRecord, ComplaintRecord } from './records';

export interface Actor {
  id: string;
  role: ActorRole;
  name?: string;
}

export interface NewComplaint {
  id: string;
  eventId: string;
  trackingNumber: string;
  districtCode: string;
  category: { type: string; subtype: string };
  description: string;
  location: GeoPoint & { address: string };
  streetCode: string;
  occurrence: { pattern: OccurrencePattern; note?: string };
  anonymous: boolean;
  photoKeys: string[];
  complainant: { id: string; phone: string };
  /**
   * Made by an officer from a volunteer's observation: the officer filed it (the first event is
   * theirs, whoever the complainant of record is) and the complaint says where it came from.
   */
  fromObservation?: { officer: { id: string; name?: string }; origin: ComplaintOriginT };
  limits: TimeLimits;
  /** How the district counts days (time zone, rest days). */
  periods: PeriodRules;
  now: Date;
}

export function createComplaint(input: NewComplaint): { record: ComplaintRecord; event: ComplaintEventRecord } {
  const at = input.now.toISOString();
  const wgs = toWgs84(input.location);
  const due = dueDates(at, input.limits, input.periods);
  const record: ComplaintRecord = {
    id: input.id,
    trackingNumber: input.trackingNumber,
    districtCode: input.districtCode,
    status: 'submitted',
    version: 1,
    category: input.category,
    description: input.description,
    location: { lat: wgs.lat, lng: wgs.lng, coordSystem: 'WGS-84', address: input.location.address },
    reportedCoordSystem: input.location.coordSystem,
    streetCode: input.streetCode,
    occurrence: input.occurrence,
    anonymous: input.anonymous,
    photoKeys: input.photoKeys,
    complainantId: input.complainant.id,
    complainantPhone: input.complainant.phone,
    submittedAt: at,
    updatedAt: at,
    acknowledgeBy: due.acknowledgeBy,
    closeBy: due.closeBy,
    timeLimitsVersion: input.limits.version,
    origin: input.fromObservation?.origin,
  };
  const filedBy = input.fromObservation?.officer;
  const event: ComplaintEventRecord = {
    complaintId: input.id,
    eventId: input.eventId,
    at,
    action: 'submit',
    to: 'submitted',
    ...(filedBy ? { actorId: filedBy.id, actorRole: 'officer', actorName: filedBy.name } : { actorId: input.complainant.id, actorRole: 'resident' }),
    photoKeys: input.photoKeys.length ? input.photoKeys : undefined,
    origin: input.fromObservation?.origin.kind,
    complainantId: input.complainant.id,
    trackingNumber: input.trackingNumber,
    districtCode: input.districtCode,
    streetCode: input.streetCode,
  };
  return { record, event };
}

export interface TransitionRequest extends Omit<TransitionFields, 'assigneeId'> {
  action: ComplaintAction;
  actor: Actor;
  eventId: string;
  now: Date;
  feedbackWindowDays: number;
  /** Tracking number of the original, already checked to exist. */
  duplicateOf?: string;
  assignee?: { id: string; name?: string };
  comment?: string;
  photoKeys?: string[];
  /** How the district counts days (time zone, rest days), for the deadlines `accept` and `extend` set. */
  periods: PeriodRules;
}

const ACTOR_KIND: Record<ActorRole, ActorKind> = { resident: 'complainant', officer: 'officer', system: 'system' };

export function applyTransition(record: ComplaintRecord, request: TransitionRequest): { record: ComplaintRecord; event: ComplaintEventRecord } {
  const decision = decideTransition({
    ...request,
    actor: ACTOR_KIND[request.actor.role],
    status: record.status,
    resolvedAt: record.resolvedAt,
    closeBy: record.closeBy,
    assigneeId: request.assignee?.id,
  });
  if (!decision.ok) {
    const { refusal } = decision;
    if (refusal.code === 'MISSING_FIELD') {
      throw new ApiError('VALIDATION_FAILED', refusal.message, [
        { field: `body.${refusal.field === 'assigneeId' ? 'assigneeId' : refusal.field}`, message: 'required for this action' },
      ]);
    }
    throw new ApiError(refusal.code, refusal.message);
  }
  const at = request.now.toISOString();
  const next: ComplaintRecord = { ...record, status: decision.to, version: record.version + 1, updatedAt: at };
  // The complaint keeps the limits it was received under.
  const limits = timeLimits(record.timeLimitsVersion);
  switch (request.action) {
    case 'accept':
      // The closing period runs from acceptance (受理之日); a re-acceptance after reopening does not restart it.
      if (!record.acceptedAt) {
        next.acceptedAt = at;
        next.closeBy = closingDeadline(at, limits, request.periods);
      }
      break;
    case 'assign':
      next.assigneeId = request.assignee!.id;
      next.assigneeName = request.assignee!.name;
      break;
    case 'resolve':
      next.resolvedAt = at;
      next.feedbackBy = feedbackDeadline(at, request.feedbackWindowDays).toISOString();
      break;
    case 'mark_duplicate':
      next.duplicateOf = request.duplicateOf;
      break;
    case 'rate':
      next.rating = { score: request.rating!, ...(request.comment ? { comment: request.comment } : {}) };
      if (isUnsatisfiedRating(request.rating!)) next.unsatisfied = { rating: request.rating!, flaggedAt: at };
      break;
    case 'follow_up':
      if (!awaitsFollowUp(record)) throw new ApiError('ILLEGAL_TRANSITION', 'Only an unsatisfied rating not yet followed up can be followed up');
      next.unsatisfied = { ...record.unsatisfied!, followedUpAt: at, followedUpBy: request.actor.name };
      break;
    case 'reopen':
      if ((record.reopenCount ?? 0) >= limits.maxReopens) {
        throw new ApiError('REOPEN_LIMIT_REACHED', `A complaint can be reopened ${limits.maxReopens} time(s); ask for a review instead`);
      }
      delete next.resolvedAt;
      delete next.feedbackBy;
      next.reopenCount = (record.reopenCount ?? 0) + 1;
      // A new closing period from reopening, so it is not overdue the moment it reopens.
      next.closeBy = closingDeadlineAfterReopening(at, limits, request.periods);
      break;
    case 'extend':
      if (record.extendedByDays) throw new ApiError('ILLEGAL_TRANSITION', 'The closing deadline was already extended once');
      if (request.extensionDays! > limits.maxExtensionDays) {
        throw new ApiError('VALIDATION_FAILED', 'Extension too long', [{ field: 'body.extensionDays', message: `at most ${limits.maxExtensionDays} days` }]);
      }
      next.extendedByDays = request.extensionDays;
      next.closeBy = extendedDeadline(record.closeBy, request.extensionDays!, request.periods);
      break;
  }
  const event: ComplaintEventRecord = {
    complaintId: record.id,
    eventId: request.eventId,
    at,
    action: request.action,
    from: record.status,
    to: decision.to,
    actorId: request.actor.id,
    actorRole: request.actor.role,
    actorName: request.actor.role === 'officer' ? request.actor.name : undefined,
    note: request.note,
    reason: request.reason,
    referral: request.referral,
    duplicateOf: request.duplicateOf,
    rating: request.rating,
    extensionDays: request.extensionDays,
    photoKeys: request.photoKeys?.length ? request.photoKeys : undefined,
    complainantId: record.complainantId,
    trackingNumber: record.trackingNumber,
    districtCode: record.districtCode,
    streetCode: record.streetCode,
    assigneeId: request.assignee?.id,
  };
  if (request.action === 'rate' && request.comment) event.note = request.comment;
  return { record: next, event };
}

/** Whether the complaint's unsatisfied rating still waits for an officer's follow-up. */
export function awaitsFollowUp(record: Pick<ComplaintRecord, 'unsatisfied'>): boolean {
  return record.unsatisfied !== undefined && record.unsatisfied.followedUpAt === undefined;
}

/** The timeline with a newly written event, in the order the partition keeps it (by time, then event id). */
export function withEvent(events: readonly ComplaintEventRecord[], event: ComplaintEventRecord): ComplaintEventRecord[] {
  const sortKey = (e: ComplaintEventRecord) => `${e.at}#${e.eventId}`;
  return [...events, event].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}
