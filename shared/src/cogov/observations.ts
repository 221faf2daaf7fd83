/**
 * What becomes of a volunteer's observation (巡查发现): an officer triages it into a complaint, an
 * inspection task, a joint inspection request, or dismisses it with a reason the volunteer reads.
 * The volunteer always sees the outcome. Pure.
 */
export const OBSERVATION_STATUSES = ['awaiting_triage', 'triaged'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

export const TRIAGE_OUTCOMES = ['complaint', 'inspection_task', 'joint_inspection', 'dismissed'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

/** An observation counts as confirmed in the volunteer's record when it became something to act on. */
export function confirmsObservation(outcome: TriageOutcome | undefined): boolean {
  return outcome !== undefined && outcome !== 'dismissed';
}

/** Days an officer may give an inspection task (巡查转检查) before it is due. */
export const INSPECTION_TASK_DAYS = { default: 7, max: 30 } as const;

/** Second looks at resolutions (second pair of eyes): a volunteer confirms or disputes one; a dispute waits for an officer's answer. */
export const REVIEW_VERDICTS = ['confirm', 'dispute'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];
export const REVIEW_STATUSES = ['recorded', 'open', 'answered'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A confirmation is recorded; a dispute opens in the street officers' queue until one answers it. */
export function reviewStatusFor(verdict: ReviewVerdict): ReviewStatus {
  return verdict === 'dispute' ? 'open' : 'recorded';
}
