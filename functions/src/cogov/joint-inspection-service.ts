/**
 * Joint inspection requests (街镇发起联合检查): a street raises one, the bureau answers, schedules,
 * inspects each source through the registry and records the result, the street confirms it or
 * sends it back once. Each use case authorizes against the request (its two parties only: another
 * street's officer gets 403, as for complaints), applies the pure rules and writes conditionally on
 * the version read; a write answers from what it read plus what it wrote.
 */
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type {
  JointCommentBody,
  JointInspectionDetailT,
  JointInspectionListQuery,
  JointInspectionVisitBody,
  JointStepBodyT,
  RaiseJointInspectionBodyT,
} from '@green-shield/shared/api/cogov-schemas';
import { findStreet, periodRules, type DistrictConfig } from '@green-shield/shared/districts/district';
import type { Clock } from '../lib/clock';
import { ApiError, forbidden, notFound } from '../lib/errors';
import { officerScope, streetFilter } from '../lib/officer-scope';
import type { PhotoAttachments } from '../lib/photo-attachments';
import type { Principal } from '../lib/tokens';
import type { UserDirectory } from '../store/user-directory';
import type { JointInspectionRaising } from './joint-inspection-raising';
import { nextEventId } from './joint-inspection-raising';
import type { JointInspectionRepository, JointInspectionWithEvents } from './joint-inspection-repository';
import { applyJointStep, partyOf, rectificationFollowUp, refuseUnlessAllowed, withEvents, type Actor, type JointStep } from './joint-inspections';
import type { JointRequestRef, SourceDirectory, SourceInspections } from './ports';
import type { JointInspectionRecord } from './records';
import { storedArea } from './areas';
import { toJointEventView, toJointInspectionView } from './views';

/** A step's write races only the other party's steps in the milliseconds between read and write. */
const MAX_APPEND_ATTEMPTS = 3;

const versionConflict = () => new ApiError('VERSION_CONFLICT', 'Someone else changed this request; reload it');
const requestNotFound = () => notFound('Joint inspection request');

/** The stores and ports the use cases work with. */
export interface JointInspectionDeps {
  repo: JointInspectionRepository;
  raising: JointInspectionRaising;
  photos: PhotoAttachments;
  users: UserDirectory;
  sources: SourceDirectory;
  inspections: SourceInspections;
  clock: Clock;
  district: DistrictConfig;
}

export class JointInspectionService {
  constructor(private readonly deps: JointInspectionDeps) {}

  private get periods() {
    return periodRules(this.deps.district);
  }

  private async actor(principal: Principal): Promise<Actor> {
    return { id: principal.userId, name: (await this.deps.users.get(principal.userId))?.name };
  }

  async raise(principal: Principal, body: RaiseJointInspectionBodyT, idempotencyKey: string): Promise<JointInspectionDetailT> {
    const streetCode = principal.streetCode;
    if (!streetCode || !findStreet(this.deps.district, streetCode)) throw forbidden('Only an officer of a street of this district may raise a request');
    const { area, photoKeys, ...rest } = body;
    const raised = await this.deps.raising.raise(
      principal,
      { ...rest, streetCode, area: area && storedArea(area), photos: { uploads: photoKeys } },
      idempotencyKey,
    );
    return this.detail(raised, partyOf(principal, raised.record) ?? 'street');
  }

  async list(principal: Principal, query: z.output<typeof JointInspectionListQuery>) {
    const streetCode = streetFilter(officerScope(principal), query.streetCode);
    if (streetCode && !findStreet(this.deps.district, streetCode)) {
      throw new ApiError('VALIDATION_FAILED', 'Unknown street', [{ field: 'query.streetCode', message: '不是本区的街道/镇' }]);
    }
    const page = await this.deps.repo.list(
      this.deps.district.code,
      streetCode,
      { awaitingBureau: query.awaiting === 'bureau', open: query.open === 'true' },
      query.cursor,
    );
    const party = principal.roles.includes('bureau_officer') ? 'bureau' : 'street';
    const urls = await this.deps.photos.urls(page.items.flatMap((record) => record.photoKeys.slice(0, 1)));
    const now = this.deps.clock.now();
    return { items: page.items.map((record) => toJointInspectionView(record, party, now, urls)), nextCursor: page.nextCursor };
  }

