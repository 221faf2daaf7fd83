/**
 * Complaint use cases: each authorizes against the object, applies the pure rules and stores the result.
 * A write answers from what it read plus what it wrote, without reading the complaint again.
 */
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type {
  ComplaintDetailT,
  ComplaintOriginT,
  CreateUploadBody,
  QueueQuery,
  RateBody,
  ReopenBody,
  SubmitComplaintBody,
  TransitionBody,
} from '@green-shield/shared/api/schemas';
import { SUMMARY_COUNT_CAP, UPLOAD_LIMIT_BYTES } from '@green-shield/shared/api/limits';
import { photoUploadKey } from '@green-shield/shared/api/upload-keys';
import { findStreet, periodRules, type DistrictConfig } from '@green-shield/shared/districts/district';
import type { ComplaintAction } from '@green-shield/shared/complaints/state-machine';
import type { Clock } from '../lib/clock';
import { ApiError, forbidden, notFound } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { ObjectStore } from '../lib/object-store';
import { PhotoAttachments } from '../lib/photo-attachments';
import type { Principal } from '../lib/tokens';
import { idempotencyTicket, type IdempotencyStore } from '../store/idempotency';
import type { UserDirectory } from '../store/user-directory';
import { relationTo, type Relation } from './access';
import { applyTransition, withEvent, type TransitionRequest } from './domain';
import type { ComplaintRecord, ComplaintEventRecord } from './records';
import type { ComplaintRepository, ComplaintWithEvents } from './repository';
import { toComplaintView, toEventView } from './views';
import { ComplaintFiler } from './filing';

const UPLOAD_TICKET_SECONDS = 10 * 60;

/** Who is looking at a complaint they may see. */
type Viewer = Exclude<Relation, 'none'>;
type TransitionDraft = Omit<TransitionRequest, 'eventId' | 'now' | 'feedbackWindowDays' | 'photoKeys' | 'periods'> & { uploadKeys: string[] };

const versionConflict = () => new ApiError('VERSION_CONFLICT', 'Someone else changed this complaint; reload it');

export class ComplaintService {
  private readonly photos: PhotoAttachments;
  private readonly filing: ComplaintFiler;

  constructor(
    private readonly repo: ComplaintRepository,
    idempotency: IdempotencyStore,
    private readonly objects: ObjectStore,
    private readonly users: UserDirectory,
    private readonly clock: Clock,
    private readonly district: DistrictConfig,
  ) {
    this.photos = new PhotoAttachments(objects);
    this.filing = new ComplaintFiler(repo, idempotency, this.photos, users, clock, district);
  }

  async createUpload(principal: Principal, body: z.infer<typeof CreateUploadBody>) {
    const key = photoUploadKey(principal.userId, ulid(), body.contentType);
    const { url, fields } = await this.objects.presignUpload(key, body.contentType, UPLOAD_LIMIT_BYTES, UPLOAD_TICKET_SECONDS);
    const expiresAt = new Date(this.clock.now().getTime() + UPLOAD_TICKET_SECONDS * 1000).toISOString();
    return { key, url, fields, expiresAt, maxBytes: UPLOAD_LIMIT_BYTES };
  }

  async submit(principal: Principal, body: z.infer<typeof SubmitComplaintBody>, idempotencyKey: string, logger: Logger): Promise<ComplaintDetailT> {
    const ticket = idempotencyTicket('complaint', principal.userId, idempotencyKey, body, this.clock.now());
    const previous = await this.filing.earlier(ticket);
    if (previous) return this.submitted(previous);
    if (!findStreet(this.district, body.streetCode)) {
      throw new ApiError('VALIDATION_FAILED', 'Unknown street', [{ field: 'body.streetCode', message: '不是本区的街道/镇' }]);
    }
    await this.photos.check(principal, body.photoKeys, 'body.photoKeys');
    const filed = await this.filing.file(ticket, principal.userId, body, { attach: (id) => this.photos.attach(id, 'complaint', body.photoKeys) });
    if (!('created' in filed)) return this.submitted(filed.earlier);
    const detail = await this.detail(filed.created.record, [filed.created.event], 'complainant');
    logger.info('complaint submitted', {
      complaintId: detail.complaint.id,
      trackingNumber: detail.complaint.trackingNumber,
      photos: detail.complaint.photos.length,
    });
    return detail;
  }

