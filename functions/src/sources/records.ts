/**
 * The registry's items as stored (without key attributes). A source's partition holds the source,
 * its timeline events, its rectification orders, its tag and warning memberships and its operator
 * links, so one Query reads everything its score and views need.
 */
import type { SourceKind } from '@green-shield/shared/sources/kinds';
import type { CreditScore, Warning } from '@green-shield/shared/sources/scoring';
import type { TimelineEventType } from '@green-shield/shared/api/source-schemas';
import type { RectificationOrder } from '@green-shield/shared/sources/rectification-state-machine';

export interface SourceRecord {
  id: string;
  districtCode: string;
  kind: SourceKind;
  name: string;
  creditCode: string;
  address: string;
  location: { lat: number; lng: number; coordSystem: 'WGS-84' };
  streetCode: string;
  responsiblePerson?: { name: string; phone?: string };
  restaurant?: {
    seats?: number;
    burners?: number;
    diningAreaM2?: number;
    purifierInstalled?: boolean;
    purifierEfficiencyPercent?: number;
    cleaningIntervalDays?: number;
  };
  /** Officers' free tags. */
  tags: string[];
  /** Derived by the scoring projection (e.g. 重点监管); never set by hand. */
  systemTags: string[];
  /** Incremented by every change of the attributes; the score projection does not touch it. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The score projection: written by the stream consumer and the rebuild job. */
  credit: CreditScore;
  warnings: Warning[];
  openRectifications: number;
  /** Orders whose evidence awaits an officer's decision (absent on sources projected before it was kept: none). */
  awaitingDecision?: number;
  /** When the most urgent of those decisions is due (absent while none awaits one). */
  decisionDueAt?: string;
  lastInspectionAt?: string;
  /** When time alone may next change the projection (absent on sources scored before it was kept). */
  rescoreAt?: string;
}

/** The attributes an officer or an import may set. */
export type SourceAttributes = Pick<
  SourceRecord,
  'kind' | 'name' | 'creditCode' | 'address' | 'location' | 'streetCode' | 'responsiblePerson' | 'restaurant' | 'tags'
>;

export interface InspectionResultRecord {
  itemId: string;
  label: string;
  points: number;
  outcome: 'pass' | 'fail' | 'not_applicable';
  note?: string;
  rectificationId?: string;
}

/** One entry of a source's timeline; immutable once written. */
export interface SourceEventRecord {
  sourceId: string;
  eventId: string;
  at: string;
  type: TimelineEventType;
  actorId: string;
  actorRole: 'officer' | 'operator' | 'system';
  actorName?: string;
  note?: string;
  photoKeys?: string[];
  inspection?: { checklistVersion: string; results: InspectionResultRecord[] };
  rectification?: { id: string; itemLabel: string; deadline?: string; reason?: string };
  /** `receivedAt` and `countsAs` (the original's tracking number for a duplicate) decide how it counts; absent on links made before they were recorded. */
  complaint?: { id: string; trackingNumber: string; substantiated: boolean; receivedAt?: string; countsAs?: string };
  penalty?: { decisionNumber: string; amountYuan?: number };
  permit?: { permitType: string; permitNumber: string; validUntil?: string };
  incident?: { severity: 'ordinary' | 'major'; description: string };
  /** Attribute names an update changed. */
  changed?: string[];
  /** The joint inspection request the entry belongs to (raised, inspected for, its result); `summary`: its reason or result. */
  jointInspection?: JointInspectionRef;
  /** Copied so the stream consumer can notify without reading the source. */
  districtCode: string;
  sourceName: string;
}

/** A street's request for a joint inspection by the bureau, as a source's timeline names it. */
export interface JointInspectionRef {
  id: string;
  reference: string;
  summary?: string;
}

/** A rectification order with its evidence, as its state machine defines it. */
export type RectificationRecord = RectificationOrder;

export interface OperatorLinkRecord {
  sourceId: string;
  userId: string;
  phoneMasked: string;
  linkedAt: string;
  linkedBy: string;
}

export interface ClaimRecord {
  id: string;
  districtCode: string;
  sourceId: string;
  sourceName: string;
  streetCode: string;
  userId: string;
  claimantPhoneMasked: string;
  status: 'pending' | 'approved' | 'rejected';
  note?: string;
  reason?: string;
  createdAt: string;
  decidedAt?: string;
  decidedBy?: string;
}

/** Everything in one source's partition. */
export interface SourceCollection {
  source: SourceRecord;
  events: SourceEventRecord[];
  rectifications: RectificationRecord[];
  operators: OperatorLinkRecord[];
}
