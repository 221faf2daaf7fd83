/**
 * The bureau's time limits on a joint inspection request (versioned, `rules/joint-inspection-time-limits.json`),
 * the due dates they give and whether one has passed. Days are counted as the Civil Code counts them
 * (`rules/legal-periods.ts`). Pure: callers pass the time.
 */
import table from '../rules/joint-inspection-time-limits.json' with { type: 'json' };
import { periodEnd, type PeriodRules } from '../rules/legal-periods';
import type { JointInspectionStatus } from './joint-inspection-state-machine';
import { newest, versionedRules } from '../rules/versions';

export const JOINT_INSPECTION_URGENCIES = ['normal', 'urgent'] as const;
export type JointInspectionUrgency = (typeof JOINT_INSPECTION_URGENCIES)[number];

/** Days the bureau has for each step (see the rule table's notes). */
export type JointInspectionLimits = Record<'acknowledgeWithinDays' | 'scheduleWithinDays' | 'completeWithinDays' | 'reworkWithinDays', number>;

export interface JointInspectionTimeLimits {
  /** An identifier, stored with every request; never shown to users. */
  version: string;
  /** What users read. */
  title: string;
  source: string;
  urgencies: Record<JointInspectionUrgency, JointInspectionLimits>;
}

const versions = (): readonly JointInspectionTimeLimits[] => table.versions as JointInspectionTimeLimits[];
const limits = /* @__PURE__ */ versionedRules(versions, 'joint-inspection time-limits');

export const CURRENT_JOINT_INSPECTION_LIMITS: JointInspectionTimeLimits = /* @__PURE__ */ newest(versions);

export function jointInspectionLimits(version: string): JointInspectionTimeLimits {
  return limits.get(version);
}

/** What the bureau owes on a request, each with its deadline (absent until it is owed). */
export interface JointInspectionDue {
  /** To answer the request: accept, ask for more, or decline. */
  acknowledgeBy: string;
  /** To name the date and the people (from acceptance). */
  scheduleBy?: string;
  /** To record the result (from acceptance). */
  completeBy?: string;
  /** To record the result again after the street sent it back. */
  reworkBy?: string;
}

export const JOINT_DEADLINE_KINDS = ['acknowledge', 'schedule', 'complete', 'rework'] as const;
export type JointDeadlineKind = (typeof JOINT_DEADLINE_KINDS)[number];

/** Which deadline the bureau owes in each status (none while the street owes the next step, or once ended). */
const OWED: Partial<Record<JointInspectionStatus, readonly JointDeadlineKind[]>> = {
  submitted: ['acknowledge'],
  accepted: ['schedule', 'complete'],
  scheduled: ['complete'],
  sent_back: ['rework'],
};

const deadlineOf = (due: JointInspectionDue, kind: JointDeadlineKind): string | undefined => due[`${kind}By` as const];

type Limits = { limits: JointInspectionLimits; periods: PeriodRules };

/** A request just raised (or answered after a question): the bureau owes an answer. */
export function acknowledgementDue(at: string, { limits, periods }: Limits): string {
  return periodEnd(at, limits.acknowledgeWithinDays, periods);
}

/** An accepted request: the visit is owed scheduled, and the result recorded, counted from acceptance. */
export function dueOnAcceptance(acceptedAt: string, { limits, periods }: Limits): Pick<JointInspectionDue, 'scheduleBy' | 'completeBy'> {
  return { scheduleBy: periodEnd(acceptedAt, limits.scheduleWithinDays, periods), completeBy: periodEnd(acceptedAt, limits.completeWithinDays, periods) };
}

/** A result sent back: it is owed again, counted from the send-back. */
export function reworkDue(sentBackAt: string, { limits, periods }: Limits): string {
  return periodEnd(sentBackAt, limits.reworkWithinDays, periods);
}

/** The deadline the bureau owes next (the earliest of those owed), or none. */
export function nextJointDeadline(status: JointInspectionStatus, due: JointInspectionDue): { kind: JointDeadlineKind; by: string } | undefined {
  const owed = (OWED[status] ?? []).flatMap((kind) => {
    const by = deadlineOf(due, kind);
    return by ? [{ kind, by }] : [];
  });
  // ISO timestamps sort as the moments they name.
  return owed.sort((a, b) => a.by.localeCompare(b.by))[0];
}

export type JointOverdue = Record<JointDeadlineKind, boolean> & { any: boolean };

/** Which owed deadlines have passed. */
export function jointOverdue(status: JointInspectionStatus, due: JointInspectionDue, now: Date): JointOverdue {
  const owed = OWED[status] ?? [];
  const late = (kind: JointDeadlineKind) => {
    const by = deadlineOf(due, kind);
    return owed.includes(kind) && by !== undefined && now.getTime() > Date.parse(by);
  };
  const flags = { acknowledge: late('acknowledge'), schedule: late('schedule'), complete: late('complete'), rework: late('rework') };
  return { ...flags, any: Object.values(flags).some(Boolean) };
}
