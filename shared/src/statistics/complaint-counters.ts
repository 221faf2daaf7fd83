/**
 * Complaint statistics from counters (docs/architecture.md, access patterns 56–58). Every complaint
 * counts in one bucket — the day it was received (in the district's time zone), its street, its
 * category type — with what its current state contributes (received, responded, closed, …). A write
 * to a complaint changes the counters by what its new state contributes minus what its old state
 * did, so a complaint moved to another street or category moves its counts, and the counters always
 * equal the sum over the complaints as they stand, whatever order the writes came in, as long as each
 * write is applied once (the adapter's applied marker). Pure: no I/O, no clock.
 */
import { addDays, calendarDate, type CalendarDate } from '../rules/legal-periods';
import { changePercent, sharePercent as share } from '../environment/statistics';

export const COUNTERS = [
  'received',
  /** A first response: accepted, or answered as not ours or a duplicate. */
  'responded',
  'respondedInTime',
  /** Seconds from receipt to the first response, summed over the responded ones (for the average). */
  'responseSeconds',
  /** Handled to a result at least once (resolved; closed later by the rating or the system). */
  'resolved',
  /** Closed (办结). */
  'closed',
  /** Closed with the resolution before the closing deadline. */
  'closedInTime',
  /** Seconds from receipt to the (last) resolution, summed over the closed ones. */
  'closeSeconds',
  'ratingSum',
  'ratingCount',
  /** Reopened by the complainant at least once. */
  'reopened',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counts = Record<Counter, number>;

/** What of a complaint counts (a stored complaint carries all of it). */
export interface CountedComplaint {
  status: string;
  streetCode: string;
  category: { type: string };
  submittedAt: string;
  updatedAt: string;
  acknowledgeBy: string;
  closeBy: string;
  acceptedAt?: string;
  resolvedAt?: string;
  rating?: { score: number };
  reopenCount?: number;
}

/** Where a complaint counts. */
export interface Bucket {
  day: CalendarDate;
  streetCode: string;
  type: string;
}

export interface BucketDelta {
  bucket: Bucket;
  counts: Partial<Counts>;
}

export const zeroCounts = (): Counts => Object.fromEntries(COUNTERS.map((counter) => [counter, 0])) as Counts;

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** Answered without being accepted: the status itself is the first response. */
const ANSWERED_WITHOUT_ACCEPTING = ['not_our_responsibility', 'duplicate'];

function firstResponseAt(complaint: CountedComplaint): string | undefined {
  if (complaint.acceptedAt) return complaint.acceptedAt;
  // These statuses are terminal, so the complaint's last write is the answer.
  return ANSWERED_WITHOUT_ACCEPTING.includes(complaint.status) ? complaint.updatedAt : undefined;
}

/** The bucket a complaint counts in and what it contributes there. */
export function contribution(complaint: CountedComplaint, timeZone: string): { bucket: Bucket; counts: Counts } {
  const counts = zeroCounts();
  counts.received = 1;
  const responded = firstResponseAt(complaint);
  if (responded) {
    counts.responded = 1;
    counts.respondedInTime = responded <= complaint.acknowledgeBy ? 1 : 0;
    counts.responseSeconds = seconds(complaint.submittedAt, responded);
  }
  if (complaint.resolvedAt) counts.resolved = 1;
  if (complaint.status === 'closed' && complaint.resolvedAt) {
    counts.closed = 1;
    counts.closedInTime = complaint.resolvedAt <= complaint.closeBy ? 1 : 0;
    counts.closeSeconds = seconds(complaint.submittedAt, complaint.resolvedAt);
  }
  if (complaint.rating) {
    counts.ratingSum = complaint.rating.score;
    counts.ratingCount = 1;
  }
  if ((complaint.reopenCount ?? 0) > 0) counts.reopened = 1;
  return { bucket: { day: calendarDate(complaint.submittedAt, timeZone), streetCode: complaint.streetCode, type: complaint.category.type }, counts };
}

const sameBucket = (a: Bucket, b: Bucket) => a.day === b.day && a.streetCode === b.streetCode && a.type === b.type;

function nonZero(counts: Partial<Counts>): Partial<Counts> {
  return Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== 0));
}

/**
 * What one write to a complaint changes (from the stream record's old and new images; an insert
 * has no old one, a removal no new one): only the counters that change, in at most two buckets.
 */
