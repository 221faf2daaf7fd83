/**
 * What the community's use cases share: their stores and ports, who may act (an approved volunteer
 * of a street, an officer of it), the street a list covers, and the events that tell people.
 */
import { monotonicFactory } from 'ulid';
import { findStreet, type DistrictConfig } from '@green-shield/shared/districts/district';
import type { Clock } from '../lib/clock';
import { ApiError } from '../lib/errors';
import { officerScope, requireScope, streetFilter } from '../lib/officer-scope';
import type { PhotoAttachments } from '../lib/photo-attachments';
import type { Principal } from '../lib/tokens';
import { idempotencyTicket, type IdempotencyStore } from '../store/idempotency';
import type { TransactItems } from '../store/operations';
import { createOnce } from './create-once';
import type { UserDirectory } from '../store/user-directory';
import type { JointInspectionRaising } from './joint-inspection-raising';
import type { JointInspectionRepository } from './joint-inspection-repository';
import type { ObservationRepository } from './observation-repository';
import type { ComplaintFiling, ComplaintRecords, SourceDirectory, SourceFacts } from './ports';
import type { CogovEventRecord, VolunteerRecord } from './records';
import type { ReviewRepository } from './review-repository';
import type { TaskRepository } from './task-repository';
import type { VolunteerRepository } from './volunteer-repository';

export interface CommunityDeps {
  volunteers: VolunteerRepository;
  tasks: TaskRepository;
  observations: ObservationRepository;
  reviews: ReviewRepository;
  joints: JointInspectionRepository;
  raising: JointInspectionRaising;
  idempotency: IdempotencyStore;
  photos: PhotoAttachments;
  users: UserDirectory;
  sources: SourceDirectory;
  facts: SourceFacts;
  complaints: ComplaintRecords;
  filing: ComplaintFiling;
  clock: Clock;
  district: DistrictConfig;
}

export const newEventId = monotonicFactory();

/** The caller as an approved volunteer of a street of this district; 403 NOT_A_VOLUNTEER for anyone else. */
export async function approvedVolunteer(deps: Pick<CommunityDeps, 'volunteers' | 'district'>, principal: Principal): Promise<VolunteerRecord> {
  // A consistent read: an approval or a withdrawal counts from the moment it is written.
  const volunteer = await deps.volunteers.get(principal.userId, true);
  if (volunteer?.status !== 'approved' || volunteer.districtCode !== deps.district.code) {
    throw new ApiError('NOT_A_VOLUNTEER', 'Only approved volunteers of a street may do this');
  }
  return volunteer;
}

/** The street an officer's list covers: a street officer's own; the one the bureau names (required). */
export function listStreet(deps: Pick<CommunityDeps, 'district'>, principal: Principal, requested: string | undefined): string {
  const streetCode = streetFilter(officerScope(principal), requested);
  if (!streetCode) throw new ApiError('VALIDATION_FAILED', 'Name a street', [{ field: 'query.streetCode', message: '请选择街道/镇' }]);
  if (!findStreet(deps.district, streetCode))
    throw new ApiError('VALIDATION_FAILED', 'Unknown street', [{ field: 'query.streetCode', message: '不是本区的街道/镇' }]);
  return streetCode;
}

/** 403 unless the officer acts for the street. */
export function requireOfficerOf(principal: Principal, streetCode: string): void {
  requireScope(officerScope(principal), streetCode);
}

/** An event about a community subject: `users` hear of it, and the street's officers when `toStreetOfficers`. */
export function communityEvent(
  fields: Pick<CogovEventRecord, 'districtCode' | 'streetCode' | 'subject' | 'action' | 'users' | 'toStreetOfficers' | 'toStreetVolunteers' | 'note'>,
  actor: { id: string; name?: string },
  at: string,
): CogovEventRecord {
  return { eventId: newEventId(), at, actorId: actor.id, actorName: actor.name, ...fields };
}

