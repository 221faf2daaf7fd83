/**
 * The two functions of co-governance, one line per route each: `cogov` carries out joint inspection
 * requests (the registry's inspections are among its ports), `community` serves volunteers, patrol
 * tasks, observations, second looks and the street's desk. Their ports to the registry and
 * complaints are provided by `entries/cogov.ts` and `entries/community.ts`, which compose them.
 */
import { COGOV_ROUTES } from '@green-shield/shared/api/routes/cogov';
import { COMMUNITY_ROUTES } from '@green-shield/shared/api/routes/community';
import { createHttpHandler, type HttpHandler } from '../lib/http';
import type { ObjectStore } from '../lib/object-store';
import { PhotoAttachments } from '../lib/photo-attachments';
import { IdempotencyStore } from '../store/idempotency';
import type { ApiDeps, EdgeDeps } from '../store/runtime';
import { TableUserDirectory } from '../store/user-directory';
import type { CommunityDeps } from './community';
import { DeskService } from './desk-service';
import { JointInspectionRaising } from './joint-inspection-raising';
import { JointInspectionRepository } from './joint-inspection-repository';
import { JointInspectionService } from './joint-inspection-service';
import { ObservationRepository } from './observation-repository';
import { ObservationService } from './observation-service';
import type { ComplaintDesk, ComplaintFiling, ComplaintRecords, SourceDirectory, SourceFacts, SourceInspections } from './ports';
import { ReviewRepository } from './review-repository';
import { ReviewService } from './review-service';
import { TaskRepository } from './task-repository';
import { TaskService } from './task-service';
import { VolunteerRepository } from './volunteer-repository';
import { VolunteerService } from './volunteer-service';

type Surroundings = Omit<ApiDeps, keyof EdgeDeps | 'logger'> & { objects: ObjectStore };

/** What raising a joint inspection request needs (both functions raise: a street's request, a triaged observation). */
function raisingOf(deps: Surroundings & { sources: SourceDirectory; complaints: ComplaintDesk }) {
  const { db, tableName } = deps;
  const shared = {
    joints: new JointInspectionRepository(db, tableName),
    observations: new ObservationRepository(db, tableName),
    idempotency: new IdempotencyStore(db, tableName),
    photos: new PhotoAttachments(deps.objects),
    users: new TableUserDirectory(db, tableName),
    clock: deps.clock,
    district: deps.district,
  };
  return { ...shared, raising: new JointInspectionRaising({ ...shared, sources: deps.sources, complaints: deps.complaints }) };
}

export interface CogovPorts {
  sources: SourceDirectory;
  inspections: SourceInspections;
  complaints: ComplaintDesk;
}

export function createJointInspectionService(deps: Surroundings & CogovPorts): JointInspectionService {
  const { joints, raising, photos, users } = raisingOf(deps);
  return new JointInspectionService({
    repo: joints,
    raising,
    photos,
    users,
    sources: deps.sources,
    inspections: deps.inspections,
    clock: deps.clock,
    district: deps.district,
  });
}

export function createCogovHandler(deps: ApiDeps & { objects: ObjectStore } & CogovPorts): HttpHandler {
  const joint = createJointInspectionService(deps);
  return createHttpHandler(
    COGOV_ROUTES,
    {
      raiseJointInspection: ({ principal, body, idempotencyKey }) => joint.raise(principal, body, idempotencyKey),
      listJointInspections: ({ principal, query }) => joint.list(principal, query),
      getJointInspection: ({ principal, params }) => joint.get(principal, params.id),
      stepJointInspection: ({ principal, params, body }) => joint.step(principal, params.id, body),
      commentJointInspection: ({ principal, params, body }) => joint.comment(principal, params.id, body),
      inspectForJointInspection: ({ principal, params, body, idempotencyKey }) => joint.inspect(principal, params.id, body, idempotencyKey),
    },
    deps,
  );
}

export interface CommunityPorts {
  sources: SourceDirectory;
  facts: SourceFacts;
  complaints: ComplaintDesk & ComplaintRecords;
  filing: ComplaintFiling;
}

