/** How the joint inspection pages word a request's events and read their own fields. Pure, for unit tests. */
import type { JointInspectionEventViewT, JointStepBodyT } from '@green-shield/shared/api/cogov-schemas';
import type { JointInspectionAction } from '@green-shield/shared/cogov/joint-inspection-state-machine';

import { zhCommunity } from '../i18n/zh-CN-community';

const t = zhCommunity.joint;

/** An event's particulars, a line each: what was written, the schedule, the visit, the result. */
export function jointEventLines(event: JointInspectionEventViewT): string[] {
  const lines: string[] = [];
  if (event.schedule) {
    lines.push(t.scheduleLine(event.schedule.date, event.schedule.time));
    lines.push(t.people(event.schedule.people));
  }
  if (event.visit) lines.push(t.visitEvent(event.visit.sourceName, event.visit.failedItems));
  if (event.resultSummary) lines.push(event.resultSummary);
  if (event.reason) lines.push(t.reasonLine(event.reason));
  if (event.note) lines.push(event.note);
  return lines;
}

/** Names typed in one field, split at spaces, commas and 、 (参加人员: 王强 李敏、张伟). */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The steps the request's page offers as a choice (a visit has its own form, a comment its own box). */
export type Step = Exclude<JointInspectionAction, 'comment' | 'record_inspection'>;

export function isStep(action: JointInspectionAction): action is Step {
  return action !== 'comment' && action !== 'record_inspection';
}

/** What the step form holds, as typed. */
export interface JointDraft {
  /** The step's words: question, answer, note, reason or the result's summary. */
  text: string;
  date: string;
  time: string;
  people: string;
  /** Accepting schedules in the same step unless switched off. */
  withSchedule: boolean;
  reinspectOn: string;
  /** Penalties decided on the visit, by source. */
  penalties: Record<string, { decisionNumber: string; amountYuan: string }>;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** An empty form; the visit's date starts as the next day in Shanghai. */
export function blankDraft(now: Date): JointDraft {
  const tomorrow = new Date(now.getTime() + SHANGHAI_OFFSET_MS + DAY_MS).toISOString().slice(0, 10);
  return { text: '', date: tomorrow, time: '', people: '', withSchedule: true, reinspectOn: '', penalties: {} };
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

/** The request body of a step from the form (the API checks the values and names what is wrong). */
export function stepBody(step: Step, draft: JointDraft, expectedVersion: number): JointStepBodyT {
  const schedule = { date: draft.date.trim(), time: optional(draft.time), people: splitList(draft.people) };
  switch (step) {
    case 'request_info':
      return { action: step, expectedVersion, question: draft.text };
    case 'provide_info':
      return { action: step, expectedVersion, note: draft.text, photoKeys: [] };
    case 'accept':
      return { action: step, expectedVersion, note: optional(draft.text), schedule: draft.withSchedule ? schedule : undefined };
    case 'schedule':
      return { action: step, expectedVersion, schedule: { ...schedule, note: optional(draft.text) } };
    case 'record_result': {
      const penalties = Object.entries(draft.penalties)
        .filter(([, penalty]) => penalty.decisionNumber.trim())
        .map(([sourceId, penalty]) => ({
          sourceId,
          decisionNumber: penalty.decisionNumber.trim(),
          amountYuan: penalty.amountYuan.trim() ? Number(penalty.amountYuan) : undefined,
        }));
      return { action: step, expectedVersion, result: { summary: draft.text, penalties, reinspectOn: optional(draft.reinspectOn) } };
    }
    case 'confirm':
      return { action: step, expectedVersion, note: optional(draft.text) };
    case 'decline':
    case 'send_back':
    case 'withdraw':
      return { action: step, expectedVersion, reason: draft.text };
  }
}
