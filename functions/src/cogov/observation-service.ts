/**
 * Volunteers' observations (巡查发现) and their triage: a volunteer reports what they saw (photos,
 * place, optionally a source found by its eco-code); an officer of the street turns it into a
 * complaint (the volunteer is its complainant of record only if they chose to be), an inspection
 * task, a joint inspection request, or dismisses it with a reason. The volunteer always sees what
 * became of it, with the current status of that.
 */
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type { ObservationBody, ObservationView, TriageBody } from '@green-shield/shared/api/cogov-schemas';
import { COGOV_LIMITS } from '@green-shield/shared/api/limits';
import { periodEnd } from '@green-shield/shared/rules/legal-periods';
import { periodRules } from '@green-shield/shared/districts/district';
import { toWgs84 } from '@green-shield/shared/geo/coordinates';
import { ApiError, forbidden, notFound } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import {
  actorOf,
  communityEvent,
  createAsVolunteer,
  listStreet,
  madeBy,
  requireOfficerOf,
  volunteerItemLists,
  type VolunteerItemLists,
  type CommunityDeps,
} from './community';
import { toObservationView, type CommunityViewer, type OutcomeStatus } from './community-views';
import type { ObservationOutcome, ObservationRecord } from './records';

const observationNotFound = () => notFound('Observation');
/** Where a complaint made from an observation without an address says it happened. */
const LOCATION_ONLY_ADDRESS = '志愿者巡查定位处';

export class ObservationService {
  /** The volunteer's own list and the street's (queue or all). */
  readonly lists: VolunteerItemLists<z.output<typeof ObservationView>>;

  constructor(private readonly deps: CommunityDeps) {
    this.lists = volunteerItemLists(deps, deps.observations, (record, viewer) => this.view(record, viewer));
  }

  submit(principal: Principal, body: z.output<typeof ObservationBody>, idempotencyKey: string) {
    const stored = async (id: string) => this.view((await this.deps.observations.get(id))!, 'volunteer');
    return createAsVolunteer(this.deps, principal, { operation: 'observation', body, idempotencyKey }, stored, async (volunteer, recordFor, now) => {
      const [source] = body.sourceId ? await this.deps.raising.sourcesOfStreet([body.sourceId], volunteer.streetCode, 'body.sourceId') : [];
      if (body.taskId) {
        const task = await this.deps.tasks.get(body.taskId);
        if (!task || task.streetCode !== volunteer.streetCode)
          throw new ApiError('VALIDATION_FAILED', 'Not a task of your street', [{ field: 'body.taskId', message: '不是本街道的巡查任务' }]);
      }
      await this.deps.photos.check(principal, body.photoKeys, 'body.photoKeys');
      const id = ulid();
      const photoKeys = await this.deps.photos.attach(id, 'observation', body.photoKeys);
      const point = toWgs84(body.location);
      const at = now.toISOString();
      const record: ObservationRecord = {
        ...madeBy(volunteer, id),
        text: body.text,
        photoKeys,
        location: { lat: point.lat, lng: point.lng, coordSystem: 'WGS-84', address: body.location.address },
        source: source && { id: source.id, name: source.name },
        taskId: body.taskId,
        willingToBeComplainant: body.willingToBeComplainant,
        submittedAt: at,
        status: 'awaiting_triage',
        version: 1,
      };
      const event = communityEvent(
        {
          districtCode: record.districtCode,
          streetCode: record.streetCode,
          subject: { kind: 'observation', id },
          action: 'observation_submitted',
          users: [],
          toStreetOfficers: true,
        },
        { id: principal.userId, name: volunteer.name },
        at,
      );
      if (!(await this.deps.observations.create(record, event, recordFor(id)))) {
        await this.deps.photos.discard(photoKeys);
        return undefined;
      }
      return this.view(record, 'volunteer');
    });
  }

  private async ofOfficersStreet(principal: Principal, id: string): Promise<ObservationRecord> {
    const record = await this.deps.observations.get(id);
    if (!record || record.districtCode !== this.deps.district.code) throw observationNotFound();
    requireOfficerOf(principal, record.streetCode);
    return record;
  }

  async get(principal: Principal, id: string) {
    return this.view(await this.ofOfficersStreet(principal, id), 'officer');
  }

  async triage(principal: Principal, id: string, body: z.output<typeof TriageBody>) {
    const record = await this.ofOfficersStreet(principal, id);
    if (record.version !== body.expectedVersion) throw new ApiError('VERSION_CONFLICT', 'Someone else triaged this observation; reload it');
    if (record.status !== 'awaiting_triage') throw new ApiError('ILLEGAL_TRANSITION', 'This observation was already triaged');
    const actor = await actorOf(this.deps, principal);
    const outcome = await this.outcomeOf(principal, record, body);
    const at = this.deps.clock.now().toISOString();
    const next: ObservationRecord = {
      ...record,
      status: 'triaged',
      version: record.version + 1,
      outcome,
      triagedAt: at,
      triagedById: actor.id,
      triagedByName: actor.name,
    };
    const event = communityEvent(
      {
        districtCode: record.districtCode,
        streetCode: record.streetCode,
        subject: { kind: 'observation', id },
        action: `observation_${outcome.kind}`,
        users: [record.volunteerId],
      },
      actor,
      at,
    );
    if (!(await this.deps.observations.update(next, record.version, event)))
      throw new ApiError('VERSION_CONFLICT', 'Someone else triaged this observation; reload it');
    return this.view(next, 'officer');
  }

