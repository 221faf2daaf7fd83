import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import type { ComplaintEventRecord } from '../complaints/records';

/**
 * Who hears of a complaint event: the complainant of every change someone else made, and an
 * officer a complaint was just assigned to. Pure.
 */
export function notificationsFor(event: ComplaintEventRecord): Array<{ userId: string; notification: NotificationViewT }> {
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
  return [...recipients].map((userId) => ({ userId, notification }));
}
