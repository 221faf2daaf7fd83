/**
 * What an inspection and a record put on a source's timeline, checked and built without I/O: an
 * inspection's results against the checklist of the source's kind, the rectification orders its
 * failed items open, a record's date. Pure but for the ids the caller passes in.
 */
import type { z } from 'zod/mini';
import type { InspectionResultInput } from '@green-shield/shared/api/source-schemas';
import type { ChecklistItem } from '@green-shield/shared/sources/checklists';
import { openRectification } from '@green-shield/shared/sources/rectification-state-machine';
import type { InspectionResultRecord, RectificationRecord } from './records';

type ResultInput = z.infer<typeof InspectionResultInput>;

export interface FieldProblem {
  field: string;
  message: string;
}

/** Results naming an item outside the checklist, or an item already answered, by field. */
export function inspectionProblems(checklist: ReadonlyMap<string, ChecklistItem>, results: readonly ResultInput[]): FieldProblem[] {
  return results.flatMap((result, index) =>
    !checklist.has(result.itemId)
      ? [{ field: `body.results.${index}.itemId`, message: '不是该类污染源检查表中的项目' }]
      : results.findIndex((other) => other.itemId === result.itemId) !== index
        ? [{ field: `body.results.${index}.itemId`, message: '同一项目重复填写' }]
        : [],
  );
}

/**
 * The results as recorded (each with the points its item costs) and an order for each failed item
 * the officer asked to rectify. The results must have passed `inspectionProblems`.
 */
export function inspectionRecords(input: {
  checklist: ReadonlyMap<string, ChecklistItem>;
  results: readonly ResultInput[];
  sourceId: string;
  inspectionId: string;
  now: Date;
  newId: () => string;
}): { results: InspectionResultRecord[]; rectifications: RectificationRecord[] } {
  const rectifications: RectificationRecord[] = [];
  const results = input.results.map((result) => {
    const item = input.checklist.get(result.itemId);
    if (!item) throw new Error(`Result for ${result.itemId}, which is not on the checklist`);
    const rectification =
      result.outcome === 'fail' && result.rectify
        ? openRectification({
            id: input.newId(),
            sourceId: input.sourceId,
            inspectionId: input.inspectionId,
            item,
            rectifyDays: result.rectifyDays,
            now: input.now,
          })
        : undefined;
    if (rectification) rectifications.push(rectification);
    return { itemId: item.id, label: item.label, points: item.points, outcome: result.outcome, note: result.note, rectificationId: rectification?.id };
  });
  return { results, rectifications };
}

/** The date a record is filed under: the one given, which must be a valid date not in the future, or now. */
export function recordDate(requested: string | undefined, now: Date): { ok: true; at: string } | { ok: false } {
  if (!requested) return { ok: true, at: now.toISOString() };
  const time = Date.parse(requested);
  if (Number.isNaN(time) || time > now.getTime()) return { ok: false };
  return { ok: true, at: new Date(time).toISOString() };
}
