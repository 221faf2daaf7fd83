/**
 * When a rescoring (the daily job, or the stream consumer after an event) finds a rectification
 * newly past its deadline, the source's operators are told. Pure but for the notification's id.
 */
import { ulid } from 'ulid';
import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import type { Rescored } from './score-projection';

const overdueCount = (projection: Rescored['before']) => projection.warnings.find((warning) => warning.code === 'overdue_rectification')?.value ?? 0;

export function overdueReminders(rescored: Rescored, now: Date): Array<{ userId: string; notification: NotificationViewT }> {
  if (overdueCount(rescored.after) <= overdueCount(rescored.before)) return [];
  const { source, operators } = rescored.collection;
  const notification: NotificationViewT = {
    id: ulid(now.getTime()),
    at: now.toISOString(),
    source: { id: source.id, name: source.name },
    action: 'rectification_overdue',
    read: false,
  };
  return operators.map((operator) => ({ userId: operator.userId, notification }));
}
