/**
 * Shapes co-governance records for their viewers. Joint inspection requests are seen only by the
 * two parties (the requesting street's officers and the bureau); each sees the steps its own party
 * may take. Linked complaints appear by tracking number only, never with who complained.
 */
import type { JointInspectionEventViewT, JointInspectionViewT } from '@green-shield/shared/api/cogov-schemas';
import { availableJointSteps, type JointInspectionParty } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import { jointInspectionLimits, jointOverdue, nextJointDeadline } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import type { JointInspectionEventRecord, JointInspectionRecord, JointResultRecord } from './records';

export type PhotoUrls = ReadonlyMap<string, string>;

export const photosOf = (keys: readonly string[] | undefined, urls: PhotoUrls) =>
  (keys ?? []).filter((key) => urls.has(key)).map((key) => ({ key, url: urls.get(key) as string }));

function resultView(result: JointResultRecord) {
  const { summary, recordedAt, recordedByName, followUp } = result;
  return { summary, recordedAt, recordedByName, followUp };
}

export function toJointInspectionView(record: JointInspectionRecord, party: JointInspectionParty, now: Date, urls: PhotoUrls): JointInspectionViewT {
  const limits = jointInspectionLimits(record.timeLimitsVersion);
  return {
    id: record.id,
    reference: record.reference,
    status: record.status,
    version: record.version,
    streetCode: record.streetCode,
    urgency: record.urgency,
    reason: record.reason,
    raisedByName: record.raisedByName,
    raisedAt: record.raisedAt,
    updatedAt: record.updatedAt,
    sources: record.sources.map((source) => ({ ...source, inspected: record.inspections.some((visit) => visit.sourceId === source.id) })),
    area: record.area,
    photos: photosOf(record.photoKeys, urls),
    complaints: record.complaints,
    observationIds: record.observationIds,
    timeLimits: { version: limits.version, title: limits.title, source: limits.source },
    due: record.due,
    overdue: jointOverdue(record.status, record.due, now),
    nextDeadline: nextJointDeadline(record.status, record.due),
    schedule: record.schedule,
    inspections: record.inspections.map(({ byId, ...visit }) => visit),
    result: record.result && resultView(record.result),
    earlierResults: (record.earlierResults ?? []).map((earlier) => ({
      ...resultView(earlier),
      sentBackAt: earlier.sentBackAt,
      sentBackReason: earlier.sentBackReason,
    })),
    sendBacks: record.sendBacks,
    closedAt: record.closedAt,
    availableActions: availableJointSteps(record.status, party, record.sendBacks),
  };
}

export function toJointEventView(event: JointInspectionEventRecord, urls: PhotoUrls): JointInspectionEventViewT {
  const photos = photosOf(event.photoKeys, urls);
  return {
    id: event.eventId,
    at: event.at,
    action: event.action,
    from: event.from,
    to: event.to,
    party: event.party,
    actorName: event.actorName,
    note: event.note,
    reason: event.reason,
    schedule: event.schedule,
    visit: event.visit,
    resultSummary: event.resultSummary,
    photos: photos.length ? photos : undefined,
  };
}
