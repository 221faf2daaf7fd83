/**
 * Shapes community records for their viewers. Volunteers see no phone number anywhere (what
 * officers wrote is masked on the way out, `maskPhonesIn`) and no complainant: a complaint appears
 * to them by tracking number, category, place and status only. Officers see volunteers by name.
 */
import type { z } from 'zod/mini';
import type {
  ObservationView,
  PatrolTaskView,
  ReviewView,
  VolunteerComplaintView,
  VolunteerSourceView,
  VolunteerView,
} from '@green-shield/shared/api/cogov-schemas';
import { availableVolunteerDecisions } from '@green-shield/shared/cogov/volunteers';
import { CURRENT_STREET_GUIDE, streetGuide } from '@green-shield/shared/cogov/street-guide';
import type { ComplaintStatus } from '@green-shield/shared/complaints/state-machine';
import type { JointInspectionStatus } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import { maskPhonesIn } from '@green-shield/shared/privacy/mask';
import type { ComplaintFacts, SourceForVolunteers } from './ports';
import type { ObservationRecord, PatrolTaskRecord, ReviewRecord, TaskClaimRecord, VolunteerRecord } from './records';
import { photosOf, type PhotoUrls } from './views';

/** Who is looking: the volunteer it concerns, or an officer of the street. */
export type CommunityViewer = 'volunteer' | 'officer';

const masked = (text: string | undefined, viewer: CommunityViewer) => (text !== undefined && viewer === 'volunteer' ? maskPhonesIn(text) : text);

export function toVolunteerView(record: VolunteerRecord, viewer: CommunityViewer): z.output<typeof VolunteerView> {
  return {
    userId: record.userId,
    streetCode: record.streetCode,
    name: record.name,
    neighbourhood: record.neighbourhood,
    availability: record.availability,
    status: record.status,
    version: record.version,
    appliedAt: record.appliedAt,
    decidedAt: record.decidedAt,
    decidedByName: record.decidedByName,
    reason: masked(record.reason, viewer),
    availableDecisions: viewer === 'officer' ? availableVolunteerDecisions(record.status) : [],
  };
}

function claimView(claim: TaskClaimRecord) {
  const { claimedAt, checkedInAt, checkInLocation, checkInDistanceMetres, checkedOutAt, hours } = claim;
  return { claimedAt, checkedInAt, checkInLocation, checkInDistanceMetres, checkedOutAt, hours };
}

export function toPatrolTaskView(
  task: PatrolTaskRecord,
  viewer: CommunityViewer,
  claims: { mine?: TaskClaimRecord; all?: TaskClaimRecord[] } = {},
): z.output<typeof PatrolTaskView> {
  const guide = streetGuide(task.guideVersion) ?? CURRENT_STREET_GUIDE;
  return {
    id: task.id,
    streetCode: task.streetCode,
    title: masked(task.title, viewer) as string,
    brief: masked(task.brief, viewer),
    area: { ...task.area, address: masked(task.area.address, viewer) },
    sources: task.sources,
    checklist: task.checklist,
    guide: { title: guide.title, source: guide.source },
    startsAt: task.startsAt,
    endsAt: task.endsAt,
    capacity: task.capacity,
    claimed: task.claimed,
    status: task.status,
    version: task.version,
    publishedByName: task.publishedByName,
    publishedAt: task.publishedAt,
    mine: claims.mine && claimView(claims.mine),
    claimants: viewer === 'officer' && claims.all ? claims.all.map((claim) => ({ ...claimView(claim), userId: claim.userId, name: claim.name })) : undefined,
  };
}

/** What became of an observation, with the current status of what it became (read by the caller). */
export interface OutcomeStatus {
  complaint?: ComplaintStatus;
  joint?: JointInspectionStatus;
}

export function toObservationView(
  record: ObservationRecord,
  viewer: CommunityViewer,
  urls: PhotoUrls,
  now: OutcomeStatus = {},
): z.output<typeof ObservationView> {
  const { outcome } = record;
  return {
    id: record.id,
    streetCode: record.streetCode,
    text: record.text,
    photos: photosOf(record.photoKeys, urls),
    location: record.location,
    source: record.source,
    taskId: record.taskId,
    willingToBeComplainant: record.willingToBeComplainant,
    submittedAt: record.submittedAt,
    status: record.status,
    version: record.version,
    outcome:
      outcome &&
      (outcome.kind === 'complaint'
        ? {
            kind: 'complaint',
            trackingNumber: outcome.trackingNumber,
            status: now.complaint,
            complaintId: viewer === 'officer' ? outcome.complaintId : undefined,
          }
        : outcome.kind === 'joint_inspection'
          ? { kind: 'joint_inspection', requestId: outcome.requestId, reference: outcome.reference, status: now.joint }
          : outcome.kind === 'dismissed'
            ? { kind: 'dismissed', reason: masked(outcome.reason, viewer) as string }
            : { kind: 'inspection_task', sourceId: outcome.sourceId, sourceName: outcome.sourceName, dueBy: outcome.dueBy, doneAt: outcome.doneAt }),
    triagedAt: record.triagedAt,
    triagedByName: record.triagedByName,
    volunteerName: viewer === 'officer' ? record.volunteerName : undefined,
  };
}

export function toReviewView(record: ReviewRecord, viewer: CommunityViewer, urls: PhotoUrls): z.output<typeof ReviewView> {
  return {
    id: record.id,
    streetCode: record.streetCode,
    subject: record.subject,
    verdict: record.verdict,
    note: record.note,
    photos: photosOf(record.photoKeys, urls),
    at: record.at,
    status: record.status,
    version: record.version,
    answer: record.answer && { note: masked(record.answer.note, viewer) as string, at: record.answer.at, byName: record.answer.byName },
    volunteerName: viewer === 'officer' ? record.volunteerName : undefined,
  };
}

/** A resolved complaint as a volunteer may see it: what, where, how far along. */
export function toVolunteerComplaintView(complaint: ComplaintFacts): z.output<typeof VolunteerComplaintView> {
  const { id, trackingNumber, category, address, status, resolvedAt } = complaint;
  return { id, trackingNumber, category, address: maskPhonesIn(address), status, resolvedAt };
}

export function toVolunteerSourceView(source: SourceForVolunteers): z.output<typeof VolunteerSourceView> {
  const { id, name, kind, address, streetCode, level, rectifications } = source;
  return { id, name, kind, address, streetCode, level, rectifications };
}
