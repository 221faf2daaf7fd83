/**
 * Raising a joint inspection request: by a street officer's request (the cogov function) or by
 * triaging a volunteer's observation into one (the community function). Checks what the request
 * names against the street (its sources, complaints and observations), attaches its photos, numbers
 * it, writes it idempotently and notes it on its sources' timelines.
 */
import { monotonicFactory, ulid } from 'ulid';
import { CURRENT_JOINT_INSPECTION_LIMITS, type JointInspectionUrgency } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import { periodRules, type DistrictConfig } from '@green-shield/shared/districts/district';
import { yearInTimeZone } from '@green-shield/shared/complaints/tracking-number';
import type { Clock } from '../lib/clock';
import { ApiError } from '../lib/errors';
import type { PhotoAttachments } from '../lib/photo-attachments';
import type { Principal } from '../lib/tokens';
import { idempotencyTicket, type IdempotencyStore } from '../store/idempotency';
import { createOnce } from './create-once';
import type { UserDirectory } from '../store/user-directory';
import type { JointInspectionRepository, JointInspectionWithEvents } from './joint-inspection-repository';
import { raiseJointInspection } from './joint-inspections';
import type { ObservationRepository } from './observation-repository';
import type { ComplaintDesk, SourceBrief, SourceDirectory } from './ports';
import type { JointInspectionRecord, StoredArea } from './records';

const IDEMPOTENCY_OPERATION = 'joint-inspection';
export const nextEventId = monotonicFactory();

export interface RaisingDeps {
  joints: JointInspectionRepository;
  observations: ObservationRepository;
  idempotency: IdempotencyStore;
  photos: PhotoAttachments;
  users: UserDirectory;
  sources: SourceDirectory;
  complaints: ComplaintDesk;
  clock: Clock;
  district: DistrictConfig;
}

export interface RaiseInput {
  streetCode: string;
  urgency: JointInspectionUrgency;
  reason: string;
  sourceIds: string[];
  area?: StoredArea;
  /** The caller's uploads (checked and copied), or photos already attached to what the request comes from. */
  photos: { uploads: string[] } | { attached: string[] };
  complaintTrackingNumbers: string[];
  observationIds: string[];
}

export class JointInspectionRaising {
  constructor(private readonly deps: RaisingDeps) {}

  /** The request raised (or, for a retry with the same key, the one the first attempt raised). */
  raise(principal: Principal, input: RaiseInput, idempotencyKey: string): Promise<JointInspectionWithEvents> {
    const now = this.deps.clock.now();
    const ticket = idempotencyTicket(IDEMPOTENCY_OPERATION, principal.userId, idempotencyKey, input, now);
    return createOnce(
      this.deps.idempotency,
      ticket,
      (id) => this.raised(id),
      async (recordFor) => {
        const { district } = this.deps;
        const [sources, complaints, user] = await Promise.all([
          this.sourcesOfStreet(input.sourceIds, input.streetCode, 'body.sourceIds'),
          this.complaintsOfStreet(input.complaintTrackingNumbers, input.streetCode),
          this.deps.users.get(principal.userId),
          this.checkObservations(input.observationIds, input.streetCode),
        ]);
        const id = ulid();
        const uploads = 'uploads' in input.photos ? input.photos.uploads : [];
        await this.deps.photos.check(principal, uploads, 'body.photoKeys');
        const photoKeys = 'attached' in input.photos ? input.photos.attached : await this.deps.photos.attach(id, 'request', uploads);
        const year = yearInTimeZone(now, district.timeZone);
        const sequence = await this.deps.joints.nextReferenceSequence(district.code, year);
        const { record, event } = raiseJointInspection({
          id,
          eventId: nextEventId(),
          reference: `${district.trackingPrefix}-LJ-${year}-${String(sequence).padStart(4, '0')}`,
          districtCode: district.code,
          streetCode: input.streetCode,
          urgency: input.urgency,
          reason: input.reason,
          sources: sources.map(({ id: sourceId, name, kind, address }) => ({ id: sourceId, name, kind, address })),
          area: input.area,
          photoKeys,
          complaints,
          observationIds: input.observationIds,
          limits: CURRENT_JOINT_INSPECTION_LIMITS,
          periods: periodRules(district),
          raisedBy: { id: principal.userId, name: user?.name },
          now,
        });
        if (!(await this.deps.joints.create(record, event, recordFor(id)))) {
          if (uploads.length) await this.deps.photos.discard(photoKeys);
          return undefined;
        }
        await this.noteRaised(record);
        return { record, events: [event] };
      },
    );
  }

  /** A retry answers with the request the first attempt raised (noting it on its sources again heals a note lost to a crash). */
  private async raised(requestId: string): Promise<JointInspectionWithEvents> {
    const found = await this.deps.joints.getWithEvents(requestId);
    if (!found) throw new Error(`Idempotency record points at missing request ${requestId}`);
    await this.noteRaised(found.record);
    return found;
  }

  private noteRaised(record: JointInspectionRecord): Promise<void> {
    return this.deps.sources.noteJointInspection(
      record.sources.map((source) => source.id),
      {
        type: 'joint_inspection_requested',
        request: { id: record.id, reference: record.reference },
        summary: record.reason,
        actor: { id: record.raisedById, name: record.raisedByName },
        at: record.raisedAt,
      },
    );
  }

  /** Sources of this district in the street's care, in the order asked; 400 naming each that is not. */
  async sourcesOfStreet(ids: readonly string[], streetCode: string, field: string): Promise<SourceBrief[]> {
    if (ids.length === 0) return [];
    const found = new Map((await this.deps.sources.briefs(ids)).map((source) => [source.id, source]));
    const details = ids.flatMap((sourceId, index) => {
      const source = found.get(sourceId);
      return source && source.districtCode === this.deps.district.code && source.streetCode === streetCode
        ? []
        : [{ field: `${field}.${index}`, message: '不是本街道登记的污染源' }];
    });
    if (details.length) throw new ApiError('VALIDATION_FAILED', 'Some sources are not in the street’s care', details);
    return ids.map((sourceId) => found.get(sourceId) as SourceBrief);
  }

  private async complaintsOfStreet(trackingNumbers: readonly string[], streetCode: string) {
    const found = await Promise.all(trackingNumbers.map((number) => this.deps.complaints.byTrackingNumber(number)));
    const inStreet = found.flatMap((complaint) =>
      complaint && complaint.districtCode === this.deps.district.code && complaint.streetCode === streetCode ? [complaint] : [],
    );
    if (inStreet.length !== found.length) {
      const details = found.flatMap((complaint, index) =>
        complaint && inStreet.includes(complaint) ? [] : [{ field: `body.complaintTrackingNumbers.${index}`, message: '不是本街道的举报编号' }],
      );
      throw new ApiError('VALIDATION_FAILED', 'Some complaints are not in the street’s care', details);
    }
    return [...new Map(inStreet.map((complaint) => [complaint.id, { id: complaint.id, trackingNumber: complaint.trackingNumber }])).values()];
  }

  private async checkObservations(ids: readonly string[], streetCode: string): Promise<void> {
    const found = await Promise.all(ids.map((id) => this.deps.observations.get(id)));
    const details = found.flatMap((observation, index) =>
      observation && observation.districtCode === this.deps.district.code && observation.streetCode === streetCode
        ? []
        : [{ field: `body.observationIds.${index}`, message: '不是本街道的巡查发现' }],
    );
    if (details.length) throw new ApiError('VALIDATION_FAILED', 'Some observations are not the street’s', details);
  }
}
