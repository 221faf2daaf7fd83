/**
 * Volunteers: a resident applies for a street; its officers approve, decline or withdraw, and thank;
 * each volunteer has a service record and a monthly summary. The street operational guide is read
 * by officers and approved volunteers.
 */
import type { z } from 'zod/mini';
import type { MonthQuery, ThanksBody, VolunteerApplyBody, VolunteerDecisionBody, VolunteerListQuery } from '@green-shield/shared/api/cogov-schemas';
import { CURRENT_STREET_GUIDE } from '@green-shield/shared/cogov/street-guide';
import { decideVolunteer, mayApply } from '@green-shield/shared/cogov/volunteers';
import { findStreet } from '@green-shield/shared/districts/district';
import { calendarDate } from '@green-shield/shared/rules/legal-periods';
import { maskPhonesIn } from '@green-shield/shared/privacy/mask';
import { ApiError, notFound } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import { actorOf, approvedVolunteer, communityEvent, requireOfficerOf, streetPage, type CommunityDeps } from './community';
import { toVolunteerView, type CommunityViewer } from './community-views';
import type { VolunteerRecord } from './records';
import { keyRange, monthRange, serviceRecord } from './service-record';

const volunteerNotFound = () => notFound('Volunteer');
const versionConflict = () => new ApiError('VERSION_CONFLICT', 'Someone else decided on this volunteer; reload it');

export class VolunteerService {
  constructor(private readonly deps: CommunityDeps) {}

  /** A resident applies for a street; applying again while pending or approved answers with the application as it stands. */
  async apply(principal: Principal, body: z.output<typeof VolunteerApplyBody>) {
    if (!findStreet(this.deps.district, body.streetCode)) {
      throw new ApiError('VALIDATION_FAILED', 'Unknown street', [{ field: 'body.streetCode', message: '不是本区的街道/镇' }]);
    }
    const current = await this.deps.volunteers.get(principal.userId, true);
    if (current && !mayApply(current.status)) {
      if (current.streetCode !== body.streetCode) throw new ApiError('ALREADY_EXISTS', 'You already volunteer (or applied) for another street');
      return toVolunteerView(current, 'volunteer');
    }
    const at = this.deps.clock.now().toISOString();
    const record: VolunteerRecord = {
      userId: principal.userId,
      districtCode: this.deps.district.code,
      ...body,
      status: 'pending',
      version: (current?.version ?? 0) + 1,
      appliedAt: at,
    };
    const event = communityEvent(
      {
        districtCode: record.districtCode,
        streetCode: record.streetCode,
        subject: { kind: 'volunteer', id: record.userId },
        action: 'volunteer_applied',
        users: [],
        toStreetOfficers: true,
      },
      { id: principal.userId, name: body.name },
      at,
    );
    if (!(await this.deps.volunteers.apply(record, event))) return this.mine(principal);
    return toVolunteerView(record, 'volunteer');
  }

  async mine(principal: Principal) {
    const record = await this.deps.volunteers.get(principal.userId, true);
    if (!record) throw volunteerNotFound();
    return toVolunteerView(record, 'volunteer');
  }

  list(principal: Principal, query: z.output<typeof VolunteerListQuery>) {
    const read = (streetCode: string) => this.deps.volunteers.listOfStreet(this.deps.district.code, streetCode, query.status, query.cursor);
    return streetPage(this.deps, principal, query.streetCode, read, (record) => toVolunteerView(record, 'officer'));
  }

  /** A volunteer of the officer's street (another street's: 403; none: 404). */
  private async ofOfficersStreet(principal: Principal, userId: string): Promise<VolunteerRecord> {
    const record = await this.deps.volunteers.get(userId, true);
    if (!record || record.districtCode !== this.deps.district.code) throw volunteerNotFound();
    requireOfficerOf(principal, record.streetCode);
    return record;
  }

