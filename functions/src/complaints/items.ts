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

export function complaintItem(record: ComplaintRecord) {
  return {
    ...keys.complaint(record.id),
    entity: 'Complaint',
    ...record,
    gsi1pk: keys.byComplainant(record.complainantId),
    gsi1sk: record.submittedAt,
    gsi2pk: keys.complaintQueue(record.districtCode),
    gsi2sk: keys.queueOrder(record.submittedAt, record.id),
    gsi3pk: keys.complaintQueue(record.districtCode, { status: record.status }),
    gsi3sk: record.submittedAt,
    gsi4pk: keys.complaintQueue(record.districtCode, { streetCode: record.streetCode }),
    gsi4sk: record.submittedAt,
  };
}

export function complaintEventItem(event: ComplaintEventRecord) {
  return { ...keys.complaintEvent(event.complaintId, event.at, event.eventId), entity: 'ComplaintEvent', ...event };
}

/**
 * The complaint's queue entries: the queue entry always, the overdue entry while the complaint can
 * become overdue (`delete` names it otherwise, so a write removes it).
 */
export function queueEntryItems(record: ComplaintRecord): { put: Record<string, unknown>[]; delete: Array<{ pk: string; sk: string }> } {
  const { districtCode: district, streetCode, status, category, id } = record;
  const { type } = category;
  const queued = keys.queueOrder(record.submittedAt, id);
  const queueEntry = {
    ...keys.complaintQueueEntry(id),
    entity: 'ComplaintQueueEntry',
    ...record,
    gsi1pk: keys.complaintQueue(district, { status, type }),
    gsi1sk: queued,
    gsi2pk: keys.complaintQueue(district, { streetCode, status, type }),
    gsi2sk: queued,
  };
  const from = overdueFrom(status, record);
  if (!from) return { put: [queueEntry], delete: [keys.complaintOverdueEntry(id)] };
  const due = keys.overdueOrder(from, id);
  return {
    put: [
      { ...queueEntry, gsi3pk: keys.overdueQueue(district), gsi3sk: due, gsi4pk: keys.overdueQueue(district, { streetCode }), gsi4sk: due },
      {
        ...keys.complaintOverdueEntry(id),
        entity: 'ComplaintOverdueEntry',
        ...record,
        gsi1pk: keys.overdueQueue(district, { status, type }),
        gsi1sk: due,
        gsi2pk: keys.overdueQueue(district, { streetCode, status, type }),
        gsi2sk: due,
        gsi3pk: keys.overdueQueue(district, { type }),
        gsi3sk: due,
        gsi4pk: keys.overdueQueue(district, { streetCode, type }),
        gsi4sk: due,
      },
    ],
    delete: [],
  };
}
