/**
 * The life of a rectification order (整改单). Pure: no I/O, no clock (callers pass times and ids).
 *
 * An officer's inspection opens an order for each failed checklist item it asks to rectify, due
 * after the item's days (or the officer's). Then:
 *   open → submitted              the source's operator submits evidence (photos, a note)
 *   submitted → closed            an officer accepts the evidence
 *   submitted → open              an officer rejects it with a reason and a new deadline (the
 *                                 officer's days, by default the item's); the operator tries again
 *   open or submitted → closed    a later inspection finds the item passing on site (复查销项): the
 *                                 officer saw it put right, so the order closes as verified
 * A later inspection that finds the item failing again while its order is not closed opens no
 * second order: the repeat failure is noted on the order (`noteRepeatFailure`), which may shorten
 * its deadline but never lengthens it. A closed order stays closed. Every step adds one to the
 * order's version. Whether an order was late is judged by the scoring rules (`scoring.ts`), from
 * when its evidence arrived; an officer's decision has its own due time (`decisionDueAt`).
 */
import type { ChecklistItem } from './checklists';
import type { RectificationRules } from './rectification-rules';

export const RECTIFICATION_STATUSES = ['open', 'submitted', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const RECTIFICATION_ACTIONS = ['submit_evidence', 'accept_evidence', 'reject_evidence', 'verify_on_site'] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];

export type RectificationActor = 'operator' | 'officer';

interface TransitionRule {
  from: readonly RectificationStatus[];
  to: RectificationStatus;
  actor: RectificationActor;
  /** Why the action is refused in any other status (the API's message). */
  wrongStatus: string;
}

export const RECTIFICATION_TRANSITIONS = {
  submit_evidence: { from: ['open'], to: 'submitted', actor: 'operator', wrongStatus: 'Evidence for this item is awaiting a decision or the item is closed' },
  accept_evidence: { from: ['submitted'], to: 'closed', actor: 'officer', wrongStatus: 'There is no evidence awaiting a decision on this item' },
  reject_evidence: { from: ['submitted'], to: 'open', actor: 'officer', wrongStatus: 'There is no evidence awaiting a decision on this item' },
  verify_on_site: { from: ['open', 'submitted'], to: 'closed', actor: 'officer', wrongStatus: 'This item is already closed' },
} as const satisfies Record<RectificationAction, TransitionRule>;

/** How a closed order was closed: its evidence accepted, or the item found passing by a later inspection on site. */
export const RECTIFICATION_CLOSURES = ['evidence_accepted', 'verified_on_site'] as const;
export type RectificationClosure = (typeof RECTIFICATION_CLOSURES)[number];

export interface Evidence {
  id: string;
  at: string;
  /** The operator's user id. */
  by: string;
  note?: string;
  photoKeys: string[];
  decision?: 'accepted' | 'rejected';
  reason?: string;
  decidedAt?: string;
  decidedBy?: string;
}

export interface RectificationOrder {
  id: string;
  sourceId: string;
  itemId: string;
  itemLabel: string;
  /** The legal basis of the checklist item. */
  basis: string;
  inspectionId: string;
  openedAt: string;
  deadline: string;
  status: RectificationStatus;
  closedAt?: string;
  /** How and by whom it was closed (orders closed before this was recorded have none: their evidence was accepted). */
  closure?: { how: RectificationClosure; by: string; inspectionId?: string };
  version: number;
  /** Oldest first; only the last entry can be awaiting a decision. */
  evidence: Evidence[];
  /**
   * The deadlines it had before `deadline`, oldest first, each with when it was replaced (by a
   * rejection or a repeat failure): lateness is judged against the deadline in force at the time.
   * Absent while the first deadline stands.
   */
  earlierDeadlines?: Array<{ deadline: string; replacedAt: string }>;
  /** Later inspections that found the item failing again while the order was not closed, oldest first. */
  repeatFailures?: Array<{ inspectionId: string; at: string }>;
}

const DAY_MS = 86_400_000;

/** A deadline `days` days after an instant: every deadline of the loop is counted here. */
export function deadlineAfter(from: Date | string, days: number): string {
  return new Date(new Date(from).getTime() + days * DAY_MS).toISOString();
}

/** The order with a new deadline from `at`, the one it replaces kept in `earlierDeadlines`. */
function withDeadline(order: RectificationOrder, deadline: string, at: string): RectificationOrder {
  if (deadline === order.deadline) return order;
  return { ...order, deadline, earlierDeadlines: [...(order.earlierDeadlines ?? []), { deadline: order.deadline, replacedAt: at }] };
}

/** The order a failed checklist item opens: due after the officer's days, or the item's by default. */
export function openRectification(input: {
  id: string;
  sourceId: string;
  inspectionId: string;
  item: Pick<ChecklistItem, 'id' | 'label' | 'basis' | 'rectifyDays'>;
  rectifyDays?: number;
  now: Date;
}): RectificationOrder {
  return {
    id: input.id,
    sourceId: input.sourceId,
    itemId: input.item.id,
    itemLabel: input.item.label,
    basis: input.item.basis,
    inspectionId: input.inspectionId,
    openedAt: input.now.toISOString(),
    deadline: deadlineAfter(input.now, input.rectifyDays ?? input.item.rectifyDays),
    status: 'open',
    version: 0,
    evidence: [],
  };
}

/** The actions an actor may take on an order in this status (drives the UI's buttons). */
export function availableRectificationActions(status: RectificationStatus, actor: RectificationActor): RectificationAction[] {
  return RECTIFICATION_ACTIONS.filter((action) => RECTIFICATION_TRANSITIONS[action].actor === actor && allowedFrom(action, status));
}

