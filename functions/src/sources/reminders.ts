/**
 * When a rescoring (the scheduled rebuild, or the stream consumer after an event) finds a rectification
 * newly past its deadline, the source's operators are told. Pure: the reminder's id comes from the
 * order that fell overdue, so however often a rescoring is retried, each operator gets it once.
 */
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import { rectificationOverdue } from '@green-shield/shared/sources/scoring';
import { rectificationFact, type Rescored } from './score-projection';

const overdueCount = (projection: Rescored['before']) => projection.warnings.find((warning) => warning.code === 'overdue_rectification')?.value ?? 0;

/** A ULID dated `at` whose random part is drawn from `seed`: the same seed gives the same id. */
export function seededUlid(at: number, seed: string): string {
  const bytes = createHash('sha256').update(seed).digest();
  let next = 0;
  return ulid(at, () => bytes[next++ % bytes.length] / 256);
}

export function overdueReminders(rescored: Rescored, now: Date): Array<{ userId: string; notification: NotificationViewT }> {
  if (overdueCount(rescored.after) <= overdueCount(rescored.before)) return [];
  const { source, operators, rectifications } = rescored.collection;
  // The order that fell overdue last dates the reminder and names it.
  const [latest] = rectifications.filter((order) => rectificationOverdue(rectificationFact(order), now)).sort((a, b) => b.deadline.localeCompare(a.deadline));
  if (!latest) return [];
  const notification: NotificationViewT = {
    id: seededUlid(Date.parse(latest.deadline), `rectification_overdue:${latest.id}`),
    at: now.toISOString(),
    source: { id: source.id, name: source.name },
    action: 'rectification_overdue',
    read: false,
  };
  return operators.map((operator) => ({ userId: operator.userId, notification }));
}
