/**
 * Officers' work on a source's timeline: inspections against the versioned checklist (opening
 * rectification orders for failed items, noting repeat failures on open ones, closing those found
 * passing), decisions on rectification evidence (a rejection sets a new deadline), and records of
 * penalties, permits and incidents. Inspections and records are idempotent by Idempotency-Key.
 */
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type * as S from '@green-shield/shared/api/source-schemas';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { checklistVersion } from '@green-shield/shared/sources/checklists';
import { applyRectificationStep, deadlineAfter, type RectificationStep } from '@green-shield/shared/sources/rectification-state-machine';
import { CURRENT_RECTIFICATION_RULES } from '@green-shield/shared/sources/rectification-rules';
import { ApiError } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import { idempotencyTicket } from '../store/idempotency';
import { actingOfficer, conflict, officerCollection, officerView, orderForStep, sourceNotFound, written, type SourceWorkContext } from './context';
import { inspectionProblems, inspectionRecords, recordDate, rejectionDefaultDays } from './inspections';
import type { JointInspectionRef, SourceCollection, SourceEventRecord } from './records';
import { sourceEvent, type EventFields } from './registration';

/** Idempotency keys of inspections and records are remembered under this operation. */
const IDEMPOTENCY_OPERATION = 'source';

export class InspectionService {
  constructor(private readonly ctx: SourceWorkContext) {}

  /** A retry with the same key answers what the first call answered (the id of the event it wrote); a different body is refused. */
  private async ticket(principal: Principal, idempotencyKey: string, request: unknown) {
    const ticket = idempotencyTicket(IDEMPOTENCY_OPERATION, principal.userId, idempotencyKey, request, this.ctx.clock.now());
    return { ticket, previous: await this.ctx.idempotency.previousResult(ticket) };
  }

  async inspect(principal: Principal, id: string, body: z.infer<typeof S.InspectionBody>, idempotencyKey: string): Promise<OfficerSourceViewT> {
    return officerView(this.ctx, (await this.recordInspection(principal, id, body, idempotencyKey)).collection);
  }

  /**
   * Records an inspection (for a joint inspection request when `jointInspection` names one, which
   * its timeline entry then shows): the collection as it stands after it, and the inspection's id.
   */
  async recordInspection(
    principal: Principal,
    id: string,
    body: z.infer<typeof S.InspectionBody>,
    idempotencyKey: string,
    jointInspection?: JointInspectionRef,
  ): Promise<{ collection: SourceCollection; inspectionId: string }> {
    const { ticket, previous } = await this.ticket(principal, idempotencyKey, { id, body, jointInspection });
    if (previous) return { collection: await officerCollection(this.ctx, principal, id), inspectionId: previous };
    const collection = await officerCollection(this.ctx, principal, id);
    const { source } = collection;
    const checklist = checklistVersion(body.checklistVersion);
    if (!checklist)
      throw new ApiError('UNKNOWN_CHECKLIST_ITEM', 'Unknown checklist version', [{ field: 'body.checklistVersion', message: '未知的检查表版本' }]);
    const items = new Map(checklist.kinds[source.kind].map((item) => [item.id, item]));
    const problems = inspectionProblems(items, body.results);
    if (problems.length) throw new ApiError('UNKNOWN_CHECKLIST_ITEM', 'Some results do not belong to this checklist', problems);
    await this.ctx.photos.check(principal, body.photoKeys, 'body.photoKeys');

    const actor = await actingOfficer(this.ctx, principal);
    const now = this.ctx.clock.now();
    const at = now.toISOString();
    const inspectionId = ulid();
    const { results, rectifications, failedAgain, verified } = inspectionRecords({
      checklist: items,
      results: body.results,
      sourceId: id,
      inspectionId,
      orders: collection.rectifications,
      officerId: principal.userId,
      now,
      newId: ulid,
    });
    const photoKeys = await this.ctx.photos.attach(id, `inspection-${inspectionId}`, body.photoKeys);
    const inspection: SourceEventRecord = {
      ...sourceEvent(
        source,
        actor,
        { type: 'inspection', note: body.note, photoKeys, inspection: { checklistVersion: checklist.version, results }, jointInspection },
        at,
      ),
      eventId: inspectionId,
    };
    const timelineOf = (type: 'rectification_opened' | 'rectification_failed_again' | 'rectification_verified', r: (typeof rectifications)[number]) =>
      sourceEvent(source, actor, { type, rectification: { id: r.id, itemLabel: r.itemLabel, deadline: r.deadline } }, at);
    const events = [
      inspection,
      ...rectifications.map((r) => timelineOf('rectification_opened', r)),
      ...failedAgain.map((r) => timelineOf('rectification_failed_again', r)),
      ...verified.map((r) => timelineOf('rectification_verified', r)),
    ];
    const versionRead = new Map(collection.rectifications.map((r) => [r.id, r.version]));
    const changed = [...failedAgain, ...verified];
    const outcome = await this.ctx.sources.append(
      id,
      events,
      [...rectifications.map((record) => ({ record })), ...changed.map((record) => ({ record, expectedVersion: versionRead.get(record.id) }))],
      this.ctx.idempotency.recordItem(ticket, inspection.eventId),
    );
    if (outcome !== 'ok') {
      await this.ctx.photos.discard(photoKeys);
      if (outcome === 'idempotency-key-taken') return this.recordInspection(principal, id, body, idempotencyKey, jointInspection);
      // An order this inspection closes or notes changed since it was read (evidence arrived meanwhile).
      throw conflict();
    }
    return { collection: written(collection, { events, rectifications: [...rectifications, ...changed] }), inspectionId: inspection.eventId };
  }

