/**
 * Which list answers which filter of the officers' queue (docs/architecture.md, "The queue's
 * filters"): every combination of street, status, category type and overdue is one list, or a few
 * (one per status or per type) read as one, newest first or most urgent first. Pure.
 */
import { COMPLAINT_STATUSES, type ComplaintStatus } from '@green-shield/shared/complaints/state-machine';
import { COMPLAINT_TYPES } from '@green-shield/shared/complaints/taxonomy';
import { owesDeadline } from '@green-shield/shared/complaints/due-dates';
import { keys } from '../store/keys';
import type { IndexName } from '../store/table-definition';

export interface ComplaintFilter {
  status?: ComplaintStatus;
  type?: string;
  /** Only complaints overdue at this moment. */
  overdueAt?: string;
  /**
   * The work owed first: complaints owing a deadline, by the moment each is (or becomes) overdue —
   * the overdue first, longest overdue first, then by due date. A status owing no deadline has no
   * urgency; it is listed newest first.
   */
  urgentFirst?: boolean;
}

/**
 * The partitions of one index read as one list, in `newestFirst` or ascending sort-key order;
 * `before` bounds the sort key (the overdue lists, ordered by when each complaint becomes overdue).
 * `none`: empty by definition.
 */
export type QueuePlan = { index: IndexName; partitions: string[]; before?: string; newestFirst: boolean } | { none: true };

export function planQueue(districtCode: string, streetCode: string | undefined, filter: ComplaintFilter): QueuePlan {
  const { status, type, overdueAt } = filter;
  const urgentFirst = Boolean(filter.urgentFirst) && (!status || owesDeadline(status));
  const inStreet = streetCode ? { streetCode } : {};
  /** One narrowing per status and type (a missing filter takes every value). */
  const each = (statuses: readonly string[]) =>
    statuses.flatMap((oneStatus) => (type ? [type] : COMPLAINT_TYPES).map((oneType) => ({ ...inStreet, status: oneStatus, type: oneType })));
  const street = Boolean(streetCode);
  if (overdueAt || urgentFirst) {
    if (status && !owesDeadline(status)) return { none: true };
    // Every complaint owing a deadline is in these lists, ordered by when it becomes overdue: read
    // below now for the overdue only; read from the start, ascending, for the most urgent first.
    const order = { ...(overdueAt ? { before: overdueAt } : {}), newestFirst: !urgentFirst };
    // The overdue entry's lists by status and type, then by type; the queue entry's overdue lists.
    if (status) return { index: street ? 'GSI2' : 'GSI1', partitions: each([status]).map((narrowing) => keys.overdueQueue(districtCode, narrowing)), ...order };
    if (type) return { index: street ? 'GSI4' : 'GSI3', partitions: [keys.overdueQueue(districtCode, { ...inStreet, type })], ...order };
    return { index: street ? 'GSI4' : 'GSI3', partitions: [keys.overdueQueue(districtCode, inStreet)], ...order };
  }
  // The complaint item's lists: the district's, a street's, a status's in the district.
  if (!type && !(status && street)) {
    if (status) return { index: 'GSI3', partitions: [keys.complaintQueue(districtCode, { status })], newestFirst: true };
    return { index: street ? 'GSI4' : 'GSI2', partitions: [keys.complaintQueue(districtCode, inStreet)], newestFirst: true };
  }
  // The queue entry's lists by status and type.
  return {
    index: street ? 'GSI2' : 'GSI1',
    partitions: each(status ? [status] : COMPLAINT_STATUSES).map((narrowing) => keys.complaintQueue(districtCode, narrowing)),
    newestFirst: true,
  };
}