  /** A retry with the same key answers with the complaint the first attempt created. */
  private async submitted(complaintId: string): Promise<ComplaintDetailT> {
    const found = await this.repo.getWithEvents(complaintId);
    if (!found) throw new Error(`Idempotency record points at missing complaint ${complaintId}`);
    return this.detail(found.record, found.events, 'complainant');
  }

  async get(principal: Principal, id: string): Promise<ComplaintDetailT> {
    const found = await this.repo.getWithEvents(id);
    const relation = found ? relationTo(found.record, principal, this.district.code) : 'none';
    // Residents learn nothing about complaints that are not theirs, not even that they exist.
    if (!found || relation === 'none') {
      if (found && principal.roles.some((role) => role !== 'resident')) throw forbidden('This complaint is outside your street');
      throw notFound('Complaint');
    }
    return this.detail(found.record, found.events, relation);
  }

  async mine(principal: Principal, cursor: string | undefined) {
    const page = await this.repo.listByComplainant(principal.userId, cursor);
    return { items: await Promise.all(page.items.map((record) => this.listView(record, 'complainant'))), nextCursor: page.nextCursor };
  }

  /** The street an officer's queue covers: a street officer's own; the bureau's choice, or the whole district. */
  private queueStreet(principal: Principal, requested: string | undefined): string | undefined {
    const isBureau = principal.roles.includes('bureau_officer');
    if (!isBureau && requested && requested !== principal.streetCode) throw forbidden('Street officers see only their own street');
    const streetCode = isBureau ? requested : principal.streetCode;
    if (streetCode && !findStreet(this.district, streetCode)) {
      throw new ApiError('VALIDATION_FAILED', 'Unknown street', [{ field: 'query.streetCode', message: 'not a street of this district' }]);
    }
    return streetCode;
  }

  async queue(principal: Principal, query: z.infer<typeof QueueQuery>) {
    const streetCode = this.queueStreet(principal, query.streetCode);
    const filter = {
      status: query.status,
      type: query.type,
      overdueAt: query.overdue === 'true' ? this.clock.now().toISOString() : undefined,
      urgentFirst: query.order === 'urgency',
    };
    const page = await this.repo.listQueue(this.district.code, streetCode, filter, query.cursor);
    return { items: await Promise.all(page.items.map((record) => this.listView(record, 'officer'))), nextCursor: page.nextCursor };
  }

  /** How many complaints of the officer's queue are overdue now. */
  async queueSummary(principal: Principal, query: { streetCode?: string }) {
    const streetCode = this.queueStreet(principal, query.streetCode);
    const overdueAt = this.clock.now().toISOString();
    return { overdue: await this.repo.countQueue(this.district.code, streetCode, { overdueAt }, SUMMARY_COUNT_CAP) };
  }

  /** A complaint of the officer's queue by its tracking number; another street's answers as a missing one (a search reveals nothing). */
  async findByTrackingNumber(principal: Principal, trackingNumber: string) {
    const found = await this.repo.idByTrackingNumber(trackingNumber);
    const record = found && found.districtCode === this.district.code ? await this.repo.get(found.complaintId) : undefined;
    if (!record || relationTo(record, principal, this.district.code) !== 'officer') throw notFound('Complaint');
    return this.listView(record, 'officer');
  }

  async officerTransition(principal: Principal, id: string, body: z.infer<typeof TransitionBody>): Promise<ComplaintDetailT> {
    const found = await this.load(principal, id, 'officer');
    const { record } = found;
    const officer = await this.users.get(principal.userId);
    const assignee = body.action === 'assign' && body.assigneeId ? await this.checkAssignee(record, body.assigneeId) : undefined;
    const duplicateOf = body.action === 'mark_duplicate' && body.duplicateOf ? await this.checkOriginal(record, body.duplicateOf) : undefined;
    if (body.photoKeys?.length) await this.photos.check(principal, body.photoKeys, 'body.photoKeys');
    return this.transition(
      found,
      body.expectedVersion,
      {
        action: body.action as ComplaintAction,
        actor: { id: principal.userId, role: 'officer', name: officer?.name },
        note: body.note,
        reason: body.reason,
        referral: body.referral,
        duplicateOf,
        assignee,
        extensionDays: body.extensionDays,
        uploadKeys: body.photoKeys ?? [],
      },
      'officer',
    );
  }

