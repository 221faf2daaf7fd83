/**
 * The life of a street's request for a joint inspection by the district bureau (街镇发起联合检查).
 * Pure: no I/O, no clock. Two parties act on it: the requesting street's officers (`street`) and the
 * bureau's officers (`bureau`).
 *
 *   submitted → accepted → scheduled → result_recorded → closed
 *   submitted → info_requested → submitted       the bureau asks, the street answers
 *   submitted | info_requested → declined        the bureau declines with a reason the street reads
 *   submitted | info_requested → withdrawn       the street withdraws it before acceptance
 *   result_recorded → sent_back → result_recorded  the street sends the result back once, with a reason
 *
 * A scheduled (or sent-back) request is carried out as inspections of its sources (the registry's
 * checklists, so scores, rectification orders and timelines follow); then the bureau records the
 * result and the follow-up. The loop closes only when the street confirms a recorded result: there
 * is no closing without one. Comments are steps too (both parties, any open status).
 */

/** Statuses the request is still in play in; then the ended ones. */
const IN_PLAY = ['submitted', 'info_requested', 'accepted', 'scheduled', 'result_recorded', 'sent_back'] as const;
const ENDED = ['closed', 'declined', 'withdrawn'] as const;
export const JOINT_INSPECTION_STATUSES = [...IN_PLAY, ...ENDED] as const;
export type JointInspectionStatus = (typeof JOINT_INSPECTION_STATUSES)[number];

export const JOINT_INSPECTION_TERMINAL: readonly JointInspectionStatus[] = ENDED;

export const JOINT_INSPECTION_ACTIONS = [
  'request_info',
  'provide_info',
  'accept',
  'decline',
  'schedule',
  'record_inspection',
  'record_result',
  'confirm',
  'send_back',
  'withdraw',
  'comment',
] as const;
export type JointInspectionAction = (typeof JOINT_INSPECTION_ACTIONS)[number];

/** The requesting street's officers, or the bureau's. */
export const JOINT_INSPECTION_PARTIES = ['street', 'bureau'] as const;
export type JointInspectionParty = (typeof JOINT_INSPECTION_PARTIES)[number];

/** How many times the street may send a recorded result back. */
export const MAX_SEND_BACKS = 1;

interface StepRule {
  from: readonly JointInspectionStatus[];
  /** Absent: the status stays (an inspection recorded, a comment). */
  to?: JointInspectionStatus;
  by: readonly JointInspectionParty[];
}

/** Where the bureau goes out and inspects. */
const CARRYING_OUT: readonly JointInspectionStatus[] = ['scheduled', 'sent_back'];

export const JOINT_INSPECTION_STEPS = {
  request_info: { from: ['submitted'], to: 'info_requested', by: ['bureau'] },
  provide_info: { from: ['info_requested'], to: 'submitted', by: ['street'] },
  accept: { from: ['submitted'], to: 'accepted', by: ['bureau'] },
  decline: { from: ['submitted', 'info_requested'], to: 'declined', by: ['bureau'] },
  /** Names the date and the people going; again from scheduled to reschedule. */
  schedule: { from: ['accepted', 'scheduled'], to: 'scheduled', by: ['bureau'] },
  record_inspection: { from: CARRYING_OUT, by: ['bureau'] },
  record_result: { from: CARRYING_OUT, to: 'result_recorded', by: ['bureau'] },
  confirm: { from: ['result_recorded'], to: 'closed', by: ['street'] },
  send_back: { from: ['result_recorded'], to: 'sent_back', by: ['street'] },
  withdraw: { from: ['submitted', 'info_requested'], to: 'withdrawn', by: ['street'] },
  comment: { from: IN_PLAY, by: ['street', 'bureau'] },
} as const satisfies Record<JointInspectionAction, StepRule>;

const rule = (action: JointInspectionAction): StepRule => JOINT_INSPECTION_STEPS[action];

export function isTerminalJointStatus(status: JointInspectionStatus): boolean {
  return JOINT_INSPECTION_TERMINAL.includes(status);
}

/** Closing steps that need a recorded result (the loop is closed only on one). */
const NEEDS_RESULT: readonly JointInspectionAction[] = ['confirm', 'send_back'];

export type JointStepRefusal =
  | { code: 'FORBIDDEN'; message: string }
  | { code: 'ILLEGAL_TRANSITION'; message: string }
  | { code: 'RESULT_NOT_RECORDED'; message: string }
  | { code: 'SEND_BACK_LIMIT_REACHED'; message: string };

/**
 * Whether a party may take a step on a request in this status (and, for a send-back, having sent
 * it back `sendBacks` times already): the next status, or why not. A step of the other party is
 * forbidden (403) whatever the status; a step out of order is a conflict (409).
 */
export function decideJointStep(
  status: JointInspectionStatus,
  action: JointInspectionAction,
  party: JointInspectionParty,
  sendBacks = 0,
): { ok: true; to: JointInspectionStatus } | { ok: false; refusal: JointStepRefusal } {
  const { from, to, by } = rule(action);
  if (!by.includes(party)) {
    return { ok: false, refusal: { code: 'FORBIDDEN', message: `Only the ${by.join(' or ')} may ${action.replace(/_/g, ' ')} on a joint inspection request` } };
  }
  if (!from.includes(status)) {
    if (NEEDS_RESULT.includes(action) && !isTerminalJointStatus(status)) {
      return {
        ok: false,
        refusal: { code: 'RESULT_NOT_RECORDED', message: 'No result has been recorded yet: the request cannot be closed or sent back without one' },
      };
    }
    return {
      ok: false,
      refusal: { code: 'ILLEGAL_TRANSITION', message: `Cannot ${action.replace(/_/g, ' ')} a joint inspection request that is ${status.replace(/_/g, ' ')}` },
    };
  }
  if (action === 'send_back' && sendBacks >= MAX_SEND_BACKS) {
    return {
      ok: false,
      refusal: { code: 'SEND_BACK_LIMIT_REACHED', message: `A result can be sent back ${MAX_SEND_BACKS} time(s); confirm it or raise a new request` },
    };
  }
  return { ok: true, to: to ?? status };
}

/** The steps a party may take now (drives the app's buttons). */
export function availableJointSteps(status: JointInspectionStatus, party: JointInspectionParty, sendBacks = 0): JointInspectionAction[] {
  return JOINT_INSPECTION_ACTIONS.filter((action) => decideJointStep(status, action, party, sendBacks).ok);
}