export function counterDeltas(before: CountedComplaint | undefined, after: CountedComplaint | undefined, timeZone: string): BucketDelta[] {
  const old = before && contribution(before, timeZone);
  const next = after && contribution(after, timeZone);
  const negated = (counts: Counts) => Object.fromEntries(COUNTERS.map((counter) => [counter, -counts[counter]])) as Counts;
  if (old && next && sameBucket(old.bucket, next.bucket)) {
    const counts = nonZero(Object.fromEntries(COUNTERS.map((counter) => [counter, next.counts[counter] - old.counts[counter]])));
    return Object.keys(counts).length > 0 ? [{ bucket: next.bucket, counts }] : [];
  }
  return [
    ...(old ? [{ bucket: old.bucket, counts: nonZero(negated(old.counts)) }] : []),
    ...(next ? [{ bucket: next.bucket, counts: nonZero(next.counts) }] : []),
  ];
}

export function addCounts(into: Counts, counts: Partial<Counts>): Counts {
  for (const counter of COUNTERS) into[counter] += counts[counter] ?? 0;
  return into;
}

/** A period of whole days, both ends included. */
export interface Period {
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * How a period is read: the months it covers whole from their month rollups, the days at its ends
 * from the day counters (a year costs one read of the year's rollups, plus at most two months' days).
 */
export function periodReads(period: Period): { wholeMonths: string[]; days: Period[] } {
  const wholeMonths: string[] = [];
  const days: Period[] = [];
  let cursor = period.from;
  while (cursor <= period.to) {
    const month = cursor.slice(0, 7);
    const monthEnd = addDays(`${nextMonth(month)}-01`, -1);
    const end = [monthEnd, period.to].sort()[0];
    if (cursor.endsWith('-01') && end === monthEnd) wholeMonths.push(month);
    else days.push({ from: cursor, to: end });
    cursor = addDays(end, 1);
  }
  return { wholeMonths, days };
}

/** `YYYY-MM` of the month after. */
export function nextMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
}

/** The same days a number of years earlier (29 February becomes the 28th). */
export function sameDaysYearsBefore(period: Period, years: number): Period {
  const shift = (date: CalendarDate) => {
    const year = Number(date.slice(0, 4)) - years;
    const shifted = `${year}${date.slice(4)}`;
    return shifted.endsWith('-02-29') && new Date(`${shifted}T00:00:00Z`).getUTCMonth() !== 1 ? `${year}-02-28` : shifted;
  };
  return { from: shift(period.from), to: shift(period.to) };
}

export interface ComplaintFigures {
  received: number;
  responded: number;
  closed: number;
  /** Averages in hours to one decimal; absent without any. */
  averageHoursToFirstResponse?: number;
  averageHoursToClose?: number;
  /** Shares in percent to one decimal. */
  respondedInTimePercent?: number;
  closedInTimePercent?: number;
  /** The average rating (1–5) to two decimals, and how many rated. */
  averageRating?: number;
  ratings: number;
  /** Complaints reopened at least once over those resolved at least once. */
  reopenPercent?: number;
}

const averageHours = (totalSeconds: number, count: number) => (count === 0 ? undefined : Math.round(totalSeconds / count / 360) / 10);

/** The figures officers read, from summed counters. */
export function figuresOf(counts: Counts): ComplaintFigures {
  const figures: ComplaintFigures = { received: counts.received, responded: counts.responded, closed: counts.closed, ratings: counts.ratingCount };
  const optional = {
    averageHoursToFirstResponse: averageHours(counts.responseSeconds, counts.responded),
    averageHoursToClose: averageHours(counts.closeSeconds, counts.closed),
    respondedInTimePercent: share(counts.respondedInTime, counts.responded),
    closedInTimePercent: share(counts.closedInTime, counts.closed),
    averageRating: counts.ratingCount === 0 ? undefined : Math.round((counts.ratingSum / counts.ratingCount) * 100) / 100,
    reopenPercent: share(counts.reopened, counts.resolved),
  };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) Object.assign(figures, { [name]: value });
  return figures;
}

/** The same-period comparison (同比): this period's count against each earlier year's, in percent. */
export function yearOnYear(current: number, earlier: ReadonlyArray<{ from: CalendarDate; to: CalendarDate; received: number }>) {
  return earlier.map((year) => ({ ...year, changePercent: changePercent(current, year.received) }));
}
