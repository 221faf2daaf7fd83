/**
 * Co-governance entities as table items, built here and nowhere else (key formats: store/keys.ts).
 * Pure.
 */
import { isTerminalJointStatus } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import { nextJointDeadline } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import { keys } from '../store/keys';
import type { JointInspectionEventRecord, JointInspectionRecord } from './records';

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
