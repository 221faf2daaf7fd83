/**
 * Which key answers which list of co-governance items (docs/architecture.md, access patterns). Pure.
 */
import { JOINT_INSPECTION_TERMINAL } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import { keys } from '../store/keys';
import type { PartitionQuery } from '../store/queries';

export interface JointInspectionFilter {
  /** Only requests the bureau owes a step on, the most urgent first. */
  awaitingBureau?: boolean;
  /** Only requests not yet ended, newest first. */
  open?: boolean;
}

/**
 * The one partition that answers a filter of joint inspection requests (a street's, or the
 * district's), with a filter only where no key narrows it: the bureau's owed list of one street,
 * and the district's open requests (both read through `queryPage`'s bounded filtered read).
 */
export function planJointInspectionList(
  districtCode: string,
  streetCode: string | undefined,
  filter: JointInspectionFilter,
): Omit<PartitionQuery, 'cursor' | 'limit'> {
  if (filter.awaitingBureau) {
    return {
      index: 'GSI3',
      partition: keys.jointInspectionsAwaitingBureau(districtCode),
      ...(streetCode ? { filter: { expression: '#street = :street', names: { '#street': 'streetCode' }, values: { ':street': streetCode } } } : {}),
    };
  }
  if (filter.open && streetCode) return { index: 'GSI4', partition: keys.openJointInspections(districtCode, streetCode), newestFirst: true };
  const list = streetCode
    ? { index: 'GSI1' as const, partition: keys.jointInspections(districtCode, { streetCode }) }
    : { index: 'GSI2' as const, partition: keys.jointInspections(districtCode) };
  if (!filter.open) return { ...list, newestFirst: true };
  const ended = Object.fromEntries(JOINT_INSPECTION_TERMINAL.map((status, i) => [`:ended${i}`, status]));
  return {
    ...list,
    newestFirst: true,
    filter: { expression: `NOT #status IN (${Object.keys(ended).join(', ')})`, names: { '#status': 'status' }, values: ended },
  };
}
