import type { TimeLimits } from '../rules/time-limits';
import { isTerminal, type ComplaintStatus } from './state-machine';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DueDates {
  /** By when the complainant must be told how the matter will be handled. */
  acknowledgeBy: string;
  /** By when the matter must be closed. */
  closeBy: string;
}

export function dueDates(receivedAt: string, limits: TimeLimits): DueDates {
  const received = Date.parse(receivedAt);
  return {
    acknowledgeBy: new Date(received + limits.acknowledgeWithinDays * DAY_MS).toISOString(),
    closeBy: new Date(received + limits.closeWithinDays * DAY_MS).toISOString(),
  };
}

export interface Overdue {
  acknowledge: boolean;
  close: boolean;
  any: boolean;
}

/**
 * Acknowledgement is owed while nobody has told the resident how it will be handled (still submitted);
 * closing is owed until a result reaches the resident (resolved counts: the resident now has a result).
 */
export function overdue(status: ComplaintStatus, due: DueDates, now: Date): Overdue {
  const late = (deadline: string) => now.getTime() > Date.parse(deadline);
  const acknowledge = status === 'submitted' && late(due.acknowledgeBy);
  const close = owesDeadline(status) && late(due.closeBy);
  return { acknowledge, close, any: acknowledge || close };
}

/** Whether a complaint in this status still owes the resident a result (so it can be overdue). */
export function owesDeadline(status: ComplaintStatus): boolean {
  return !isTerminal(status) && status !== 'resolved';
}

/** The deadline a complaint owes next: which one, and by when. */
export interface NextDeadline {
  kind: 'acknowledge' | 'close';
  by: string;
}

/**
 * The deadline the complaint owes next: its acknowledgement deadline (or closing, if earlier) while
 * submitted, its closing deadline while open, none once resolved or ended.
 */
export function nextDeadline(status: ComplaintStatus, due: DueDates): NextDeadline | undefined {
  if (!owesDeadline(status)) return undefined;
  // ISO timestamps sort as the moments they name.
  if (status === 'submitted' && due.acknowledgeBy <= due.closeBy) return { kind: 'acknowledge', by: due.acknowledgeBy };
  return { kind: 'close', by: due.closeBy };
}

/**
 * From when the complaint is overdue if nothing happens: its next deadline. It is overdue
 * (`overdue(...).any`) exactly when now is past this; the queue indexes complaints by it, so the
 * open work read in this order is the most urgent first: the overdue, longest overdue first, then
 * the rest by due date.
 */
export function overdueFrom(status: ComplaintStatus, due: DueDates): string | undefined {
  return nextDeadline(status, due)?.by;
}
