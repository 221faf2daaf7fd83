/**
 * What an inspection and a record put on a source's timeline, checked and built without I/O: an
 * inspection's results against the checklist of the source's kind, the rectification orders its
 * failed items open or note as failed again and those its passing items close, a record's date,
 * the days a rejection gives by default. Pure but for the ids the caller passes in.
 */
import type { z } from 'zod/mini';
import type { InspectionResultInput } from '@green-shield/shared/api/source-schemas';
import { checklistFor, CURRENT_CHECKLISTS, type ChecklistItem } from '@green-shield/shared/sources/checklists';
import type { SourceKind } from '@green-shield/shared/sources/kinds';
import type { RectificationRules } from '@green-shield/shared/sources/rectification-rules';
import {
  deadlineAfter,
  defaultResubmitDays,
  noteRepeatFailure,
  openRectification,
  ordersVerifiedOnSite,
} from '@green-shield/shared/sources/rectification-state-machine';
import type { InspectionResultRecord, RectificationRecord, SourceEventRecord } from './records';

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
 * The results as recorded (each with the points its item costs), an order for each failed item
 * the officer asked to rectify, the source's open orders of items failed again (noted on the order,
 * not opened twice: `noteRepeatFailure`, its deadline shortened if the officer's days end sooner),
 * and the open orders that passing items close as verified on site (复查销项,
 * `ordersVerifiedOnSite`). A result names the order it opened or failed again. The results must
 * have passed `inspectionProblems`.
 */
export function inspectionRecords(input: {
  checklist: ReadonlyMap<string, ChecklistItem>;
  results: readonly ResultInput[];
  sourceId: string;
  inspectionId: string;
  /** The source's orders before this inspection. */
  orders: readonly RectificationRecord[];
  officerId: string;
  now: Date;
  newId: () => string;
}): { results: InspectionResultRecord[]; rectifications: RectificationRecord[]; failedAgain: RectificationRecord[]; verified: RectificationRecord[] } {
  const at = input.now.toISOString();
  const rectifications: RectificationRecord[] = [];
  const failedAgain: RectificationRecord[] = [];
  const results = input.results.map((result) => {
    const item = input.checklist.get(result.itemId);
    if (!item) throw new Error(`Result for ${result.itemId}, which is not on the checklist`);
    const open =
      result.outcome === 'fail'
        ? input.orders.filter((order) => order.itemId === item.id && order.status !== 'closed').sort((a, b) => a.openedAt.localeCompare(b.openedAt))
        : [];
    if (open.length > 0) {
      const sooner = result.rectifyDays === undefined ? undefined : deadlineAfter(input.now, result.rectifyDays);
      failedAgain.push(...open.map((order) => noteRepeatFailure(order, { id: input.inspectionId, at }, sooner)));
      return { itemId: item.id, label: item.label, points: item.points, outcome: result.outcome, note: result.note, rectificationId: open[0].id };
    }
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
  const passed = new Set(results.filter((result) => result.outcome === 'pass').map((result) => result.itemId));
  const verified = ordersVerifiedOnSite(input.orders, passed, { id: input.inspectionId, at, by: input.officerId });
  return { results, rectifications, failedAgain, verified };
}

/**
 * The days a rejection of an order's evidence gives by default: its checklist item's (under the
 * checklist version of the inspection that opened it, else the current one), within the rules' cap.
 */
export function rejectionDefaultDays(
  order: Pick<RectificationRecord, 'itemId' | 'inspectionId'>,
  kind: SourceKind,
  events: readonly SourceEventRecord[],
  rules: RectificationRules,
): number {
  const version = events.find((event) => event.eventId === order.inspectionId)?.inspection?.checklistVersion ?? CURRENT_CHECKLISTS.version;
  const item = [...checklistFor(kind, version), ...checklistFor(kind)].find((candidate) => candidate.id === order.itemId);
  return defaultResubmitDays(item ?? { rectifyDays: rules.maxResubmitDays }, rules);
}

/** The date a record is filed under: the one given, which must be a valid date not in the future, or now. */
export function recordDate(requested: string | undefined, now: Date): { ok: true; at: string } | { ok: false } {
  if (!requested) return { ok: true, at: now.toISOString() };
  const time = Date.parse(requested);
  if (Number.isNaN(time) || time > now.getTime()) return { ok: false };
  return { ok: true, at: new Date(time).toISOString() };
}