  /** The request with its timeline, if the caller is one of its parties: 404 when there is none, 403 for another street's officer. */
  private async load(principal: Principal, id: string) {
    const found = await this.deps.repo.getWithEvents(id);
    if (!found || found.record.districtCode !== this.deps.district.code) throw requestNotFound();
    const party = partyOf(principal, found.record);
    if (!party) throw forbidden('This request is outside your street');
    return { ...found, party };
  }

  async get(principal: Principal, id: string): Promise<JointInspectionDetailT> {
    const { party, ...found } = await this.load(principal, id);
    return this.detail(found, party);
  }

  async step(principal: Principal, id: string, body: JointStepBodyT): Promise<JointInspectionDetailT> {
    const { party, ...found } = await this.load(principal, id);
    const { record } = found;
    if (body.expectedVersion !== record.version) throw versionConflict();
    const actor = await this.actor(principal);
    // Refused before any photo is copied or penalty recorded.
    refuseUnlessAllowed(record, body.action, party);
    const steps = await this.stepsFor(principal, record, body, actor);
    const now = this.deps.clock.now();
    let next = record;
    const events = steps.map((step) => {
      const applied = applyJointStep(next, step, { party, actor, eventId: nextEventId(), now, periods: this.periods });
      next = applied.record;
      return applied.event;
    });
    if (!(await this.deps.repo.step(next, record.version, events))) {
      await this.deps.photos.discard(events.flatMap((event) => event.photoKeys ?? []));
      throw versionConflict();
    }
    if (body.action === 'record_result' && next.result) {
      await this.deps.sources.noteJointInspection(
        next.sources.map((source) => source.id),
        { type: 'joint_inspection_result', request: refOf(next), summary: next.result.summary, actor, at: next.result.recordedAt },
      );
    }
    return this.detail({ record: next, events: withEvents(found.events, events) }, party);
  }

  /** The steps one request body makes, with what they carry checked and built (accept with a schedule is two). */
  private async stepsFor(principal: Principal, record: JointInspectionRecord, body: JointStepBodyT, actor: Actor): Promise<JointStep[]> {
    switch (body.action) {
      case 'accept':
        return [{ action: 'accept', note: body.note }, ...(body.schedule ? [{ action: 'schedule' as const, schedule: body.schedule }] : [])];
      case 'request_info':
        return [{ action: 'request_info', question: body.question }];
      case 'provide_info': {
        await this.deps.photos.check(principal, body.photoKeys, 'body.photoKeys');
        return [{ action: 'provide_info', note: body.note, photoKeys: await this.deps.photos.attach(record.id, 'info', body.photoKeys) }];
      }
      case 'record_result':
        return [{ action: 'record_result', result: await this.result(principal, record, body.result, actor) }];
      case 'schedule':
        return [{ action: 'schedule', schedule: body.schedule }];
      case 'confirm':
        return [{ action: 'confirm', note: body.note }];
      case 'decline':
      case 'send_back':
      case 'withdraw':
        return [{ action: body.action, reason: body.reason }];
    }
  }

  /**
   * The result as recorded: its rectification orders from the request's inspections, and its
   * penalties recorded on their sources first (idempotent by keys derived from the request and the
   * version read, so a retried step records each once).
   */
  private async result(
    principal: Principal,
    record: JointInspectionRecord,
    input: Extract<JointStepBodyT, { action: 'record_result' }>['result'],
    actor: Actor,
  ) {
    const sourceName = new Map(record.sources.map((source) => [source.id, source.name]));
    const details = input.penalties.flatMap((penalty, index) =>
      sourceName.has(penalty.sourceId) ? [] : [{ field: `body.result.penalties.${index}.sourceId`, message: '不是本次联合检查的污染源' }],
    );
    if (details.length) throw new ApiError('VALIDATION_FAILED', 'Penalties must concern the request’s sources', details);
    // Nothing is recorded on a source unless the step is allowed (every source inspected, the right status).
    const recordedAt = this.deps.clock.now().toISOString();
    const result = {
      summary: input.summary,
      recordedAt,
      recordedById: actor.id,
      recordedByName: actor.name,
      followUp: {
        rectifications: rectificationFollowUp(record),
        penalties: input.penalties.map((penalty) => ({ ...penalty, sourceName: sourceName.get(penalty.sourceId) as string })),
        reinspectOn: input.reinspectOn,
      },
    };
    applyJointStep(record, { action: 'record_result', result }, { party: 'bureau', actor, eventId: ulid(), now: this.deps.clock.now(), periods: this.periods });
    for (const [index, penalty] of input.penalties.entries()) {
      await this.deps.inspections.recordPenalty(
        principal,
        penalty.sourceId,
        { decisionNumber: penalty.decisionNumber, amountYuan: penalty.amountYuan, at: recordedAt },
        `joint-${record.id}-v${record.version}-penalty-${index}`,
        refOf(record),
      );
    }
    return result;
  }