  async decide(principal: Principal, userId: string, body: z.output<typeof VolunteerDecisionBody>) {
    const record = await this.ofOfficersStreet(principal, userId);
    if (record.version !== body.expectedVersion) throw versionConflict();
    const decided = decideVolunteer(record.status, body.decision, body.reason);
    if (!decided.ok) {
      if (decided.code === 'REASON_REQUIRED')
        throw new ApiError('VALIDATION_FAILED', 'A reason is required', [{ field: 'body.reason', message: '请说明原因' }]);
      throw new ApiError('ILLEGAL_TRANSITION', `Cannot ${body.decision} a volunteer who is ${record.status}`);
    }
    const actor = await actorOf(this.deps, principal);
    const at = this.deps.clock.now().toISOString();
    const next: VolunteerRecord = {
      ...record,
      status: decided.to,
      version: record.version + 1,
      decidedAt: at,
      decidedById: actor.id,
      decidedByName: actor.name,
      reason: body.reason,
    };
    const event = communityEvent(
      {
        districtCode: record.districtCode,
        streetCode: record.streetCode,
        subject: { kind: 'volunteer', id: userId },
        action: `volunteer_${decided.to}`,
        users: [userId],
        note: body.reason,
      },
      actor,
      at,
    );
    if (!(await this.deps.volunteers.decide(next, record.version, event))) throw versionConflict();
    return toVolunteerView(next, 'officer');
  }

  async thank(principal: Principal, userId: string, body: z.output<typeof ThanksBody>) {
    const record = await this.ofOfficersStreet(principal, userId);
    if (record.status !== 'approved') throw new ApiError('ILLEGAL_TRANSITION', 'Only an approved volunteer can be thanked');
    const at = this.deps.clock.now().toISOString();
    const event = communityEvent(
      {
        districtCode: record.districtCode,
        streetCode: record.streetCode,
        subject: { kind: 'volunteer', id: userId },
        action: 'thanked',
        users: [userId],
        note: body.note,
      },
      await actorOf(this.deps, principal),
      at,
    );
    await this.deps.volunteers.addEvent(userId, event);
    return this.record(record, undefined, 'officer');
  }

  /** The caller's own service record (an approved volunteer, or one whose approval was withdrawn). */
  async myRecord(principal: Principal, query: z.output<typeof MonthQuery>) {
    const record = await this.deps.volunteers.get(principal.userId, true);
    if (!record || record.status === 'pending' || record.status === 'declined') throw new ApiError('NOT_A_VOLUNTEER', 'Only volunteers have a service record');
    return this.record(record, query.month, 'volunteer');
  }

  async recordOf(principal: Principal, userId: string, query: z.output<typeof MonthQuery>) {
    return this.record(await this.ofOfficersStreet(principal, userId), query.month, 'officer');
  }

  private async record(volunteer: VolunteerRecord, requestedMonth: string | undefined, viewer: CommunityViewer) {
    const month = requestedMonth ?? calendarDate(this.deps.clock.now(), this.deps.district.timeZone).slice(0, 7);
    const range = monthRange(month, this.deps.district.timeZone);
    const [claims, observations, reviewsInMonth, events] = await Promise.all([
      this.deps.tasks.claimsOf(volunteer.userId),
      this.deps.observations.allBy(volunteer.userId),
      this.deps.reviews.listByBetween(volunteer.userId, keyRange(range).from, keyRange(range).to),
      this.deps.volunteers.events(volunteer.userId),
    ]);
    const summary = serviceRecord({ volunteer, month, range, claims, observations, reviewsInMonth, events });
    return viewer === 'volunteer' ? { ...summary, thanks: summary.thanks.map((thanks) => ({ ...thanks, note: maskPhonesIn(thanks.note) })) } : summary;
  }

  /** The street operational guide, for officers and approved volunteers. */
  async guide(principal: Principal) {
    if (!principal.roles.some((role) => role === 'street_officer' || role === 'bureau_officer')) await approvedVolunteer(this.deps, principal);
    return CURRENT_STREET_GUIDE;
  }
}
