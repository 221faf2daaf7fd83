/**
 * Co-governance items as stored (without key attributes): joint inspection requests with their
 * timelines (one partition each), volunteers, patrol tasks with their claims, observations, reviews,
 * and the events the stream consumer turns into notifications.
 */
import type { JointInspectionAction, JointInspectionParty, JointInspectionStatus } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import type { JointInspectionDue, JointInspectionUrgency } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import type { SourceKind } from '@green-shield/shared/sources/kinds';
import type { VolunteerStatus } from '@green-shield/shared/cogov/volunteers';
import type { ObservationStatus, ReviewStatus, ReviewVerdict } from '@green-shield/shared/cogov/observations';

export interface StoredArea {
  address?: string;
  point?: { lat: number; lng: number; coordSystem: 'WGS-84' };
  radiusMetres?: number;
}

export interface JointVisitRecord {
  sourceId: string;
  sourceName: string;
  /** The inspection event on the source's timeline. */
  inspectionId: string;
  at: string;
  byId: string;
  byName?: string;
  failedItems: Array<{ itemId: string; label: string }>;
  /** Rectification orders the inspection opened, or noted as failed again. */
  rectifications: Array<{ id: string; itemLabel: string; deadline: string }>;
}

export interface JointResultRecord {
  summary: string;
  recordedAt: string;
  recordedById: string;
  recordedByName?: string;
  followUp: {
    rectifications: Array<{ sourceId: string; sourceName: string; id: string; itemLabel: string; deadline: string }>;
    penalties: Array<{ sourceId: string; sourceName: string; decisionNumber: string; amountYuan?: number }>;
    reinspectOn?: string;
  };
}

export interface JointInspectionRecord {
  id: string;
  reference: string;
  districtCode: string;
  /** The requesting street. */
  streetCode: string;
  status: JointInspectionStatus;
  /** Incremented by every step; steps are conditional on the version read. */
  version: number;
  urgency: JointInspectionUrgency;
  reason: string;
  raisedById: string;
  raisedByName?: string;
  raisedAt: string;
  updatedAt: string;
  sources: Array<{ id: string; name: string; kind: SourceKind; address: string }>;
  area?: StoredArea;
  photoKeys: string[];
  complaints: Array<{ id: string; trackingNumber: string }>;
  observationIds: string[];
  timeLimitsVersion: string;
  due: JointInspectionDue;
  acceptedAt?: string;
  schedule?: { date: string; time?: string; people: string[]; note?: string };
  inspections: JointVisitRecord[];
  result?: JointResultRecord;
  earlierResults?: Array<JointResultRecord & { sentBackAt: string; sentBackReason: string }>;
  sendBacks: number;
  closedAt?: string;
}

/** One entry of a request's timeline; immutable once written. */
export interface JointInspectionEventRecord {
  requestId: string;
  eventId: string;
  at: string;
  action: 'raise' | JointInspectionAction;
  from?: JointInspectionStatus;
  to: JointInspectionStatus;
  party: JointInspectionParty;
  actorId: string;
  actorName?: string;
  note?: string;
  reason?: string;
  schedule?: { date: string; time?: string; people: string[] };
  visit?: { sourceId: string; sourceName: string; inspectionId: string; failedItems: number };
  resultSummary?: string;
  photoKeys?: string[];
  /** Copied so the stream consumer can notify without reading the request. */
  districtCode: string;
  streetCode: string;
  reference: string;
}

/** A resident's volunteering for a street: one per resident (`pk=USER#<id>`, `sk=VOLUNTEER`). */
export interface VolunteerRecord {
  userId: string;
  districtCode: string;
  streetCode: string;
  name: string;
  neighbourhood: string;
  availability: string;
  status: VolunteerStatus;
  version: number;
  appliedAt: string;
  decidedAt?: string;
  decidedById?: string;
  decidedByName?: string;
  reason?: string;
}

export interface PatrolTaskRecord {
  id: string;
  districtCode: string;
  streetCode: string;
  title: string;
  brief?: string;
  area: StoredArea;
  sources: Array<{ id: string; name: string; kind: SourceKind; address: string }>;
  checklist: Array<{ situationId: string; situation: string; itemId: string; label: string; basis: string }>;
  guideVersion: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  /** Kept by conditional writes with each claim and release: never above `capacity`. */
  claimed: number;
  status: 'published' | 'cancelled';
  version: number;
  publishedById: string;
  publishedByName?: string;
  publishedAt: string;
}

/** A volunteer's claim on a task, in the task's partition. */
export interface TaskClaimRecord {
  taskId: string;
  userId: string;
  name: string;
  streetCode: string;
  /** Copied from the task for the volunteer's own list and service record. */
  title: string;
  startsAt: string;
  endsAt: string;
  claimedAt: string;
  checkedInAt?: string;
  checkInLocation?: { lat: number; lng: number; coordSystem: 'WGS-84' };
  checkInDistanceMetres?: number;
  checkedOutAt?: string;
  hours?: number;
}

export type ObservationOutcome =
  | { kind: 'complaint'; complaintId: string; trackingNumber: string }
  | { kind: 'inspection_task'; sourceId?: string; sourceName?: string; dueBy: string; doneAt?: string; inspectionId?: string }
  | { kind: 'joint_inspection'; requestId: string; reference: string }
  | { kind: 'dismissed'; reason: string };

export interface ObservationRecord {
  id: string;
  districtCode: string;
  streetCode: string;
  volunteerId: string;
  volunteerName: string;
  text: string;
  photoKeys: string[];
  location: { lat: number; lng: number; coordSystem: 'WGS-84'; address?: string };
  source?: { id: string; name: string };
  taskId?: string;
  willingToBeComplainant: boolean;
  submittedAt: string;
  status: ObservationStatus;
  version: number;
  outcome?: ObservationOutcome;
  triagedAt?: string;
  triagedById?: string;
  triagedByName?: string;
}

export type ReviewSubject =
  | { kind: 'complaint'; complaintId: string; trackingNumber: string }
  | { kind: 'rectification'; sourceId: string; sourceName: string; rectificationId: string; itemLabel: string };

export interface ReviewRecord {
  id: string;
  districtCode: string;
  streetCode: string;
  volunteerId: string;
  volunteerName: string;
  subject: ReviewSubject;
  verdict: ReviewVerdict;
  note?: string;
  photoKeys: string[];
  at: string;
  status: ReviewStatus;
  version: number;
  answer?: { note: string; at: string; byId: string; byName?: string };
}

/**
 * Something that happened in the community (an application decided, a task cancelled, an
 * observation triaged, a dispute answered…), stored in its subject's partition; the stream consumer
 * tells who it concerns: `users` by id, and the street's officers when `toStreetOfficers`.
 */
export interface CogovEventRecord {
  eventId: string;
  at: string;
  districtCode: string;
  streetCode: string;
  subject: { kind: 'volunteer' | 'patrol_task' | 'observation' | 'review'; id: string };
  action: string;
  actorId: string;
  actorName?: string;
  note?: string;
  users: string[];
  toStreetOfficers?: boolean;
  /** The street's approved volunteers hear of it too (a task published). */
  toStreetVolunteers?: boolean;
}
