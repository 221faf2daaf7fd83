/**
 * Shapes stored complaints for a viewer. Privacy lives here: the complainant sees their own number;
 * officers see it masked, and not at all on anonymous complaints; nobody else gets a view.
 */
import type { ComplaintEventViewT, ComplaintViewT } from '@green-shield/shared/api/schemas';
import { availableActions } from '@green-shield/shared/complaints/state-machine';
import { nextDeadline, overdue } from '@green-shield/shared/complaints/due-dates';
import { maskPhone } from '@green-shield/shared/privacy/mask';
import { timeLimits } from '@green-shield/shared/rules/time-limits';
import { awaitsFollowUp } from './domain';
import type { ComplaintEventRecord, ComplaintRecord } from './records';

export type PhotoUrls = ReadonlyMap<string, string>;

/** Whether the complainant has reopenings left under the complaint's own time limits. */
function mayReopen(record: ComplaintRecord): boolean {
  return (record.reopenCount ?? 0) < timeLimits(record.timeLimitsVersion).maxReopens;
}

export function toComplaintView(record: ComplaintRecord, relation: 'complainant' | 'officer', now: Date, photoUrls: PhotoUrls): ComplaintViewT {
  const due = { acknowledgeBy: record.acknowledgeBy, closeBy: record.closeBy };
  const feedbackOpen = !record.feedbackBy || now.getTime() <= Date.parse(record.feedbackBy);
  const actions =
    relation === 'complainant'
      ? feedbackOpen
        ? availableActions(record.status, 'complainant').filter((action) => action !== 'reopen' || mayReopen(record))
        : []
      : availableActions(record.status, 'officer').filter(
          (action) =>
            (action !== 'extend' || (!record.extendedByDays && now.getTime() <= Date.parse(record.closeBy))) &&
            (action !== 'follow_up' || awaitsFollowUp(record)),
        );
  const complainant =
    relation === 'complainant' ? { phone: record.complainantPhone } : record.anonymous ? undefined : { phone: maskPhone(record.complainantPhone) };
  return {
    id: record.id,
    trackingNumber: record.trackingNumber,
    status: record.status,
    version: record.version,
    category: record.category,
    description: record.description,
    location: record.location,
    streetCode: record.streetCode,
    occurrence: record.occurrence,
    anonymous: record.anonymous,
    photos: record.photoKeys.filter((key) => photoUrls.has(key)).map((key) => ({ key, url: photoUrls.get(key)! })),
    submittedAt: record.submittedAt,
    updatedAt: record.updatedAt,
    due: { ...due, acceptedAt: record.acceptedAt, timeLimitsVersion: record.timeLimitsVersion, extendedByDays: record.extendedByDays },
    overdue: overdue(record.status, due, now),
    nextDeadline: nextDeadline(record.status, due),
    resolvedAt: record.resolvedAt,
    feedbackBy: record.feedbackBy,
    assigneeId: relation === 'officer' ? record.assigneeId : undefined,
    assigneeName: record.assigneeName,
    duplicateOf: record.duplicateOf,
    rating: record.rating,
    // Officers see the flag (the complainant sees their own rating, and the follow-up in the timeline).
    unsatisfied: relation === 'officer' ? record.unsatisfied : undefined,
    complainant,
    origin: record.origin,
    availableActions: actions,
  };
}

export function toEventView(event: ComplaintEventRecord, photoUrls: PhotoUrls): ComplaintEventViewT {
  return {
    at: event.at,
    action: event.action,
    from: event.from,
    to: event.to,
    actorRole: event.actorRole,
    actorName: event.actorName,
    note: event.note,
    reason: event.reason,
    referral: event.referral,
    duplicateOf: event.duplicateOf,
    rating: event.rating,
    extensionDays: event.extensionDays,
    origin: event.origin,
    photos: event.photoKeys?.filter((key) => photoUrls.has(key)).map((key) => ({ key, url: photoUrls.get(key)! })),
  };
}
