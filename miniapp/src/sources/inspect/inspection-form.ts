/**
 * The inspection form's answers and the request they make. Pure (no Taro), so the rules — every
 * item answered, a failed item opens a rectification by default with the checklist's deadline —
 * are unit-tested.
 */
import type { InspectionBodyT } from '@green-shield/shared/api/source-schemas';
import type { ChecklistItem } from '@green-shield/shared/sources/checklists';

export type Outcome = 'pass' | 'fail' | 'not_applicable';

export interface ItemAnswer {
  outcome?: Outcome;
  note: string;
  /** Failed items only: open a rectification order (on unless the officer turns it off). */
  rectify: boolean;
  /** As typed; starts at the checklist item's default deadline. */
  rectifyDays: string;
}

export const RECTIFY_DAYS_MAX = 180;

export function blankAnswers(items: readonly ChecklistItem[]): Record<string, ItemAnswer> {
  return Object.fromEntries(items.map((item) => [item.id, { note: '', rectify: true, rectifyDays: String(item.rectifyDays) }]));
}

export interface InspectionProblems {
  /** How many items still have no outcome. */
  unanswered?: number;
  /** Item ids whose rectification deadline is not a whole number of days in range. */
  badDays?: string[];
}

/** Whole days from 1 to `max` as typed, or undefined. */
export function wholeDays(text: string, max: number): number | undefined {
  const days = Number(text.trim());
  return Number.isInteger(days) && days >= 1 && days <= max ? days : undefined;
}

const validDays = (text: string) => wholeDays(text, RECTIFY_DAYS_MAX);

export function inspectionSubmission(
  items: readonly ChecklistItem[],
  answers: Record<string, ItemAnswer>,
  extras: { checklistVersion: string; note: string; photoKeys: string[] },
): { body: InspectionBodyT } | { problems: InspectionProblems } {
  const unanswered = items.filter((item) => !answers[item.id]?.outcome).length;
  const badDays = items.filter((item) => {
    const answer = answers[item.id];
    return answer?.outcome === 'fail' && answer.rectify && validDays(answer.rectifyDays) === undefined;
  });
  if (unanswered > 0 || badDays.length > 0) {
    return { problems: { ...(unanswered > 0 ? { unanswered } : {}), ...(badDays.length > 0 ? { badDays: badDays.map((item) => item.id) } : {}) } };
  }
  const results = items.map((item) => {
    const answer = answers[item.id];
    const outcome = answer.outcome as Outcome;
    const note = answer.note.trim() || undefined;
    if (outcome !== 'fail') return { itemId: item.id, outcome, note };
    return answer.rectify
      ? { itemId: item.id, outcome, note, rectify: true, rectifyDays: validDays(answer.rectifyDays) }
      : { itemId: item.id, outcome, note, rectify: false };
  });
  return { body: { checklistVersion: extras.checklistVersion, results, note: extras.note.trim() || undefined, photoKeys: extras.photoKeys } };
}