  async decideEvidence(principal: Principal, id: string, rectificationId: string, body: z.infer<typeof S.EvidenceDecisionBody>): Promise<OfficerSourceViewT> {
    const collection = await officerCollection(this.ctx, principal, id);
    const action = body.decision === 'accept' ? 'accept_evidence' : 'reject_evidence';
    const rectification = orderForStep(collection, rectificationId, { action, actor: 'officer', expectedVersion: body.expectedVersion });
    const actor = await actingOfficer(this.ctx, principal);
    const at = this.ctx.clock.now().toISOString();
    const decided = { actor: 'officer', at, decidedBy: principal.userId } as const;
    // A rejection gives a new deadline from now: the officer's days, or the checklist item's.
    const step: RectificationStep =
      body.decision === 'accept'
        ? { action: 'accept_evidence', ...decided }
        : {
            action: 'reject_evidence',
            ...decided,
            reason: body.reason,
            deadline: deadlineAfter(
              at,
              body.rectifyDays ?? rejectionDefaultDays(rectification, collection.source.kind, collection.events, CURRENT_RECTIFICATION_RULES),
            ),
          };
    const next = applyRectificationStep(rectification, step);
    const event = sourceEvent(
      collection.source,
      actor,
      body.decision === 'accept'
        ? { type: 'evidence_accepted', rectification: { id: rectification.id, itemLabel: rectification.itemLabel } }
        : {
            type: 'evidence_rejected',
            rectification: { id: rectification.id, itemLabel: rectification.itemLabel, reason: body.reason, deadline: next.deadline },
          },
      at,
    );
    if ((await this.ctx.sources.append(id, [event], [{ record: next, expectedVersion: rectification.version }])) !== 'ok') throw conflict();
    return officerView(this.ctx, written(collection, { events: [event], rectifications: [next] }));
  }

  async record(principal: Principal, id: string, body: z.infer<typeof S.RecordBody>, idempotencyKey: string): Promise<OfficerSourceViewT> {
    return officerView(this.ctx, await this.recordEvent(principal, id, body, idempotencyKey));
  }

  /** Records a penalty, permit or incident (decided on a joint inspection when `jointInspection` names one): the collection after it. */
  async recordEvent(
    principal: Principal,
    id: string,
    body: z.infer<typeof S.RecordBody>,
    idempotencyKey: string,
    jointInspection?: JointInspectionRef,
  ): Promise<SourceCollection> {
    const { ticket, previous } = await this.ticket(principal, idempotencyKey, { id, body, jointInspection });
    if (previous) return officerCollection(this.ctx, principal, id);
    const collection = await officerCollection(this.ctx, principal, id);
    const date = recordDate(body.at, this.ctx.clock.now());
    if (!date.ok) throw new ApiError('VALIDATION_FAILED', 'The date must be a valid past date', [{ field: 'body.at', message: '日期无效或晚于当前时间' }]);
    const event = sourceEvent(collection.source, await actingOfficer(this.ctx, principal), { ...recordFields(body), jointInspection }, date.at);
    const outcome = await this.ctx.sources.append(id, [event], [], this.ctx.idempotency.recordItem(ticket, event.eventId));
    if (outcome === 'conflict') throw sourceNotFound();
    if (outcome === 'idempotency-key-taken') return officerCollection(this.ctx, principal, id);
    return written(collection, { events: [event] });
  }
}

/** What a record of a penalty, a permit or an incident puts on the timeline. */
function recordFields(body: z.infer<typeof S.RecordBody>): EventFields {
  switch (body.type) {
    case 'penalty':
      return { type: 'penalty', note: body.note, penalty: { decisionNumber: body.decisionNumber, amountYuan: body.amountYuan } };
    case 'permit':
      return { type: 'permit', note: body.note, permit: { permitType: body.permitType, permitNumber: body.permitNumber, validUntil: body.validUntil } };
    case 'incident':
      return { type: 'incident', incident: { severity: body.severity, description: body.description } };
  }
}
