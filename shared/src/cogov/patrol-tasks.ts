/**
 * Patrol tasks a street publishes for its volunteers (巡查任务): when they may be claimed, released,
 * checked in and out of, and the hours a visit counts for. Pure: callers pass the time. Capacity is
 * enforced by the store (a conditional write), not here.
 */

/** A task's window: long enough to walk a few blocks, short enough to be one outing. */
export const PATROL_WINDOW = { maxHours: 12, checkInEarlyMinutes: 60 } as const;
export const PATROL_CAPACITY = { min: 1, max: 50 } as const;

const HOUR_MS = 3_600_000;

export interface TaskWindow {
  startsAt: string;
  endsAt: string;
}

/** Why a window cannot be published (`undefined`: it can). */
export function windowProblem(window: TaskWindow, now: Date): string | undefined {
  const starts = Date.parse(window.startsAt);
  const ends = Date.parse(window.endsAt);
  if (Number.isNaN(starts) || Number.isNaN(ends)) return '时间格式不正确';
  if (ends <= starts) return '结束时间须晚于开始时间';
  if (ends - starts > PATROL_WINDOW.maxHours * HOUR_MS) return `单次巡查最长 ${PATROL_WINDOW.maxHours} 小时`;
  if (ends <= now.getTime()) return '结束时间须晚于现在';
  return undefined;
}

/** Whether a task can still be claimed (published and not over). */
export function claimable(task: TaskWindow & { status: string }, now: Date): boolean {
  return task.status === 'published' && now.getTime() < Date.parse(task.endsAt);
}

/** Whether a claimant may check in now: from a little before the window opens until it closes. */
export function mayCheckIn(task: TaskWindow, now: Date): boolean {
  const time = now.getTime();
  return time >= Date.parse(task.startsAt) - PATROL_WINDOW.checkInEarlyMinutes * 60_000 && time <= Date.parse(task.endsAt);
}

/** The hours a visit counts for: from check-in (not before the window) to check-out (not after it), in quarter hours. */
export function serviceHours(task: TaskWindow, checkedInAt: string, checkedOutAt: string): number {
  const from = Math.max(Date.parse(task.startsAt), Date.parse(checkedInAt));
  const to = Math.min(Date.parse(task.endsAt), Date.parse(checkedOutAt));
  return Math.max(0, Math.floor(((to - from) / HOUR_MS) * 4) / 4);
}
