/**
 * The complaint life cycle. Pure: no I/O, no clock (callers pass `now`).
 *
 * submitted → accepted → assigned → in_progress → resolved → closed
 * plus not_our_responsibility (with a reason and a referral), duplicate (linked to the original)
 * and reopened (by the complainant, within the feedback window after resolution). An unsatisfied
 * rating (1–2★) still closes the complaint, once the complainant chose it over reopening, and
 * flags it for an officer's follow-up (回访: `follow_up`, on the closed complaint).
 */
export const COMPLAINT_STATUSES = [
  'submitted',
  'accepted',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'not_our_responsibility',
  'duplicate',
  'reopened',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const TERMINAL_STATUSES: readonly ComplaintStatus[] = ['closed', 'not_our_responsibility', 'duplicate'];

export type ActorKind = 'officer' | 'complainant' | 'system';

export const COMPLAINT_ACTIONS = [
  'accept',
  'assign',
  'start',
  'note',
  'resolve',
  'not_our_responsibility',
  'mark_duplicate',
  'extend',
  'rate',
  'reopen',
  'auto_close',
  'follow_up',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

interface TransitionRule {
  from: readonly ComplaintStatus[];
  /** `undefined` keeps the current status (a note). */
  to?: ComplaintStatus;
  actor: ActorKind;
}

const OPEN_FOR_HANDLING: readonly ComplaintStatus[] = ['accepted', 'assigned', 'in_progress', 'reopened'];

export const TRANSITIONS = {
  accept: { from: ['submitted', 'reopened'], to: 'accepted', actor: 'officer' },
  assign: { from: OPEN_FOR_HANDLING, to: 'assigned', actor: 'officer' },
  start: { from: ['accepted', 'assigned', 'reopened'], to: 'in_progress', actor: 'officer' },
  note: { from: ['submitted', ...OPEN_FOR_HANDLING], actor: 'officer' },
  resolve: { from: OPEN_FOR_HANDLING, to: 'resolved', actor: 'officer' },
  not_our_responsibility: { from: ['submitted', 'accepted', 'reopened'], to: 'not_our_responsibility', actor: 'officer' },
  mark_duplicate: { from: ['submitted', 'accepted', 'reopened'], to: 'duplicate', actor: 'officer' },
  /** Extends the closing deadline once (信访工作条例 Art. 33), only of an accepted complaint and before that deadline; the status stays. */
  extend: { from: OPEN_FOR_HANDLING, actor: 'officer' },
  rate: { from: ['resolved'], to: 'closed', actor: 'complainant' },
  reopen: { from: ['resolved'], to: 'reopened', actor: 'complainant' },
  auto_close: { from: ['resolved'], to: 'closed', actor: 'system' },
  /** An officer's follow-up of an unsatisfied rating (回访), noted on the closed complaint; the domain allows it only while the rating awaits one. */
  follow_up: { from: ['closed'], actor: 'officer' },
} as const satisfies Record<ComplaintAction, TransitionRule>;

/** Ratings of at most this many stars mean the complainant is not satisfied: flagged for follow-up. */
export const UNSATISFIED_RATING_MAX = 2;

export function isUnsatisfiedRating(rating: number): boolean {
  return rating <= UNSATISFIED_RATING_MAX;
}

const rule = (action: ComplaintAction): TransitionRule => TRANSITIONS[action];

/** What officers may do (the rest belongs to the complainant and the system). */
export type OfficerAction = { [A in ComplaintAction]: (typeof TRANSITIONS)[A]['actor'] extends 'officer' ? A : never }[ComplaintAction];
export const OFFICER_ACTIONS = COMPLAINT_ACTIONS.filter((action): action is OfficerAction => rule(action).actor === 'officer');

/** Whether handling has established a result (resolved, closed, or folded into its original as a duplicate). */
export function isHandled(status: ComplaintStatus): boolean {
  return status === 'resolved' || status === 'closed' || status === 'duplicate';
}

export function isTerminal(status: ComplaintStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The actions an actor of this kind may take on a complaint in this status (drives the UI's buttons). */
export function availableActions(status: ComplaintStatus, actor: ActorKind): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((action) => rule(action).actor === actor && rule(action).from.includes(status));
}

export type TransitionRefusal =
  | { code: 'ILLEGAL_TRANSITION'; message: string }
  | { code: 'FEEDBACK_WINDOW_CLOSED'; message: string }
  | { code: 'FEEDBACK_WINDOW_OPEN'; message: string }
  | { code: 'DEADLINE_PASSED'; message: string }
  | { code: 'MISSING_FIELD'; message: string; field: string };

/** What an action may carry; which of these it must carry is REQUIRED_FIELDS. */
export interface TransitionFields {
  note?: string;
  reason?: string;
  referral?: string;
  duplicateOf?: string;
  assigneeId?: string;
  rating?: number;
  extensionDays?: number;
}

export interface TransitionInput extends TransitionFields {
  action: ComplaintAction;
  actor: ActorKind;
  status: ComplaintStatus;
  /** When the complaint was last resolved (ISO), for the feedback window. */
  resolvedAt?: string;
  /** Its closing deadline (ISO): an extension must come before it. */
  closeBy?: string;
  now: Date;
  feedbackWindowDays: number;
}

const REQUIRED_FIELDS: Partial<Record<ComplaintAction, Array<keyof TransitionFields>>> = {
  assign: ['assigneeId'],
  note: ['note'],
  resolve: ['note'],
  not_our_responsibility: ['reason', 'referral'],
  mark_duplicate: ['duplicateOf'],
  extend: ['reason', 'extensionDays'],
  rate: ['rating'],
  reopen: ['reason'],
  follow_up: ['note'],
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function feedbackDeadline(resolvedAt: string, feedbackWindowDays: number): Date {
  return new Date(Date.parse(resolvedAt) + feedbackWindowDays * DAY_MS);
}

/** Decides whether a transition may happen; returns the next status or why not. */
export function decideTransition(input: TransitionInput): { ok: true; to: ComplaintStatus } | { ok: false; refusal: TransitionRefusal } {
  const { actor, from, to } = rule(input.action);
  if (actor !== input.actor || !from.includes(input.status)) {
    return {
      ok: false,
      refusal: { code: 'ILLEGAL_TRANSITION', message: `Cannot ${input.action} a complaint that is ${input.status}` },
    };
  }
  for (const field of REQUIRED_FIELDS[input.action] ?? []) {
    const value = input[field];
    if (value === undefined || value === '') {
      return { ok: false, refusal: { code: 'MISSING_FIELD', field, message: `${input.action} needs ${field}` } };
    }
  }
  if (input.action === 'extend' && input.closeBy && input.now.getTime() > Date.parse(input.closeBy)) {
    return { ok: false, refusal: { code: 'DEADLINE_PASSED', message: 'The closing deadline has passed; it can no longer be extended' } };
  }
  if (actor !== 'officer' && input.resolvedAt) {
    const deadline = feedbackDeadline(input.resolvedAt, input.feedbackWindowDays);
    const windowOpen = input.now.getTime() <= deadline.getTime();
    if (actor === 'complainant' && !windowOpen) {
      return {
        ok: false,
        refusal: { code: 'FEEDBACK_WINDOW_CLOSED', message: `The ${input.feedbackWindowDays}-day feedback window ended` },
      };
    }
    if (actor === 'system' && windowOpen) {
      return { ok: false, refusal: { code: 'FEEDBACK_WINDOW_OPEN', message: 'The complainant can still rate or reopen' } };
    }
  }
  return { ok: true, to: to ?? input.status };
}
