/**
 * Who hears of what happens in co-governance, and what their inbox says. Pure. A joint inspection
 * request's step is news to the other party (the bureau's officers of a street's step, the street's
 * officers of the bureau's); a community event to the users it names, and to the street's officers
 * or approved volunteers when it says so. Nobody is told of their own step.
 */
import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import type { CogovEventRecord, JointInspectionEventRecord } from './records';

export interface Audience {
  users: string[];
  streetOfficers: boolean;
  bureauOfficers: boolean;
  streetVolunteers: boolean;
}

export function jointInspectionAudience(event: JointInspectionEventRecord): Audience {
  const toBureau = event.party === 'street';
  return { users: [], streetOfficers: !toBureau, bureauOfficers: toBureau, streetVolunteers: false };
}

export function jointInspectionNotification(event: JointInspectionEventRecord): NotificationViewT {
  return {
    id: event.eventId,
    at: event.at,
    action: `joint_${event.action}`,
    subject: { kind: 'joint_inspection', id: event.requestId, reference: event.reference },
    read: false,
  };
}

export function communityAudience(event: CogovEventRecord): Audience {
  return { users: event.users, streetOfficers: Boolean(event.toStreetOfficers), bureauOfficers: false, streetVolunteers: Boolean(event.toStreetVolunteers) };
}

export function communityNotification(event: CogovEventRecord): NotificationViewT {
  return { id: event.eventId, at: event.at, action: event.action, subject: { kind: event.subject.kind, id: event.subject.id }, read: false };
}

/** The users an audience comes to, given who the street's officers, the bureau's and the street's volunteers are; never the actor. */
export function recipientsOf(
  audience: Audience,
  actorId: string,
  people: { streetOfficers: string[]; bureauOfficers: string[]; streetVolunteers: string[] },
): string[] {
  const everyone = [
    ...audience.users,
    ...(audience.streetOfficers ? people.streetOfficers : []),
    ...(audience.bureauOfficers ? people.bureauOfficers : []),
    ...(audience.streetVolunteers ? people.streetVolunteers : []),
  ];
  return [...new Set(everyone)].filter((userId) => userId !== actorId);
}
