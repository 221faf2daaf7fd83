/** How the community pages read patrol tasks, observations and the street's desk. Pure, for unit tests. */
import type { ObservationOutcomeViewT, PatrolTaskViewT, ReviewViewT, StreetDeskViewT } from '@green-shield/shared/api/cogov-schemas';
import { PATROL_WINDOW, claimable, mayCheckIn } from '@green-shield/shared/cogov/patrol-tasks';
import type { PageId } from '../app-pages';
import { zh } from '../i18n/zh-CN';
import { zhCommunity } from '../i18n/zh-CN-community';
import { formatDateTime, formatDay } from './format';

const t = zhCommunity;

/** A task's window in Beijing time: `2026-03-05 18:00–21:00`. */
export function taskWindow(task: Pick<PatrolTaskViewT, 'startsAt' | 'endsAt'>): string {
  const [startDay, startTime] = formatDateTime(task.startsAt).split(' ');
  const [endDay, endTime] = formatDateTime(task.endsAt).split(' ');
  return t.window(startDay, startTime, endDay, endTime);
}

export type ClaimState = keyof typeof t.volunteer.myState;

/** Where the volunteer's own claim stands: claimed, on the patrol (checked in), or done (checked out). */
export function claimState(mine: PatrolTaskViewT['mine']): ClaimState | undefined {
  if (!mine) return undefined;
  if (mine.checkedOutAt) return 'done';
  return mine.checkedInAt ? 'checkedIn' : 'claimed';
}

/** Whether a task takes claims now, and if not why: cancelled, over, or every place taken. */
export function taskAvailability(task: PatrolTaskViewT, now: Date): 'open' | 'full' | 'over' | 'cancelled' {
  if (task.status === 'cancelled') return 'cancelled';
  if (!claimable(task, now)) return 'over';
  return task.claimed >= task.capacity ? 'full' : 'open';
}

/** The line a task card shows about its places: `已认领 2/5 人`, or why it takes no claims. */
export function placesLine(task: PatrolTaskViewT, now: Date): string {
  const availability = taskAvailability(task, now);
  if (availability === 'cancelled') return t.cancelled;
  if (availability === 'over') return t.over;
  return availability === 'full' ? `${t.places(task.claimed, task.capacity)} · ${t.full}` : t.places(task.claimed, task.capacity);
}

/** What the volunteer may do with the task now, in the order the page offers them. */
export function volunteerTaskActions(task: PatrolTaskViewT, now: Date): Array<'claim' | 'release' | 'checkIn' | 'checkOut' | 'report'> {
  const state = claimState(task.mine);
  const live = task.status === 'published';
  if (!state) return taskAvailability(task, now) === 'open' ? ['claim'] : [];
  if (state === 'claimed') return live && claimable(task, now) ? ['checkIn', 'release'] : [];
  if (state === 'checkedIn') return ['report', 'checkOut'];
  return ['report'];
}

/** When check-in opens (an hour before the window), and whether it is open now. */
export function checkInWindow(task: Pick<PatrolTaskViewT, 'startsAt' | 'endsAt'>, now: Date): { opensAt: string; open: boolean } {
  const opensAt = new Date(Date.parse(task.startsAt) - PATROL_WINDOW.checkInEarlyMinutes * 60_000).toISOString();
  return { opensAt, open: mayCheckIn(task, now) };
}

/** What became of an observation, in a line: the complaint and its status, the check and its due date, the joint request, the reason. */
export function outcomeLine(outcome: ObservationOutcomeViewT): string {
  switch (outcome.kind) {
    case 'complaint':
      return t.volunteer.outcomeComplaint(outcome.trackingNumber, outcome.status && zh.status[outcome.status]);
    case 'inspection_task':
      return outcome.doneAt
        ? t.volunteer.outcomeTaskDone(outcome.sourceName, formatDay(outcome.doneAt))
        : t.volunteer.outcomeTask(outcome.sourceName, formatDay(outcome.dueBy));
    case 'joint_inspection':
      return t.volunteer.outcomeJoint(outcome.reference, outcome.status && zhCommunity.joint.status[outcome.status]);
    case 'dismissed':
      return t.reasonLine(outcome.reason);
  }
}

const BEIJING_OFFSET = '+08:00';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A patrol's window from the form's day and times in Beijing time: an end not after the start is the
 * next day's (an evening patrol past midnight). Undefined when the day or a time is not well formed.
 */
export function patrolWindow(day: string, start: string, end: string): { startsAt: string; endsAt: string } | undefined {
  if (!DATE.test(day.trim()) || !TIME.test(start.trim()) || !TIME.test(end.trim())) return undefined;
  const startsAt = Date.parse(`${day.trim()}T${start.trim()}:00${BEIJING_OFFSET}`);
  let endsAt = Date.parse(`${day.trim()}T${end.trim()}:00${BEIJING_OFFSET}`);
  if (Number.isNaN(startsAt) || Number.isNaN(endsAt)) return undefined;
  if (endsAt <= startsAt) endsAt += 86_400_000;
  return { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() };
}

type DeskItem = StreetDeskViewT['items'][number];

/** The page a count of the street's desk opens, with the list's filters (the bureau's street kept along). */
export function deskTarget(item: DeskItem): { page: PageId; query: Record<string, string | undefined> } {
  const { streetCode, status, overdue } = item.list.query;
  switch (item.list.route) {
    case 'queue':
      return { page: 'queue', query: { overdue } };
    case 'listJointInspections':
      return { page: 'jointList', query: {} };
    case 'listObservations':
      return { page: 'observationQueue', query: { streetCode, status } };
    case 'listInspectionTasks':
      return { page: 'observationQueue', query: { streetCode, status: 'tasks' } };
    case 'listReviews':
      return { page: 'reviewQueue', query: { streetCode } };
    case 'listVolunteers':
      return { page: 'volunteerReview', query: { streetCode, status } };
    case 'listPatrolTasks':
      return { page: 'patrolTasks', query: { streetCode } };
    case 'searchSources':
      return { page: 'sourceSearch', query: { keySupervision: 'true' } };
    default:
      return { page: 'sourceWarnings', query: {} };
  }
}

/** A desk count as it reads: `12`, or `50+` where the count stopped at its cap. */
export function deskCount(item: Pick<DeskItem, 'count' | 'more'>): string {
  return item.more ? t.officer.more(item.count) : String(item.count);
}

/** The month `by` months from `month` (both `YYYY-MM`). */
export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** What a second look is about, in words: a complaint by its tracking number, or a source's rectification item. */
export function reviewSubject(review: Pick<ReviewViewT, 'subject'>): string {
  return review.subject.kind === 'complaint'
    ? t.volunteer.subjectComplaint(review.subject.trackingNumber)
    : t.volunteer.subjectRectification(review.subject.sourceName, review.subject.itemLabel);
}
