import type { ComplaintStatus, ComplaintAction } from '@green-shield/shared/complaints/state-machine';
import type { CoordSystem } from '@green-shield/shared/geo/coordinates';
import type { OccurrencePattern } from '@green-shield/shared/complaints/taxonomy';
import type { ComplaintOriginT } from '@green-shield/shared/api/schemas';

/** A complaint as stored (without its key attributes). */
export interface ComplaintRecord {
  id: string;
  trackingNumber: string;
  districtCode: string;
  status: ComplaintStatus;
  /** Incremented by every write; writes are conditional on the version they read. */
  version: number;
  category: { type: string; subtype: string };
  description: string;
  location: { lat: number; lng: number; coordSystem: 'WGS-84'; address: string };
  reportedCoordSystem: CoordSystem;
  streetCode: string;
  occurrence: { pattern: OccurrencePattern; note?: string };
  anonymous: boolean;
  photoKeys: string[];
  complainantId: string;
  complainantPhone: string;
  submittedAt: string;
  updatedAt: string;
  acknowledgeBy: string;
  /** From acceptance once accepted; until then the earliest it can be (accepted on the day received). */
  closeBy: string;
  /** When it was first accepted (受理), from which the closing period runs. */
  acceptedAt?: string;
  timeLimitsVersion: string;
  resolvedAt?: string;
  feedbackBy?: string;
  assigneeId?: string;
  assigneeName?: string;
  duplicateOf?: string;
  rating?: { score: number; comment?: string };
  /** Set by an unsatisfied rating (1–2★): officers follow it up (回访); `followedUpAt` once one has. */
  unsatisfied?: UnsatisfiedRatingFlag;
  /** How many times the complainant reopened it (at most the version's `maxReopens`). */
  reopenCount?: number;
  /** Days the closing deadline was extended by (at most once). */
  extendedByDays?: number;
  /** Made by an officer from a volunteer's observation (never the volunteer's identity: the observation holds that). */
  origin?: ComplaintOriginT;
}

export interface UnsatisfiedRatingFlag {
  rating: number;
  flaggedAt: string;
  followedUpAt?: string;
  followedUpBy?: string;
}

export type ActorRole = 'resident' | 'officer' | 'system';

/** One entry of a complaint's timeline; immutable once written. */
export interface ComplaintEventRecord {
  complaintId: string;
  eventId: string;
  at: string;
  action: 'submit' | ComplaintAction;
  from?: ComplaintStatus;
  to: ComplaintStatus;
  actorId: string;
  actorRole: ActorRole;
  actorName?: string;
  note?: string;
  reason?: string;
  referral?: string;
  duplicateOf?: string;
  rating?: number;
  extensionDays?: number;
  photoKeys?: string[];
  /** On the submit event of a complaint made from a volunteer's observation. */
  origin?: ComplaintOriginT['kind'];
  /** Copied so the stream consumer can notify without reading the complaint. */
  complainantId: string;
  trackingNumber: string;
  districtCode: string;
  streetCode: string;
  assigneeId?: string;
}
