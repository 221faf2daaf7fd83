/**
 * What co-governance needs from the other contexts, declared here and provided in
 * `entries/cogov-ports.ts` (a context imports no other context's code): the registry, which inspects
 * sources and keeps their timelines, and complaints. Each port is as narrow as its users, so a
 * function carries only the other contexts' code it calls.
 */
import type { z } from 'zod/mini';
import type { ComplaintOriginT } from '@green-shield/shared/api/schemas';
import type { InspectionBody } from '@green-shield/shared/api/source-schemas';
import type { SourceKind } from '@green-shield/shared/sources/kinds';
import type { CreditLevel } from '@green-shield/shared/sources/credit-rules';
import type { RectificationClosure, RectificationStatus } from '@green-shield/shared/sources/rectification-state-machine';
import type { ComplaintStatus } from '@green-shield/shared/complaints/state-machine';
import type { OccurrencePattern } from '@green-shield/shared/complaints/taxonomy';
import type { Principal } from '../lib/tokens';

export interface SourceBrief {
  id: string;
  districtCode: string;
  streetCode: string;
  name: string;
  kind: SourceKind;
  address: string;
}

/** The request a registry write is made for, as the source's timeline names it. */
export interface JointRequestRef {
  id: string;
  reference: string;
}

/** What an inspection for a request found, for the request's record. */
export interface JointVisitOutcome {
  inspectionId: string;
  at: string;
  failedItems: Array<{ itemId: string; label: string }>;
  rectifications: Array<{ id: string; itemLabel: string; deadline: string }>;
}

/** The registry's sources as co-governance reads and annotates them (table reads and timeline notes only). */
export interface SourceDirectory {
  /** The sources with these ids (missing ones absent). */
  briefs(ids: readonly string[]): Promise<SourceBrief[]>;
  /**
   * Notes the request on each source's timeline (raised, or its result recorded). Idempotent: the
   * note's id and time come from the request and the step, so calling again writes the same entry.
   */
  noteJointInspection(
    sourceIds: readonly string[],
    note: {
      type: 'joint_inspection_requested' | 'joint_inspection_result';
      request: JointRequestRef;
      summary?: string;
      actor: { id: string; name?: string };
      at: string;
    },
  ): Promise<void>;
}

/** The registry's work on a source for a request: what only the function that carries requests out needs. */
export interface SourceInspections {
  /** The registry's inspection of one source for the request (checklist, orders, score, timeline), idempotent by key. */
  inspect(
    principal: Principal,
    sourceId: string,
    body: z.output<typeof InspectionBody>,
    idempotencyKey: string,
    request: JointRequestRef,
  ): Promise<JointVisitOutcome>;
  /** A penalty decided on the visit, on the source's timeline (so its score follows), idempotent by key. */
  recordPenalty(
    principal: Principal,
    sourceId: string,
    penalty: { decisionNumber: string; amountYuan?: number; at: string },
    idempotencyKey: string,
    request: JointRequestRef,
  ): Promise<void>;
}

export interface ComplaintBrief {
  id: string;
  trackingNumber: string;
  districtCode: string;
  streetCode: string;
}

export interface ComplaintDesk {
  /** A complaint by its tracking number (absent when there is none). */
  byTrackingNumber(trackingNumber: string): Promise<ComplaintBrief | undefined>;
}

/** A source as a volunteer may see it: public facts and its rectification items. */
export interface SourceForVolunteers extends SourceBrief {
  level: CreditLevel;
  rectifications: Array<{ id: string; itemLabel: string; status: RectificationStatus; deadline: string; closedAt?: string; closedHow?: RectificationClosure }>;
}

/** Reads of the registry for the community's desk and volunteers. */
export interface SourceFacts {
  forVolunteers(sourceId: string): Promise<SourceForVolunteers | undefined>;
  /** How many of a street's sources have early warnings, and how many are under key supervision (重点监管), up to `cap`. */
  countWarnings(districtCode: string, streetCode: string, cap: number): Promise<{ count: number; more: boolean }>;
  countKeySupervision(districtCode: string, streetCode: string, cap: number): Promise<{ count: number; more: boolean }>;
}

/** A complaint as the community may see it: what, where and how far along; never who complained or what they wrote. */
export interface ComplaintFacts extends ComplaintBrief {
  status: ComplaintStatus;
  category: { type: string; subtype: string };
  address: string;
  resolvedAt?: string;
}

export interface ComplaintRecords {
  get(id: string): Promise<ComplaintFacts | undefined>;
  /** A street's complaints in a status, newest first. */
  inStreet(
    districtCode: string,
    streetCode: string,
    status: ComplaintStatus,
    cursor: string | undefined,
  ): Promise<{ items: ComplaintFacts[]; nextCursor?: string }>;
  /** How many of a street's complaints owe a deadline, and how many are past it, up to `cap`. */
  countOwing(districtCode: string, streetCode: string, cap: number): Promise<{ count: number; more: boolean }>;
  countOverdue(districtCode: string, streetCode: string, now: string, cap: number): Promise<{ count: number; more: boolean }>;
}

export interface ObservationComplaint {
  /** The volunteer if they chose to be the complainant of record, else the officer filing it. */
  complainantId: string;
  category: { type: string; subtype: string };
  description: string;
  location: { lat: number; lng: number; coordSystem: 'WGS-84'; address: string };
  streetCode: string;
  occurrence: { pattern: OccurrencePattern; note?: string };
  anonymous: boolean;
  attachedPhotoKeys: string[];
  /** The observation (and its patrol task) the complaint is made from: the complaint says it came from a volunteer's patrol. */
  origin: ComplaintOriginT;
}

export interface ComplaintFiling {
  /** Files a complaint from an observation (idempotent by the officer's key). */
  fileFromObservation(officer: Principal, complaint: ObservationComplaint, idempotencyKey: string): Promise<{ id: string; trackingNumber: string }>;
}
