/**
 * What co-governance needs from the other contexts, declared here and provided in
 * `entries/cogov.ts` (a context imports no other context's code): the registry, which inspects
 * sources and keeps their timelines, and complaints.
 */
import type { z } from 'zod/mini';
import type { InspectionBody } from '@green-shield/shared/api/source-schemas';
import type { SourceKind } from '@green-shield/shared/sources/kinds';
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

export interface SourceDesk {
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
