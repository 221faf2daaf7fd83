/**
 * Co-governance items as stored (without key attributes): joint inspection requests with their
 * timelines. Each request's partition holds the request and its events, so one Query reads it whole.
 */
import type { JointInspectionAction, JointInspectionParty, JointInspectionStatus } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import type { JointInspectionDue, JointInspectionUrgency } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import type { SourceKind } from '@green-shield/shared/sources/kinds';

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
