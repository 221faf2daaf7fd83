/**
 * A volunteer's service record (服务记录): the month's tasks done, hours, observations (and how many
 * became something to act on), second looks and thanks, and the totals since they started. Pure.
 */
import { confirmsObservation } from '@green-shield/shared/cogov/observations';
import { startOfDay } from '@green-shield/shared/rules/legal-periods';
import type { CogovEventRecord, ObservationRecord, ReviewRecord, TaskClaimRecord, VolunteerRecord } from './records';

/** The first and last instants of a month (`YYYY-MM`) in a time zone, as ISO strings. */
export function monthRange(month: string, timeZone: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number);
  const next = monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`;
  return { from: new Date(startOfDay(`${month}-01`, timeZone)).toISOString(), to: new Date(startOfDay(next, timeZone) - 1).toISOString() };
}

/** Lists ordered `<time>#<id>` hold a range's items between these keys. */
export const keyRange = (range: { from: string; to: string }) => ({ from: range.from, to: `${range.to}#~` });

const within = (at: string, range: { from: string; to: string }) => at >= range.from && at <= range.to;
const sumHours = (claims: readonly TaskClaimRecord[]) => claims.reduce((total, claim) => total + (claim.hours ?? 0), 0);

export function serviceRecord(input: {
  volunteer: VolunteerRecord;
  month: string;
  range: { from: string; to: string };
  /** Every claim and observation of the volunteer (their history is theirs alone: bounded). */
  claims: readonly TaskClaimRecord[];
  observations: readonly ObservationRecord[];
  reviewsInMonth: readonly ReviewRecord[];
  events: readonly CogovEventRecord[];
}) {
  const { volunteer, range } = input;
  const done = input.claims.filter((claim) => claim.checkedOutAt !== undefined);
  const doneInMonth = done.filter((claim) => within(claim.startsAt, range));
  const observationsInMonth = input.observations.filter((observation) => within(observation.submittedAt, range));
  const confirmed = (observations: readonly ObservationRecord[]) => observations.filter((observation) => confirmsObservation(observation.outcome?.kind)).length;
  return {
    userId: volunteer.userId,
    name: volunteer.name,
    streetCode: volunteer.streetCode,
    month: input.month,
    tasksDone: doneInMonth.length,
    hours: sumHours(doneInMonth),
    observations: { submitted: observationsInMonth.length, confirmed: confirmed(observationsInMonth) },
    reviews: input.reviewsInMonth.length,
    thanks: input.events
      .filter((event) => event.action === 'thanked' && within(event.at, range))
      .map((event) => ({ at: event.at, note: event.note ?? '', byName: event.actorName })),
    tasks: doneInMonth.map((claim) => ({ taskId: claim.taskId, title: claim.title, startsAt: claim.startsAt, hours: claim.hours ?? 0 })),
    totals: { tasksDone: done.length, hours: sumHours(done), observationsConfirmed: confirmed(input.observations) },
  };
}