  async rate(principal: Principal, id: string, body: z.infer<typeof RateBody>): Promise<ComplaintDetailT> {
    return this.complainantTransition(principal, id, body.expectedVersion, { action: 'rate', rating: body.rating, comment: body.comment });
  }

  async reopen(principal: Principal, id: string, body: z.infer<typeof ReopenBody>): Promise<ComplaintDetailT> {
    return this.complainantTransition(principal, id, body.expectedVersion, { action: 'reopen', reason: body.reason });
  }

  private async complainantTransition(
    principal: Principal,
    id: string,
    expectedVersion: number,
    request: Pick<TransitionDraft, 'action' | 'rating' | 'comment' | 'reason'>,
  ): Promise<ComplaintDetailT> {
    const found = await this.load(principal, id, 'complainant');
    return this.transition(found, expectedVersion, { ...request, actor: { id: principal.userId, role: 'resident' }, uploadKeys: [] }, 'complainant');
  }

  /** The complaint with its timeline, if the caller stands in `as` relation to it. */
  private async load(principal: Principal, id: string, as: Viewer): Promise<ComplaintWithEvents> {
    const found = await this.repo.getWithEvents(id);
    const relation = found ? relationTo(found.record, principal, this.district.code) : 'none';
    if (!found || (relation === 'none' && as === 'complainant')) throw notFound('Complaint');
    if (relation !== as) throw forbidden(as === 'officer' ? 'This complaint is outside your street' : 'Only the complainant can do this');
    return found;
  }

  private async checkAssignee(record: ComplaintRecord, assigneeId: string): Promise<{ id: string; name?: string }> {
    const user = await this.users.get(assigneeId);
    const eligible = user && (user.roles.includes('bureau_officer') || (user.roles.includes('street_officer') && user.streetCode === record.streetCode));
    if (!eligible)
      throw new ApiError('VALIDATION_FAILED', 'Not an officer of this street', [
        { field: 'body.assigneeId', message: 'choose an officer of the complaint’s street or the bureau' },
      ]);
    return { id: user.id, name: user.name };
  }

  private async checkOriginal(record: ComplaintRecord, trackingNumber: string): Promise<string> {
    const original = await this.repo.idByTrackingNumber(trackingNumber);
    if (!original || original.districtCode !== record.districtCode || original.complaintId === record.id) {
      throw new ApiError('VALIDATION_FAILED', 'No such original complaint', [
        { field: 'body.duplicateOf', message: 'tracking number of another complaint in this district' },
      ]);
    }
    return trackingNumber;
  }

  private async transition(found: ComplaintWithEvents, expectedVersion: number, request: TransitionDraft, relation: Viewer): Promise<ComplaintDetailT> {
    const { record, events } = found;
    if (expectedVersion !== record.version) throw versionConflict();
    const eventId = ulid();
    const draft = { ...request, eventId, now: this.clock.now(), feedbackWindowDays: this.district.resolutionFeedbackDays, periods: periodRules(this.district) };
    applyTransition(record, draft); // refuse before copying any photo
    const photoKeys = await this.photos.attach(record.id, `result-${eventId}`, request.uploadKeys);
    const { record: next, event } = applyTransition(record, { ...draft, photoKeys });
    if (!(await this.repo.transition(next, expectedVersion, event))) {
      await this.photos.discard(photoKeys);
      throw versionConflict();
    }
    return this.detail(next, withEvent(events, event), relation);
  }

  private async detail(record: ComplaintRecord, events: ComplaintEventRecord[], relation: Viewer): Promise<ComplaintDetailT> {
    const keys = [...record.photoKeys, ...events.flatMap((event) => event.photoKeys ?? [])];
    const urls = await this.photos.urls(keys);
    const now = this.clock.now();
    return { complaint: toComplaintView(record, relation, now, urls), events: events.map((event) => toEventView(event, urls)) };
  }

  /** Lists carry only the cover photo. */
  private async listView(record: ComplaintRecord, relation: Viewer) {
    const urls = await this.photos.urls(record.photoKeys.slice(0, 1));
    return toComplaintView(record, relation, this.clock.now(), urls);
  }
}
