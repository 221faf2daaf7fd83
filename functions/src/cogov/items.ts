/**
 * Co-governance entities as table items, built here and nowhere else (key formats: store/keys.ts).
 * Pure.
 */
import { isTerminalJointStatus } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import { nextJointDeadline } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import { keys } from '../store/keys';
import type {
  CogovEventRecord,
  JointInspectionEventRecord,
  JointInspectionRecord,
  ObservationRecord,
  PatrolTaskRecord,
  ReviewRecord,
  TaskClaimRecord,
  VolunteerRecord,
} from './records';

/**
 * A request is in its street's list and the district's (newest first), in the bureau's list while
 * it owes a step (by that step's deadline), and in its street's open list until it ends.
 */
export function jointInspectionItem(record: JointInspectionRecord) {
  const { districtCode: district, streetCode, id } = record;
  const order = keys.timeOrder(record.raisedAt, id);
  const owed = nextJointDeadline(record.status, record.due);
  return {
    ...keys.jointInspection(id),
    entity: 'JointInspection',
    ...record,
    gsi1pk: keys.jointInspections(district, { streetCode }),
    gsi1sk: order,
    gsi2pk: keys.jointInspections(district),
    gsi2sk: order,
    ...(owed ? { gsi3pk: keys.jointInspectionsAwaitingBureau(district), gsi3sk: keys.timeOrder(owed.by, id) } : {}),
    ...(isTerminalJointStatus(record.status) ? {} : { gsi4pk: keys.openJointInspections(district, streetCode), gsi4sk: order }),
  };
}

export function jointInspectionEventItem(event: JointInspectionEventRecord) {
  return { ...keys.jointInspectionEvent(event.requestId, event.at, event.eventId), entity: 'JointInspectionEvent', ...event };
}

/** A community event in its subject's partition (the stream consumer tells whom it concerns). */
export function cogovEventItem(partition: string, event: CogovEventRecord) {
  return { ...keys.cogovEvent(partition, event.at, event.eventId), entity: 'CogovEvent', ...event };
}

/** A volunteer is in their street's list of their status (pending, approved…), by application time. */
export function volunteerItem(record: VolunteerRecord) {
  return {
    ...keys.volunteer(record.userId),
    entity: 'Volunteer',
    ...record,
    gsi1pk: keys.volunteersOfStreet(record.districtCode, record.streetCode, record.status),
    gsi1sk: keys.timeOrder(record.appliedAt, record.userId),
  };
}

/** A task is in its street's list by when it ends. */
export function patrolTaskItem(task: PatrolTaskRecord) {
  return {
    ...keys.patrolTask(task.id),
    entity: 'PatrolTask',
    ...task,
    gsi1pk: keys.patrolTasksOfStreet(task.districtCode, task.streetCode),
    gsi1sk: keys.timeOrder(task.endsAt, task.id),
  };
}

/** A claim is in its volunteer's list by when its task starts. */
export function taskClaimItem(claim: TaskClaimRecord) {
  return {
    ...keys.taskClaim(claim.taskId, claim.userId),
    entity: 'TaskClaim',
    ...claim,
    gsi1pk: keys.tasksClaimedBy(claim.userId),
    gsi1sk: keys.timeOrder(claim.startsAt, claim.taskId),
  };
}

/**
 * An observation is in its street's list and its volunteer's (newest first), in its street's
 * triage queue until triaged, and, triaged into an inspection task, in its street's open inspection
 * tasks (by due time) until an inspection of the source closes it.
 */
export function observationItem(record: ObservationRecord) {
  const order = keys.timeOrder(record.submittedAt, record.id);
  const { districtCode: district, streetCode: street, outcome } = record;
  return {
    ...keys.observation(record.id),
    entity: 'Observation',
    ...record,
    ...(record.status === 'awaiting_triage' ? { gsi1pk: keys.observationsAwaitingTriage(district, street), gsi1sk: order } : {}),
    gsi2pk: keys.observationsBy(record.volunteerId),
    gsi2sk: order,
    gsi3pk: keys.observationsOfStreet(district, street),
    gsi3sk: order,
    ...(outcome?.kind === 'inspection_task' && !outcome.doneAt
      ? { gsi4pk: keys.openInspectionTasks(district, street), gsi4sk: keys.timeOrder(outcome.dueBy, record.id) }
      : {}),
  };
}

/** A review is in its street's list and its volunteer's (newest first), and in its street's open disputes until answered. */
export function reviewItem(record: ReviewRecord) {
  const order = keys.timeOrder(record.at, record.id);
  return {
    ...keys.review(record.id),
    entity: 'Review',
    ...record,
    ...(record.status === 'open' ? { gsi1pk: keys.openDisputes(record.districtCode, record.streetCode), gsi1sk: order } : {}),
    gsi2pk: keys.reviewsBy(record.volunteerId),
    gsi2sk: order,
    gsi3pk: keys.reviewsOfStreet(record.districtCode, record.streetCode),
    gsi3sk: order,
  };
}
