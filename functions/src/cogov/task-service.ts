/**
 * Patrol tasks (巡查任务): a street publishes one (area, sources, a checklist from the street
 * operational guide, a time window, how many volunteers); its approved volunteers claim and
 * release places (capacity kept by the store under concurrency), check in on site and out again.
 */
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type { CheckInBody, PatrolTaskBody, PatrolTaskListQuery } from '@green-shield/shared/api/cogov-schemas';
import { CURRENT_STREET_GUIDE, guideItem } from '@green-shield/shared/cogov/street-guide';
import { claimable, mayCheckIn, serviceHours, windowProblem } from '@green-shield/shared/cogov/patrol-tasks';
import { findStreet } from '@green-shield/shared/districts/district';
import { toWgs84 } from '@green-shield/shared/geo/coordinates';
import { ApiError, forbidden, notFound } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import { idempotencyTicket } from '../store/idempotency';
import { distanceFromArea, storedArea } from './areas';
import { actorOf, approvedVolunteer, communityEvent, requireOfficerOf, streetPage, type CommunityDeps } from './community';
import { toPatrolTaskView } from './community-views';
import { createOnce } from './create-once';
import type { PatrolTaskRecord, TaskClaimRecord, VolunteerRecord } from './records';

const taskNotFound = () => notFound('Patrol task');

export class TaskService {
  constructor(private readonly deps: CommunityDeps) {}

  publish(principal: Principal, body: z.output<typeof PatrolTaskBody>, idempotencyKey: string) {
    const streetCode = principal.streetCode;
    if (!streetCode || !findStreet(this.deps.district, streetCode)) throw forbidden('Only an officer of a street may publish patrol tasks');
    const now = this.deps.clock.now();
    const ticket = idempotencyTicket('patrol-task', principal.userId, idempotencyKey, body, now);
    const existing = async (id: string) => toPatrolTaskView((await this.deps.tasks.getWithClaims(id))!.task, 'officer', {});
    return createOnce(this.deps.idempotency, ticket, existing, async (recordFor) => {
      const problem = windowProblem(body, now);
      if (problem) throw new ApiError('VALIDATION_FAILED', 'The time window cannot be published', [{ field: 'body.endsAt', message: problem }]);
      const checklist = body.checklist.map((ref) => guideItem(CURRENT_STREET_GUIDE, ref));
      const unknown = checklist.flatMap((item, index) => (item ? [] : [{ field: `body.checklist.${index}`, message: '不是操作指南中的检查内容' }]));
      if (unknown.length) throw new ApiError('VALIDATION_FAILED', 'Some checklist items are not in the street operational guide', unknown);
      const [sources, actor] = await Promise.all([
        this.deps.raising.sourcesOfStreet(body.sourceIds, streetCode, 'body.sourceIds'),
        actorOf(this.deps, principal),
      ]);
      const at = now.toISOString();
      const task: PatrolTaskRecord = {
        id: ulid(),
        districtCode: this.deps.district.code,
        streetCode,
        title: body.title,
        brief: body.brief,
        area: storedArea(body.area),
        sources: sources.map(({ id, name, kind, address }) => ({ id, name, kind, address })),
        checklist: checklist.map((item) => {
          const { situationId, situation, id: itemId, label, basis } = item!;
          return { situationId, situation, itemId, label, basis };
        }),
        guideVersion: CURRENT_STREET_GUIDE.version,
        startsAt: new Date(body.startsAt).toISOString(),
        endsAt: new Date(body.endsAt).toISOString(),
        capacity: body.capacity,
        claimed: 0,
        status: 'published',
        version: 1,
        publishedById: actor.id,
        publishedByName: actor.name,
        publishedAt: at,
      };
      const event = communityEvent(
        {
          districtCode: task.districtCode,
          streetCode,
          subject: { kind: 'patrol_task', id: task.id },
          action: 'task_published',
          users: [],
          toStreetVolunteers: true,
        },
        actor,
        at,
      );
      if (!(await this.deps.tasks.create(task, event, recordFor(task.id)))) return undefined;
      return toPatrolTaskView(task, 'officer', { all: [] });
    });
  }

  /** The street's tasks for its officers: the current ones (soonest ending first), or all. */
  list(principal: Principal, query: z.output<typeof PatrolTaskListQuery>) {
    const endingAfter = query.when === 'current' ? this.deps.clock.now().toISOString() : undefined;
    const read = (streetCode: string) => this.deps.tasks.listOfStreet(this.deps.district.code, streetCode, endingAfter, query.cursor);
    return streetPage(this.deps, principal, query.streetCode, read, (task) => toPatrolTaskView(task, 'officer'));
  }

  /** A task with who claimed it, for an officer of its street. */
  async get(principal: Principal, id: string) {
    const found = await this.deps.tasks.getWithClaims(id);
    if (!found || found.task.districtCode !== this.deps.district.code) throw taskNotFound();
    requireOfficerOf(principal, found.task.streetCode);
    return toPatrolTaskView(found.task, 'officer', { all: found.claims });
  }

  async cancel(principal: Principal, id: string) {
    const found = await this.deps.tasks.getWithClaims(id);
    if (!found || found.task.districtCode !== this.deps.district.code) throw taskNotFound();
    const { task, claims } = found;
    requireOfficerOf(principal, task.streetCode);
    if (!claimable(task, this.deps.clock.now())) throw new ApiError('TASK_CLOSED', 'This task was already cancelled or is over');
    const next: PatrolTaskRecord = { ...task, status: 'cancelled', version: task.version + 1 };
    const event = communityEvent(
      {
        districtCode: task.districtCode,
        streetCode: task.streetCode,
        subject: { kind: 'patrol_task', id },
        action: 'task_cancelled',
        users: claims.map((claim) => claim.userId),
      },
      await actorOf(this.deps, principal),
      this.deps.clock.now().toISOString(),
    );
    if (!(await this.deps.tasks.cancel(next, task.version, event))) throw new ApiError('VERSION_CONFLICT', 'The task changed meanwhile; reload it');
    return toPatrolTaskView(next, 'officer', { all: claims });
  }

