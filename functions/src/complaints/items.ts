/**
 * Complaints as table items, built here and nowhere else (key formats: store/keys.ts). The
 * complaint item carries four lists (its complainant's, the district's, a status's, a street's);
 * the queue's other filters need more keys than an item has indexes, so two copies of the
 * complaint, written in the same transaction, carry them: the queue entry (always) and the overdue
 * entry (only while the complaint can become overdue). Which list answers which filter:
 * `queue-plan.ts`. Pure.
 */
import { overdueFrom } from '@green-shield/shared/complaints/due-dates';
import { keys } from '../store/keys';
import type { ComplaintEventRecord, ComplaintRecord } from './records';

/** Index attributes for lists given in index order: the first list's partition and sort key go to GSI1, the next to GSI2, and so on. */
function inLists(lists: ReadonlyArray<readonly [partition: string, order: string]>): Record<string, string> {
  return Object.fromEntries(
    lists.flatMap(([partition, order], i) => [
      [`gsi${i + 1}pk`, partition],
      [`gsi${i + 1}sk`, order],
    ]),
  );
}

export function complaintItem(record: ComplaintRecord) {
  const { districtCode: district, submittedAt } = record;
  return {
    ...keys.complaint(record.id),
    entity: 'Complaint',
    ...record,
    ...inLists([
      [keys.byComplainant(record.complainantId), submittedAt],
      [keys.complaintQueue(district), keys.queueOrder(submittedAt, record.id)],
      [keys.complaintQueue(district, { status: record.status }), submittedAt],
      [keys.complaintQueue(district, { streetCode: record.streetCode }), submittedAt],
    ]),
  };
}

export function complaintEventItem(event: ComplaintEventRecord) {
  return { ...keys.complaintEvent(event.complaintId, event.at, event.eventId), entity: 'ComplaintEvent', ...event };
}

/**
 * The complaint's queue entries: the queue entry always (in the overdue lists too while the
 * complaint owes a deadline), the overdue entry only then (`delete` names it otherwise, so a write
 * removes it).
 */
export function queueEntryItems(record: ComplaintRecord): { put: Record<string, unknown>[]; delete: Array<{ pk: string; sk: string }> } {
  const { districtCode: district, streetCode, status, id } = record;
  const { type } = record.category;
  const queued = keys.queueOrder(record.submittedAt, id);
  const from = overdueFrom(status, record);
  const due = from && keys.overdueOrder(from, id);
  const queueEntry = {
    ...keys.complaintQueueEntry(id),
    entity: 'ComplaintQueueEntry',
    ...record,
    ...inLists([
      [keys.complaintQueue(district, { status, type }), queued],
      [keys.complaintQueue(district, { streetCode, status, type }), queued],
      ...(due
        ? ([
            [keys.overdueQueue(district), due],
            [keys.overdueQueue(district, { streetCode }), due],
          ] as const)
        : []),
    ]),
  };
  if (!due) return { put: [queueEntry], delete: [keys.complaintOverdueEntry(id)] };
  const overdueEntry = {
    ...keys.complaintOverdueEntry(id),
    entity: 'ComplaintOverdueEntry',
    ...record,
    ...inLists(
      [{ status, type }, { streetCode, status, type }, { type }, { streetCode, type }].map(
        (narrowing) => [keys.overdueQueue(district, narrowing), due] as const,
      ),
    ),
  };
  return { put: [queueEntry, overdueEntry], delete: [] };
}
