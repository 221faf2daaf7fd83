/**
 * Co-governance on the table stream (run by the `tableEvents` function): its events become
 * notifications (in the inbox and, where consented, WeChat subscribe messages), and an inspection
 * recorded on a source closes the inspection tasks observations were triaged into, telling their
 * volunteers. Idempotent by the state read: notifications by the event's id, a closed task stays
 * closed.
 */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import type { SourceEventRecord } from '../sources/records';
import type { Notifier } from '../store/notifier';
import type { UserDirectory } from '../store/user-directory';
import { communityEvent } from './community';
import type { ObservationRepository } from './observation-repository';
import type { SourceDirectory } from './ports';
import { communityAudience, communityNotification, jointInspectionAudience, jointInspectionNotification, recipientsOf, type Audience } from './recipients';
import type { CogovEventRecord, JointInspectionEventRecord, ObservationRecord } from './records';
import type { VolunteerRepository } from './volunteer-repository';

export interface CogovReactorDeps {
  notifier: Notifier;
  users: UserDirectory;
  volunteers: VolunteerRepository;
  observations: ObservationRepository;
  sources: SourceDirectory;
  district: DistrictConfig;
}

export function cogovReactor(deps: CogovReactorDeps) {
  const idsOf = (people: Array<{ id: string }>) => people.map((person) => person.id);
  const approvedVolunteers = async (streetCode: string) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.volunteers.listOfStreet(deps.district.code, streetCode, 'approved', cursor);
      ids.push(...page.items.map((volunteer) => volunteer.userId));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };
  const tellAll = async (
    audience: Audience,
    event: { actorId: string; districtCode: string; streetCode: string },
    notification: Parameters<Notifier['tell']>[1],
    subject: string,
  ) => {
    const [streetOfficers, bureauOfficers, streetVolunteers] = await Promise.all([
      audience.streetOfficers ? deps.users.officers(event.districtCode, event.streetCode).then(idsOf) : [],
      audience.bureauOfficers ? deps.users.officers(event.districtCode, undefined).then(idsOf) : [],
      audience.streetVolunteers ? approvedVolunteers(event.streetCode) : [],
    ]);
    for (const userId of recipientsOf(audience, event.actorId, { streetOfficers, bureauOfficers, streetVolunteers }))
      await deps.notifier.tell(userId, notification, subject);
  };

  /** An inspection of a source closes the open inspection tasks of it triaged before the inspection. */
  const closeInspectionTasks = async (event: SourceEventRecord) => {
    if (event.type !== 'inspection') return;
    const [source] = await deps.sources.briefs([event.sourceId]);
    if (!source) return;
    const due: ObservationRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.observations.openInspectionTasks(source.districtCode, source.streetCode, cursor);
      due.push(
        ...page.items.filter(
          (record) => record.outcome?.kind === 'inspection_task' && record.outcome.sourceId === source.id && (record.triagedAt ?? '') <= event.at,
        ),
      );
      cursor = page.nextCursor;
    } while (cursor);
    for (const record of due) {
      if (record.outcome?.kind !== 'inspection_task') continue;
      const next: ObservationRecord = { ...record, version: record.version + 1, outcome: { ...record.outcome, doneAt: event.at, inspectionId: event.eventId } };
      const told = communityEvent(
        {
          districtCode: record.districtCode,
          streetCode: record.streetCode,
          subject: { kind: 'observation', id: record.id },
          action: 'inspection_task_done',
          users: [record.volunteerId],
        },
        { id: event.actorId, name: event.actorName },
        event.at,
      );
      // A task closed meanwhile (a redelivered event, a concurrent run) is left as it is.
      await deps.observations.update(next, record.version, told);
    }
  };

  return {
    JointInspectionEvent: (event: JointInspectionEventRecord) =>
      tellAll(jointInspectionAudience(event), event, jointInspectionNotification(event), `联合检查 ${event.reference}`),
    CogovEvent: (event: CogovEventRecord) => tellAll(communityAudience(event), event, communityNotification(event), SUBJECT_LABELS[event.subject.kind]),
    closeInspectionTasks,
  };
}

/** What a message says a community event is about. */
const SUBJECT_LABELS: Record<CogovEventRecord['subject']['kind'], string> = {
  volunteer: '社区志愿者',
  patrol_task: '巡查任务',
  observation: '巡查发现',
  review: '复核意见',
};
