/**
 * Object-level authorization: who may see or act on a complaint. Pure.
 */
import type { Principal } from '../lib/tokens';
import type { ComplaintRecord } from './records';

export type Relation = 'complainant' | 'officer' | 'none';

export function relationTo(
  complaint: Pick<ComplaintRecord, 'complainantId' | 'streetCode' | 'districtCode'>,
  principal: Principal,
  districtCode: string,
): Relation {
  if (complaint.districtCode !== districtCode) return 'none';
  if (principal.roles.includes('bureau_officer')) return 'officer';
  if (principal.roles.includes('street_officer') && principal.streetCode === complaint.streetCode) return 'officer';
  if (complaint.complainantId === principal.userId) return 'complainant';
  return 'none';
}

export function isOfficer(principal: Principal): boolean {
  return principal.roles.includes('bureau_officer') || principal.roles.includes('street_officer');
}
