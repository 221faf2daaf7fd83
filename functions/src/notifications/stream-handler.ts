import type { ComplaintEventRecord } from '../complaints/records';
import { NotificationRepository } from '../store/notifications';
import type { BaseDeps } from '../store/runtime';
import { TableUserDirectory } from '../store/user-directory';
import { notificationsFor, STREET_OFFICERS_HEAR_OF } from './recipients';

/** Every new complaint event becomes in-app notifications (run by the `tableEvents` stream function). */
export function complaintEventNotifier(deps: BaseDeps): (event: ComplaintEventRecord) => Promise<void> {
  const repo = new NotificationRepository(deps.db, deps.tableName);
  const users = new TableUserDirectory(deps.db, deps.tableName);
  const streetOfficers = async (event: ComplaintEventRecord) =>
    STREET_OFFICERS_HEAR_OF.includes(event.action) ? (await users.officers(event.districtCode, event.streetCode)).map((officer) => officer.id) : [];
  return async (complaintEvent) => {
    for (const { userId, notification } of notificationsFor(complaintEvent, await streetOfficers(complaintEvent))) await repo.add(userId, notification);
  };
}
