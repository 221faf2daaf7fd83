import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import type { ComplaintEventRecord } from '../complaints/records';

/** Events that put work in a street's queue: its officers hear of them. */
export const STREET_OFFICERS_HEAR_OF: ReadonlyArray<ComplaintEventRecord['action']> = ['submit', 'reopen'];

/**
 * Who hears of a complaint event: the complainant of every change someone else made, an officer a
 * complaint was just assigned to, and the street's officers of new and reopened complaints. Pure.
 */
export function notificationsFor(
  event: ComplaintEventRecord,
  streetOfficerIds: readonly string[] = [],
): Array<{ userId: string; notification: NotificationViewT }> {
  const notification: NotificationViewT = {
    id: event.eventId,
    at: event.at,
    complaintId: event.complaintId,
    trackingNumber: event.trackingNumber,
    status: event.to,
    action: event.action,
    read: false,
  };
  const recipients = new Set<string>();
  if (event.actorId !== event.complainantId) recipients.add(event.complainantId);
  if (event.action === 'assign' && event.assigneeId && event.assigneeId !== event.actorId) recipients.add(event.assigneeId);
  if (STREET_OFFICERS_HEAR_OF.includes(event.action)) {
    for (const id of streetOfficerIds) if (id !== event.actorId) recipients.add(id);
  }
  return [...recipients].map((userId) => ({ userId, notification }));
}
