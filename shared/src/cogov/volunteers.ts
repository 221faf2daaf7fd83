/**
 * A resident volunteering for a street (社区志愿者). Pure. A resident applies for one street; that
 * street's officers approve or decline the application, and may later withdraw an approval; a
 * declined or withdrawn resident may apply again. Only an approved volunteer acts as one.
 *
 *   pending → approved → withdrawn
 *   pending → declined
 */
export const VOLUNTEER_STATUSES = ['pending', 'approved', 'declined', 'withdrawn'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export const VOLUNTEER_DECISIONS = ['approve', 'decline', 'withdraw'] as const;
export type VolunteerDecision = (typeof VOLUNTEER_DECISIONS)[number];

const DECISIONS = {
  approve: { from: 'pending', to: 'approved', needsReason: false },
  decline: { from: 'pending', to: 'declined', needsReason: true },
  withdraw: { from: 'approved', to: 'withdrawn', needsReason: true },
} as const satisfies Record<VolunteerDecision, { from: VolunteerStatus; to: VolunteerStatus; needsReason: boolean }>;

/** Whether a resident in this status (or with no application) may apply now. */
export function mayApply(status: VolunteerStatus | undefined): boolean {
  return status === undefined || status === 'declined' || status === 'withdrawn';
}

/** An officer's decision on an application or an approval: the next status, or why not. */
export function decideVolunteer(
  status: VolunteerStatus,
  decision: VolunteerDecision,
  reason: string | undefined,
): { ok: true; to: VolunteerStatus } | { ok: false; code: 'ILLEGAL_TRANSITION' | 'REASON_REQUIRED' } {
  const rule = DECISIONS[decision];
  if (status !== rule.from) return { ok: false, code: 'ILLEGAL_TRANSITION' };
  if (rule.needsReason && !reason) return { ok: false, code: 'REASON_REQUIRED' };
  return { ok: true, to: rule.to };
}

/** The decisions an officer may take on a volunteer in this status (the app's buttons). */
export function availableVolunteerDecisions(status: VolunteerStatus): VolunteerDecision[] {
  return VOLUNTEER_DECISIONS.filter((decision) => DECISIONS[decision].from === status);
}