  async comment(principal: Principal, id: string, body: z.output<typeof JointCommentBody>): Promise<JointInspectionDetailT> {
    const { party, ...found } = await this.load(principal, id);
    refuseUnlessAllowed(found.record, 'comment', party);
    await this.deps.photos.check(principal, body.photoKeys, 'body.photoKeys');
    const photoKeys = await this.deps.photos.attach(id, 'comment', body.photoKeys);
    const { event } = applyJointStep(
      found.record,
      { action: 'comment', note: body.note, photoKeys },
      { party, actor: await this.actor(principal), eventId: nextEventId(), now: this.deps.clock.now(), periods: this.periods },
    );
    if (!(await this.deps.repo.comment(event))) {
      await this.deps.photos.discard(photoKeys);
      throw new ApiError('ILLEGAL_TRANSITION', 'This request has ended; it takes no more comments');
    }
    return this.detail({ record: found.record, events: withEvents(found.events, [event]) }, party);
  }

  /**
   * The bureau inspects a source for the request: the registry records the inspection (idempotent by
   * the request's Idempotency-Key), then the request notes the visit; a retry finds it noted. A
   * source the request did not name joins it if it is in the requesting street.
   */
  async inspect(principal: Principal, id: string, body: z.output<typeof JointInspectionVisitBody>, idempotencyKey: string): Promise<JointInspectionDetailT> {
    let { party, ...found } = await this.load(principal, id);
    refuseUnlessAllowed(found.record, 'record_inspection', party);
    const named = found.record.sources.find((source) => source.id === body.sourceId);
    const joining = named ? undefined : (await this.deps.raising.sourcesOfStreet([body.sourceId], found.record.streetCode, 'body.sourceId'))[0];
    const source = named ?? { id: joining!.id, name: joining!.name, kind: joining!.kind, address: joining!.address };
    const outcome = await this.deps.inspections.inspect(principal, body.sourceId, body.inspection, idempotencyKey, refOf(found.record));
    const actor = await this.actor(principal);
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const { record, events } = found;
      if (record.inspections.some((visit) => visit.inspectionId === outcome.inspectionId)) return this.detail(found, party);
      const visit = { sourceId: source.id, sourceName: source.name, byId: actor.id, byName: actor.name, ...outcome };
      const applied = applyJointStep(
        record,
        { action: 'record_inspection', visit, source },
        { party, actor, eventId: nextEventId(), now: this.deps.clock.now(), periods: this.periods },
      );
      if (await this.deps.repo.step(applied.record, record.version, [applied.event]))
        return this.detail({ record: applied.record, events: withEvents(events, [applied.event]) }, party);
      ({ party, ...found } = await this.load(principal, id));
    }
    throw versionConflict();
  }

  private async detail({ record, events }: JointInspectionWithEvents, party: 'street' | 'bureau'): Promise<JointInspectionDetailT> {
    const urls = await this.deps.photos.urls([...record.photoKeys, ...events.flatMap((event) => event.photoKeys ?? [])]);
    const now = this.deps.clock.now();
    return { request: toJointInspectionView(record, party, now, urls), events: events.map((event) => toJointEventView(event, urls)) };
  }
}

const refOf = (record: Pick<JointInspectionRecord, 'id' | 'reference'>): JointRequestRef => ({ id: record.id, reference: record.reference });