export function createCommunityServices(deps: Surroundings & CommunityPorts) {
  const { db, tableName } = deps;
  const context: CommunityDeps = {
    ...raisingOf(deps),
    volunteers: new VolunteerRepository(db, tableName),
    tasks: new TaskRepository(db, tableName),
    reviews: new ReviewRepository(db, tableName),
    sources: deps.sources,
    facts: deps.facts,
    complaints: deps.complaints,
    filing: deps.filing,
  };
  return {
    volunteers: new VolunteerService(context),
    tasks: new TaskService(context),
    observations: new ObservationService(context),
    reviews: new ReviewService(context),
    desk: new DeskService(context),
  };
}

export function createCommunityHandler(deps: ApiDeps & { objects: ObjectStore } & CommunityPorts): HttpHandler {
  const { volunteers, tasks, observations, reviews, desk } = createCommunityServices(deps);
  return createHttpHandler(
    COMMUNITY_ROUTES,
    {
      applyVolunteer: ({ principal, body }) => volunteers.apply(principal, body),
      myVolunteering: ({ principal }) => volunteers.mine(principal),
      volunteerTasks: ({ principal, query }) => tasks.forVolunteer(principal, query.mine === 'true', query.cursor),
      volunteerTask: ({ principal, params }) => tasks.oneForVolunteer(principal, params.id),
      claimTask: ({ principal, params }) => tasks.claim(principal, params.id),
      releaseTask: ({ principal, params }) => tasks.release(principal, params.id),
      checkInTask: ({ principal, params, body }) => tasks.checkIn(principal, params.id, body),
      checkOutTask: ({ principal, params }) => tasks.checkOut(principal, params.id),
      submitObservation: ({ principal, body, idempotencyKey }) => observations.submit(principal, body, idempotencyKey),
      myObservations: ({ principal, query }) => observations.lists.mine(principal, query.cursor),
      volunteerSource: ({ principal, params }) => reviews.source(principal, params.id),
      reviewableComplaints: ({ principal, query }) => reviews.reviewableComplaints(principal, query),
      submitReview: ({ principal, body, idempotencyKey }) => reviews.submit(principal, body, idempotencyKey),
      myReviews: ({ principal, query }) => reviews.lists.mine(principal, query.cursor),
      myServiceRecord: ({ principal, query }) => volunteers.myRecord(principal, query),
      streetGuide: ({ principal }) => volunteers.guide(principal),
      listVolunteers: ({ principal, query }) => volunteers.list(principal, query),
      decideVolunteer: ({ principal, params, body }) => volunteers.decide(principal, params.userId, body),
      thankVolunteer: ({ principal, params, body }) => volunteers.thank(principal, params.userId, body),
      volunteerServiceRecord: ({ principal, params, query }) => volunteers.recordOf(principal, params.userId, query),
      publishPatrolTask: ({ principal, body, idempotencyKey }) => tasks.publish(principal, body, idempotencyKey),
      listPatrolTasks: ({ principal, query }) => tasks.list(principal, query),
      getPatrolTask: ({ principal, params }) => tasks.get(principal, params.id),
      cancelPatrolTask: ({ principal, params }) => tasks.cancel(principal, params.id),
      listObservations: ({ principal, query }) => observations.lists.street(principal, query.streetCode, query.status === 'awaiting_triage', query.cursor),
      getObservation: ({ principal, params }) => observations.get(principal, params.id),
      triageObservation: ({ principal, params, body }) => observations.triage(principal, params.id, body),
      listInspectionTasks: ({ principal, query }) => observations.inspectionTasks(principal, query),
      listReviews: ({ principal, query }) => reviews.lists.street(principal, query.streetCode, query.status === 'open', query.cursor),
      answerReview: ({ principal, params, body }) => reviews.answer(principal, params.id, body),
      streetDesk: ({ principal, query }) => desk.desk(principal, query),
    },
    deps,
  );
}