  /** The current tasks of the volunteer's street, or (`mine`) the tasks they claimed, latest first; each with the volunteer's own claim. */
  async forVolunteer(principal: Principal, mine: boolean, cursor: string | undefined) {
    const volunteer = await approvedVolunteer(this.deps, principal);
    if (mine) {
      const claims = await this.deps.tasks.claimsPageOf(principal.userId, cursor);
      const tasks = await Promise.all(claims.items.map((claim) => this.deps.tasks.get(claim.taskId)));
      const items = claims.items.flatMap((claim, i) => {
        const task = tasks[i];
        return task ? [toPatrolTaskView(task, 'volunteer', { mine: claim })] : [];
      });
      return { items, nextCursor: claims.nextCursor };
    }
    const page = await this.deps.tasks.listOfStreet(this.deps.district.code, volunteer.streetCode, this.deps.clock.now().toISOString(), cursor);
    const claims = await Promise.all(page.items.map((task) => this.deps.tasks.getClaim(task.id, principal.userId)));
    return { items: page.items.map((task, i) => toPatrolTaskView(task, 'volunteer', { mine: claims[i] })), nextCursor: page.nextCursor };
  }

  /** One task of the volunteer's street with their claim. */
  async oneForVolunteer(principal: Principal, id: string) {
    const { task } = await this.volunteersTask(principal, id);
    return toPatrolTaskView(task, 'volunteer', { mine: await this.deps.tasks.getClaim(id, principal.userId) });
  }

  /** A task of the volunteer's street (another street's answers as a missing one). */
  private async volunteersTask(principal: Principal, id: string): Promise<{ volunteer: VolunteerRecord; task: PatrolTaskRecord }> {
    const volunteer = await approvedVolunteer(this.deps, principal);
    const task = await this.deps.tasks.get(id, true);
    if (!task || task.districtCode !== this.deps.district.code || task.streetCode !== volunteer.streetCode) throw taskNotFound();
    return { volunteer, task };
  }

  private async viewForVolunteer(principal: Principal, id: string) {
    const [task, mine] = await Promise.all([this.deps.tasks.get(id, true), this.deps.tasks.getClaim(id, principal.userId)]);
    return toPatrolTaskView(task!, 'volunteer', { mine });
  }

  async claim(principal: Principal, id: string) {
    const { volunteer, task } = await this.volunteersTask(principal, id);
    const now = this.deps.clock.now().toISOString();
    const claim: TaskClaimRecord = {
      taskId: id,
      userId: principal.userId,
      name: volunteer.name,
      streetCode: task.streetCode,
      title: task.title,
      startsAt: task.startsAt,
      endsAt: task.endsAt,
      claimedAt: now,
    };
    const outcome = await this.deps.tasks.claim(claim, now);
    if (outcome === 'full') throw new ApiError('TASK_FULL', 'Every place of this task is taken');
    if (outcome === 'closed') throw new ApiError('TASK_CLOSED', 'This task was cancelled or is over');
    return this.viewForVolunteer(principal, id);
  }

  async release(principal: Principal, id: string) {
    await this.volunteersTask(principal, id);
    if (!(await this.deps.tasks.release(id, principal.userId)))
      throw new ApiError('ILLEGAL_TRANSITION', 'Only a place claimed and not yet checked in can be given back');
    return this.viewForVolunteer(principal, id);
  }

  private async ownClaim(principal: Principal, id: string) {
    const { task } = await this.volunteersTask(principal, id);
    const claim = await this.deps.tasks.getClaim(id, principal.userId);
    if (!claim) throw new ApiError('ILLEGAL_TRANSITION', 'Claim a place on this task first');
    return { task, claim };
  }

  async checkIn(principal: Principal, id: string, body: z.output<typeof CheckInBody>) {
    const { task, claim } = await this.ownClaim(principal, id);
    const now = this.deps.clock.now();
    if (task.status !== 'published' || !mayCheckIn(task, now)) throw new ApiError('ILLEGAL_TRANSITION', 'Check in on site during the task’s time window');
    const at = toWgs84(body.location);
    const location = { lat: at.lat, lng: at.lng, coordSystem: 'WGS-84' as const };
    const next: TaskClaimRecord = {
      ...claim,
      checkedInAt: now.toISOString(),
      checkInLocation: location,
      checkInDistanceMetres: distanceFromArea(task.area, location),
    };
    if (!(await this.deps.tasks.updateClaim(next, 'checkedInAt'))) throw new ApiError('ILLEGAL_TRANSITION', 'Already checked in');
    return this.viewForVolunteer(principal, id);
  }

  async checkOut(principal: Principal, id: string) {
    const { task, claim } = await this.ownClaim(principal, id);
    if (!claim.checkedInAt) throw new ApiError('ILLEGAL_TRANSITION', 'Check in first');
    const at = this.deps.clock.now().toISOString();
    const next: TaskClaimRecord = { ...claim, checkedOutAt: at, hours: serviceHours(task, claim.checkedInAt, at) };
    if (!(await this.deps.tasks.updateClaim(next, 'checkedOutAt'))) throw new ApiError('ILLEGAL_TRANSITION', 'Already checked out');
    return this.viewForVolunteer(principal, id);
  }
}