function allowedFrom(action: RectificationAction, status: RectificationStatus): boolean {
  const rule: TransitionRule = RECTIFICATION_TRANSITIONS[action];
  return rule.from.includes(status);
}

export type RectificationRefusal = { code: 'FORBIDDEN'; message: string } | { code: 'RECTIFICATION_NOT_OPEN'; message: string };

/** Decides whether an actor may take an action on an order in this status; returns the next status or why not. */
export function decideRectificationStep(
  status: RectificationStatus,
  action: RectificationAction,
  actor: RectificationActor,
): { ok: true; to: RectificationStatus } | { ok: false; refusal: RectificationRefusal } {
  const rule: TransitionRule = RECTIFICATION_TRANSITIONS[action];
  if (actor !== rule.actor) return { ok: false, refusal: { code: 'FORBIDDEN', message: `Only an ${rule.actor} may ${action.replace(/_/g, ' ')}` } };
  if (!allowedFrom(action, status)) return { ok: false, refusal: { code: 'RECTIFICATION_NOT_OPEN', message: rule.wrongStatus } };
  return { ok: true, to: rule.to };
}

export type RectificationStep =
  | { action: 'submit_evidence'; actor: RectificationActor; evidence: Pick<Evidence, 'id' | 'at' | 'by' | 'note' | 'photoKeys'> }
  | { action: 'accept_evidence'; actor: RectificationActor; at: string; decidedBy: string }
  | { action: 'reject_evidence'; actor: RectificationActor; at: string; decidedBy: string; reason?: string; deadline: string }
  | { action: 'verify_on_site'; actor: RectificationActor; at: string; decidedBy: string; inspectionId: string };

/**
 * The order a step leaves behind: the next status, the version plus one, the new evidence entry or
 * the decision on the last one, the new deadline of a rejection, and `closedAt` with its `closure`
 * when it closes. Only for a step `decideRectificationStep` allows. Verifying on site decides no
 * evidence: evidence still awaiting a decision stays undecided (nobody judged the photos; the
 * officer saw the site).
 */
export function applyRectificationStep(order: RectificationOrder, step: RectificationStep): RectificationOrder {
  const decided = decideRectificationStep(order.status, step.action, step.actor);
  if (!decided.ok) throw new Error(decided.refusal.message);
  const stepped = { ...order, status: decided.to, version: order.version + 1 };
  if (step.action === 'submit_evidence') return { ...stepped, evidence: [...order.evidence, step.evidence] };
  if (step.action === 'verify_on_site')
    return { ...stepped, closedAt: step.at, closure: { how: 'verified_on_site', by: step.decidedBy, inspectionId: step.inspectionId } };
  const decide = (decision: 'accepted' | 'rejected', reason?: string) =>
    order.evidence.map((entry, index) =>
      index === order.evidence.length - 1 ? { ...entry, decision, reason, decidedAt: step.at, decidedBy: step.decidedBy } : entry,
    );
  if (step.action === 'accept_evidence')
    return { ...stepped, evidence: decide('accepted'), closedAt: step.at, closure: { how: 'evidence_accepted', by: step.decidedBy } };
  return withDeadline({ ...stepped, evidence: decide('rejected', step.reason) }, step.deadline, step.at);
}

/**
 * The days a rejection gives by default: the checklist item's, within the most a rejection may give.
 * The new deadline runs from the rejection (`deadlineAfter`).
 */
export function defaultResubmitDays(item: Pick<ChecklistItem, 'rectifyDays'>, rules: RectificationRules): number {
  return Math.min(item.rectifyDays, rules.maxResubmitDays);
}

/**
 * An inspection found the order's item failing again while the order was not closed: no second
 * order, the repeat noted on this one. With `deadline` (the officer's days from now) the order's
 * deadline becomes the earlier of the two: a repeat failure may shorten it, never lengthen it.
 */
export function noteRepeatFailure(order: RectificationOrder, inspection: { id: string; at: string }, deadline?: string): RectificationOrder {
  if (order.status === 'closed') throw new Error('A closed order cannot fail again; the failure opens a new one');
  const noted = {
    ...order,
    version: order.version + 1,
    repeatFailures: [...(order.repeatFailures ?? []), { inspectionId: inspection.id, at: inspection.at }],
  };
  return deadline !== undefined && deadline < order.deadline ? withDeadline(noted, deadline, inspection.at) : noted;
}

/**
 * When an officer should have decided on the evidence awaiting a decision: `decisionWithinDays`
 * after it arrived. Undefined unless evidence awaits a decision. The operator is never late for it.
 */
export function decisionDueAt(order: Pick<RectificationOrder, 'status' | 'evidence'>, rules: RectificationRules): string | undefined {
  const pending = order.status === 'submitted' ? order.evidence.at(-1) : undefined;
  return pending && deadlineAfter(pending.at, rules.decisionWithinDays);
}

/**
 * 复查销项: the orders an inspection closes as verified on site — every order not yet closed whose
 * checklist item the inspection found passing (`pass`; not `not_applicable`, which says nothing
 * about the item's state). Each is closed at the inspection's time by its officer.
 */
export function ordersVerifiedOnSite(
  orders: readonly RectificationOrder[],
  passedItemIds: ReadonlySet<string>,
  inspection: { id: string; at: string; by: string },
): RectificationOrder[] {
  return orders
    .filter((order) => order.status !== 'closed' && passedItemIds.has(order.itemId))
    .map((order) =>
      applyRectificationStep(order, { action: 'verify_on_site', actor: 'officer', at: inspection.at, decidedBy: inspection.by, inspectionId: inspection.id }),
    );
}
