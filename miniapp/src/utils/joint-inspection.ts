/** How the joint inspection pages word a request's events and read their own fields. Pure, for unit tests. */
import type { JointInspectionEventViewT } from '@green-shield/shared/api/cogov-schemas';
import { zh } from '../i18n/zh-CN';

const t = zh.joint;

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
