/**
 * A second pair of eyes (复核): an approved volunteer confirms or disputes (with a photo) the
 * resolution of a complaint or a rectification in their street; a dispute waits in the street
 * officers' queue until one answers it. Volunteers see complaints only by tracking number, kind and
 * place, never who complained.
 */
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type { ReviewAnswerBody, ReviewBody, ReviewView, VolunteerComplaintQuery } from '@green-shield/shared/api/cogov-schemas';
import { reviewStatusFor } from '@green-shield/shared/cogov/observations';
import { ApiError, notFound } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import { actorOf, approvedVolunteer, communityEvent, createAsVolunteer, madeBy, requireOfficerOf, volunteerItemLists } from './community';
import type { VolunteerItemLists, CommunityDeps } from './community';
import { toReviewView, toVolunteerComplaintView, toVolunteerSourceView, type CommunityViewer } from './community-views';
import type { ReviewRecord, ReviewSubject, VolunteerRecord } from './records';

const reviewNotFound = () => notFound('Review');
const notResolved = () => new ApiError('NOT_RESOLVED', 'Only a resolution can be confirmed or disputed: this is not resolved yet');

export class ReviewService {
  /** The volunteer's own list and the street's (queue or all). */
  readonly lists: VolunteerItemLists<z.output<typeof ReviewView>>;

  constructor(private readonly deps: CommunityDeps) {
    this.lists = volunteerItemLists(deps, deps.reviews, (record, viewer) => this.view(record, viewer));
  }

  /** Resolved (or closed) complaints of the volunteer's street. */
  async reviewableComplaints(principal: Principal, query: z.output<typeof VolunteerComplaintQuery>) {
    const volunteer = await approvedVolunteer(this.deps, principal);
    const page = await this.deps.complaints.inStreet(this.deps.district.code, volunteer.streetCode, query.status, query.cursor);
    return { items: page.items.map(toVolunteerComplaintView), nextCursor: page.nextCursor };
  }

  /** A source of the volunteer's street with its rectification items (another street's answers as a missing one). */
  async source(principal: Principal, id: string) {
    const volunteer = await approvedVolunteer(this.deps, principal);
    const source = await this.deps.facts.forVolunteers(id);
    if (!source || source.districtCode !== this.deps.district.code || source.streetCode !== volunteer.streetCode)
      throw new ApiError('SOURCE_NOT_FOUND', 'No such source');
    return toVolunteerSourceView(source);
  }

  /** What the review is about, checked to be a resolution in the volunteer's street. */
  private async subjectFor(volunteer: VolunteerRecord, subject: z.output<typeof ReviewBody>['subject']): Promise<ReviewSubject> {
    if (subject.kind === 'complaint') {
      const complaint = await this.deps.complaints.get(subject.complaintId);
      if (!complaint || complaint.districtCode !== this.deps.district.code || complaint.streetCode !== volunteer.streetCode) throw notFound('Complaint');
      if (complaint.status !== 'resolved' && complaint.status !== 'closed') throw notResolved();
      return { kind: 'complaint', complaintId: complaint.id, trackingNumber: complaint.trackingNumber };
    }
    const source = await this.deps.facts.forVolunteers(subject.sourceId);
    if (!source || source.districtCode !== this.deps.district.code || source.streetCode !== volunteer.streetCode)
      throw new ApiError('SOURCE_NOT_FOUND', 'No such source');
    const order = source.rectifications.find((candidate) => candidate.id === subject.rectificationId);
    if (!order) throw notFound('Rectification item');
    if (order.status !== 'closed') throw notResolved();
    return { kind: 'rectification', sourceId: source.id, sourceName: source.name, rectificationId: order.id, itemLabel: order.itemLabel };
  }

  submit(principal: Principal, body: z.output<typeof ReviewBody>, idempotencyKey: string) {
    const stored = async (id: string) => this.view((await this.deps.reviews.get(id))!, 'volunteer');
    return createAsVolunteer(this.deps, principal, { operation: 'review', body, idempotencyKey }, stored, async (volunteer, recordFor, now) => {
      const subject = await this.subjectFor(volunteer, body.subject);
      await this.deps.photos.check(principal, body.photoKeys, 'body.photoKeys');
      const id = ulid();
      const photoKeys = await this.deps.photos.attach(id, 'review', body.photoKeys);
      const at = now.toISOString();
      const record: ReviewRecord = {
        ...madeBy(volunteer, id),
        subject,
        verdict: body.verdict,
        note: body.note,
        photoKeys,
        at,
        status: reviewStatusFor(body.verdict),
        version: 1,
      };
      const event = communityEvent(
        {
          districtCode: record.districtCode,
          streetCode: record.streetCode,
          subject: { kind: 'review', id },
          action: `review_${body.verdict}`,
          users: [],
          toStreetOfficers: body.verdict === 'dispute',
        },
        { id: principal.userId, name: volunteer.name },
        at,
      );
      const written = await this.deps.reviews.create(record, event, recordFor(id));
      if (written !== 'ok') await this.deps.photos.discard(photoKeys);
      if (written === 'reviewed') throw new ApiError('ALREADY_EXISTS', 'You already looked at this resolution');
      return written === 'ok' ? this.view(record, 'volunteer') : undefined;
    });
  }

  async answer(principal: Principal, id: string, body: z.output<typeof ReviewAnswerBody>) {
    const record = await this.deps.reviews.get(id);
    if (!record || record.districtCode !== this.deps.district.code) throw reviewNotFound();
    requireOfficerOf(principal, record.streetCode);
    if (record.version !== body.expectedVersion) throw new ApiError('VERSION_CONFLICT', 'Someone else answered this dispute; reload it');
    if (record.status !== 'open') throw new ApiError('ILLEGAL_TRANSITION', 'Only an open dispute can be answered');
    const actor = await actorOf(this.deps, principal);
    const at = this.deps.clock.now().toISOString();
    const next: ReviewRecord = {
      ...record,
      status: 'answered',
      version: record.version + 1,
      answer: { note: body.note, at, byId: actor.id, byName: actor.name },
    };
    const event = communityEvent(
      {
        districtCode: record.districtCode,
        streetCode: record.streetCode,
        subject: { kind: 'review', id },
        action: 'review_answered',
        users: [record.volunteerId],
      },
      actor,
      at,
    );
    if (!(await this.deps.reviews.update(next, record.version, event))) throw new ApiError('VERSION_CONFLICT', 'Someone else answered this dispute; reload it');
    return this.view(next, 'officer');
  }

  private async view(record: ReviewRecord, viewer: CommunityViewer) {
    return toReviewView(record, viewer, await this.deps.photos.urls(record.photoKeys));
  }
}
