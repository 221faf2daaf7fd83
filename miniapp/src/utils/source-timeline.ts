/** A source timeline event's particulars as lines of text, by event type. Pure, for unit tests. */
import type { TimelineEventViewT } from '@green-shield/shared/api/source-schemas';
import { zh } from '../i18n/zh-CN';
import { formatDay } from './format';

export function timelineEventTitle(event: Pick<TimelineEventViewT, 'type'>): string {
  return zh.sources.timelineEvent[event.type];
}

export function timelineEventLines(event: TimelineEventViewT): string[] {
  const d = zh.sources.timelineDetail;
  const lines: string[] = [];
  for (const result of event.inspection?.results ?? []) {
    lines.push(d.inspectionResult(result.label, zh.sourceOfficer.outcomes[result.outcome], result.note));
  }
  if (event.rectification) {
    lines.push(d.rectificationItem(event.rectification.itemLabel));
    if (event.rectification.deadline) lines.push(zh.sources.deadline(formatDay(event.rectification.deadline)));
    if (event.rectification.reason) lines.push(d.reason(event.rectification.reason));
  }
  if (event.complaint) lines.push(d.complaint(event.complaint.trackingNumber, event.complaint.substantiated));
  if (event.penalty) {
    lines.push(d.penalty(event.penalty.decisionNumber));
    if (event.penalty.amountYuan !== undefined) lines.push(d.fine(event.penalty.amountYuan));
  }
  if (event.permit) {
    lines.push(d.permit(event.permit.permitType, event.permit.permitNumber));
    if (event.permit.validUntil) lines.push(d.validUntil(event.permit.validUntil));
  }
  if (event.incident) lines.push(d.incident(zh.sourceOfficer.severities[event.incident.severity], event.incident.description));
  if (event.jointInspection) lines.push(d.jointInspection(event.jointInspection.reference, event.jointInspection.summary));
  if (event.note) lines.push(event.note);
  return lines;
}
