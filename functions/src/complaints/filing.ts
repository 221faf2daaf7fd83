/**
 * Filing a complaint: a resident's submission (ComplaintService.submit) and an officer's filing from
 * what a volunteer saw (co-governance's port). Apart from the rest of the complaint journey, so the
 * community function, which only files, carries none of it.
 */
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type { ComplaintOriginT, SubmitComplaintBody } from '@green-shield/shared/api/schemas';
import { periodRules, type DistrictConfig } from '@green-shield/shared/districts/district';
import { timeLimits } from '@green-shield/shared/rules/time-limits';
import { formatTrackingNumber, yearInTimeZone } from '@green-shield/shared/complaints/tracking-number';
import type { Clock } from '../lib/clock';
import { ApiError } from '../lib/errors';
import type { PhotoAttachments } from '../lib/photo-attachments';
import type { Principal } from '../lib/tokens';
import { idempotencyTicket, type IdempotencyStore, type IdempotencyTicket } from '../store/idempotency';
import type { UserDirectory } from '../store/user-directory';
import { createComplaint, type NewComplaint } from './domain';
import type { ComplaintEventRecord, ComplaintRecord } from './records';
import type { ComplaintRepository } from './repository';

export type ComplaintInput = Omit<z.infer<typeof SubmitComplaintBody>, 'photoKeys'>;

/** What a filing made: the new complaint, or the id of the one an earlier attempt with the same key made. */
export type Filed = { created: { record: ComplaintRecord; event: ComplaintEventRecord } } | { earlier: string };

export class ComplaintFiler {
  constructor(
    private readonly repo: ComplaintRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly photos: PhotoAttachments,
    private readonly users: UserDirectory,
    private readonly clock: Clock,
    private readonly district: DistrictConfig,
  ) {}

  /** The complaint an earlier attempt with this ticket's key filed, if any. */
  earlier(ticket: IdempotencyTicket): Promise<string | undefined> {
    return this.idempotency.previousResult(ticket);
  }

  /**
   * A complaint an officer files from what a volunteer saw (巡查发现): the complainant of record is
   * the volunteer only if they chose to be, else the officer; the photos are those already attached
   * to the observation. The officer is who filed it on its timeline, and it says it came from a
   * volunteer's patrol (`origin`). Idempotent by the officer's key, as a resident's submission is.
   */
  async fileOnBehalf(
    officer: Principal,
    input: ComplaintInput & { complainantId: string; attachedPhotoKeys: string[]; origin: ComplaintOriginT },
    idempotencyKey: string,
  ): Promise<{ id: string; trackingNumber: string }> {
    const ticket = idempotencyTicket('complaint', officer.userId, idempotencyKey, input, this.clock.now());
    const previous = await this.earlier(ticket);
    const filedBy = { id: officer.userId, name: (await this.users.get(officer.userId))?.name };
    const filed = previous
      ? { earlier: previous }
      : await this.file(ticket, input.complainantId, input, { referTo: input.attachedPhotoKeys }, { officer: filedBy, origin: input.origin });
    if ('created' in filed) return { id: filed.created.record.id, trackingNumber: filed.created.record.trackingNumber };
    const record = await this.repo.get(filed.earlier);
    if (!record) throw new Error(`Idempotency record points at missing complaint ${filed.earlier}`);
    return { id: record.id, trackingNumber: record.trackingNumber };
  }

  /** Writes a new complaint once per ticket: a concurrent retry that won answers instead (the photos this attempt attached are removed). */
  async file(
    ticket: IdempotencyTicket,
    complainantId: string,
    body: ComplaintInput,
    /** The complaint's photos: copies made for it (removed again if the write loses), or photos it only refers to. */
    photos: { attach: (complaintId: string) => Promise<string[]> } | { referTo: string[] },
    fromObservation?: NewComplaint['fromObservation'],
  ): Promise<Filed> {
    const now = this.clock.now();
    const user = await this.users.get(complainantId);
    if (!user) throw new ApiError('UNAUTHENTICATED', 'This account no longer exists');
    const sequence = await this.repo.nextTrackingSequence(this.district.code, yearInTimeZone(now, this.district.timeZone));
    const id = ulid();
    const photoKeys = 'attach' in photos ? await photos.attach(id) : photos.referTo;
    const { record, event } = createComplaint({
      id,
      eventId: ulid(),
      trackingNumber: formatTrackingNumber(this.district.trackingPrefix, yearInTimeZone(now, this.district.timeZone), sequence),
      districtCode: this.district.code,
      category: body.category,
      description: body.description,
      location: body.location,
      streetCode: body.streetCode,
      occurrence: body.occurrence,
      anonymous: body.anonymous,
      photoKeys,
      complainant: { id: user.id, phone: user.phone },
      fromObservation,
      limits: timeLimits(this.district.timeLimitsVersion),
      periods: periodRules(this.district),
      now,
    });
    if (await this.repo.create(record, event, this.idempotency.recordItem(ticket, id))) return { created: { record, event } };
    if ('attach' in photos) await this.photos.discard(photoKeys);
    // A concurrent retry with the same key won: answer with its complaint.
    const winner = await this.idempotency.previousResult(ticket);
    if (!winner) throw new Error('Idempotency record vanished after a conflicting write');
    return { earlier: winner };
  }
}