/** The actor as events name them. */
export async function actorOf(deps: Pick<CommunityDeps, 'users'>, principal: Principal): Promise<{ id: string; name?: string }> {
  return { id: principal.userId, name: (await deps.users.get(principal.userId))?.name };
}

type Page<T> = { items: T[]; nextCursor?: string };

/** A page of a street's list for its officers (the bureau names the street). */
export async function streetPage<R, V>(
  deps: Pick<CommunityDeps, 'district'>,
  principal: Principal,
  requested: string | undefined,
  read: (streetCode: string) => Promise<Page<R>>,
  view: (record: R) => V | Promise<V>,
): Promise<Page<V>> {
  const page = await read(listStreet(deps, principal, requested));
  return { items: await Promise.all(page.items.map(view)), nextCursor: page.nextCursor };
}

/** What volunteers make and officers take up (observations, reviews): each volunteer's own list, and a street's queue or all. */
export interface VolunteerItemLists<V> {
  /** The caller's own, for anyone who volunteered (their history stays theirs to see after an approval is withdrawn). */
  mine(principal: Principal, cursor: string | undefined): Promise<Page<V>>;
  /** A street's queue (those awaiting an officer) or all of them, for its officers. */
  street(principal: Principal, streetCode: string | undefined, queued: boolean, cursor: string | undefined): Promise<Page<V>>;
}

export function volunteerItemLists<R, V>(
  deps: Pick<CommunityDeps, 'volunteers' | 'district'>,
  repository: {
    listBy(userId: string, cursor: string | undefined): Promise<Page<R>>;
    listOfStreet(districtCode: string, streetCode: string, queued: boolean, cursor: string | undefined): Promise<Page<R>>;
  },
  view: (record: R, viewer: 'volunteer' | 'officer') => Promise<V>,
): VolunteerItemLists<V> {
  return {
    async mine(principal: Principal, cursor: string | undefined): Promise<Page<V>> {
      if (!(await deps.volunteers.get(principal.userId))) throw new ApiError('NOT_A_VOLUNTEER', 'Only volunteers have this list');
      const page = await repository.listBy(principal.userId, cursor);
      return { items: await Promise.all(page.items.map((record) => view(record, 'volunteer'))), nextCursor: page.nextCursor };
    },
    street(principal: Principal, streetCode: string | undefined, queued: boolean, cursor: string | undefined): Promise<Page<V>> {
      return streetPage(
        deps,
        principal,
        streetCode,
        (street) => repository.listOfStreet(deps.district.code, street, queued, cursor),
        (record) => view(record, 'officer'),
      );
    },
  };
}

/**
 * Something an approved volunteer creates (an observation, a review), once per Idempotency-Key: a
 * retry answers with what the first attempt made. `create` gets the volunteer, the idempotency
 * record to write with it and the time.
 */
export function createAsVolunteer<T>(
  deps: Pick<CommunityDeps, 'volunteers' | 'district' | 'idempotency' | 'clock'>,
  principal: Principal,
  request: { operation: string; body: unknown; idempotencyKey: string },
  existing: (id: string) => Promise<T>,
  create: (volunteer: VolunteerRecord, recordFor: (id: string) => TransactItems[number], now: Date) => Promise<T | undefined>,
): Promise<T> {
  const now = deps.clock.now();
  const ticket = idempotencyTicket(request.operation, principal.userId, request.idempotencyKey, request.body, now);
  return createOnce(deps.idempotency, ticket, existing, async (recordFor) => create(await approvedVolunteer(deps, principal), recordFor, now));
}

/** Who made something a volunteer creates, and where it belongs: the fields every such record starts with. */
export function madeBy(volunteer: VolunteerRecord, id: string) {
  return { id, districtCode: volunteer.districtCode, streetCode: volunteer.streetCode, volunteerId: volunteer.userId, volunteerName: volunteer.name };
}