  /**
   * What the observation becomes. A complaint or a joint request is made once per observation (its
   * id is the idempotency key), so a triage retried after a lost answer makes no second one.
   */
  private async outcomeOf(principal: Principal, record: ObservationRecord, body: z.output<typeof TriageBody>): Promise<ObservationOutcome> {
    const once = `observation-${record.id}`;
    switch (body.outcome) {
      case 'dismissed':
        return { kind: 'dismissed', reason: body.reason };
      case 'complaint': {
        const source = record.source && (await this.deps.sources.briefs([record.source.id]))[0];
        const filed = await this.deps.filing.fileFromObservation(
          principal,
          {
            // The volunteer is the complainant of record only by their own choice.
            complainantId: record.willingToBeComplainant ? record.volunteerId : principal.userId,
            category: body.category,
            description: record.text,
            location: {
              lat: record.location.lat,
              lng: record.location.lng,
              coordSystem: 'WGS-84',
              address: record.location.address ?? source?.address ?? LOCATION_ONLY_ADDRESS,
            },
            streetCode: record.streetCode,
            occurrence: { pattern: 'intermittent', note: '志愿者巡查发现' },
            anonymous: !record.willingToBeComplainant,
            attachedPhotoKeys: record.photoKeys,
            origin: { kind: 'volunteer_patrol', observationId: record.id, patrolTaskId: record.taskId },
          },
          once,
        );
        return { kind: 'complaint', complaintId: filed.id, trackingNumber: filed.trackingNumber };
      }
      case 'inspection_task': {
        const sourceId = body.sourceId ?? record.source?.id;
        const [source] = sourceId ? await this.deps.raising.sourcesOfStreet([sourceId], record.streetCode, 'body.sourceId') : [];
        const dueBy = periodEnd(this.deps.clock.now().toISOString(), body.dueInDays, periodRules(this.deps.district));
        return { kind: 'inspection_task', sourceId: source?.id, sourceName: source?.name, dueBy };
      }
      case 'joint_inspection': {
        if (principal.streetCode !== record.streetCode) throw forbidden('A joint inspection request is raised by an officer of the street');
        const { lat, lng, address } = record.location;
        const raised = await this.deps.raising.raise(
          principal,
          {
            streetCode: record.streetCode,
            urgency: body.urgency,
            reason: body.reason,
            sourceIds: record.source ? [record.source.id] : [],
            area: { address, point: { lat, lng, coordSystem: 'WGS-84' }, radiusMetres: COGOV_LIMITS.defaultAreaRadiusMetres },
            photos: { attached: record.photoKeys },
            complaintTrackingNumbers: [],
            observationIds: [record.id],
          },
          once,
        );
        return { kind: 'joint_inspection', requestId: raised.record.id, reference: raised.record.reference };
      }
    }
  }

  /** The street's open inspection tasks (observations triaged into one and not yet inspected), the soonest due first. */
  async inspectionTasks(principal: Principal, query: { streetCode?: string; cursor?: string }) {
    const streetCode = listStreet(this.deps, principal, query.streetCode);
    const page = await this.deps.observations.openInspectionTasks(this.deps.district.code, streetCode, query.cursor);
    const now = this.deps.clock.now();
    return {
      items: page.items.flatMap(({ id, streetCode: street, outcome, triagedAt }) =>
        outcome?.kind === 'inspection_task'
          ? [
              {
                observationId: id,
                streetCode: street,
                sourceId: outcome.sourceId,
                sourceName: outcome.sourceName,
                dueBy: outcome.dueBy,
                overdue: now.getTime() > Date.parse(outcome.dueBy),
                createdAt: triagedAt ?? outcome.dueBy,
              },
            ]
          : [],
      ),
      nextCursor: page.nextCursor,
    };
  }

  /** The observation with its photos and the current status of what it became. */
  private async view(record: ObservationRecord, viewer: CommunityViewer) {
    const { outcome } = record;
    const [urls, status] = await Promise.all([this.deps.photos.urls(record.photoKeys), this.outcomeStatus(outcome)]);
    return toObservationView(record, viewer, urls, status);
  }

  private async outcomeStatus(outcome: ObservationOutcome | undefined): Promise<OutcomeStatus> {
    if (outcome?.kind === 'complaint') return { complaint: (await this.deps.complaints.get(outcome.complaintId))?.status };
    if (outcome?.kind === 'joint_inspection') return { joint: (await this.deps.joints.get(outcome.requestId))?.status };
    return {};
  }
}
