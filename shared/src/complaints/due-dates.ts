import { periodEnd, type PeriodRules } from '../rules/legal-periods';
import type { TimeLimits } from '../rules/time-limits';
import { isTerminal, type ComplaintStatus } from './state-machine';

export interface DueDates {
  /** By when the complainant must be told how the matter will be handled. */
  acknowledgeBy: string;
  /** By when the matter must be closed. */
  closeBy: string;
}

/**
 * Deadlines of a complaint just received (信访工作条例 Art. 32–33, periods counted as the Civil Code
 * counts them): acknowledgement from receipt; closing from acceptance, so until it is accepted the
 * closing deadline is the earliest it can be (accepted on the day received), and `accept` sets it.
 */
export function dueDates(receivedAt: string, limits: TimeLimits, rules: PeriodRules): DueDates {
  return { acknowledgeBy: periodEnd(receivedAt, limits.acknowledgeWithinDays, rules), closeBy: closingDeadline(receivedAt, limits, rules) };
}

/** The closing deadline of a complaint accepted at `acceptedAt`. */
export function closingDeadline(acceptedAt: string, limits: TimeLimits, rules: PeriodRules): string {
  return periodEnd(acceptedAt, limits.closeWithinDays, rules);
}

/** The closing deadline of a complaint reopened at `reopenedAt` (its own, shorter period). */
export function closingDeadlineAfterReopening(reopenedAt: string, limits: TimeLimits, rules: PeriodRules): string {
  return periodEnd(reopenedAt, limits.reopenedCloseWithinDays, rules);
}

/** The closing deadline after an extension of `days`, counted on from the deadline's last day. */
export function extendedDeadline(closeBy: string, days: number, rules: PeriodRules): string {
  return periodEnd(closeBy, days, rules);
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
