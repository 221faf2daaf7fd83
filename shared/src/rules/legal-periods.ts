/**
 * Periods counted the way Chinese law counts them (Civil Code Art. 201 and 203): a period of days
 * starts on the day after the event (the event's own day is not counted), ends at 24:00 of its last
 * day, and a last day that is a statutory rest day moves to the next working day. Days are calendar
 * days in the district's time zone. Pure: no clock.
 */
import table from './rest-day-calendars.json' with { type: 'json' };

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface RestDayYear {
  source: string;
  holidays: CalendarDate[];
  /** Weekend days that are working days (调休上班). */
  workdays: CalendarDate[];
}

export interface RestDayCalendar {
  id: string;
  years: Record<string, RestDayYear>;
}

export interface PeriodRules {
  timeZone: string;
  /** Without a calendar, a period's last day never moves. */
  restDays?: RestDayCalendar;
}

const calendars: readonly RestDayCalendar[] = table.calendars;

export function restDayCalendar(id: string): RestDayCalendar {
  const found = calendars.find((calendar) => calendar.id === id);
  if (!found) throw new Error(`Unknown rest-day calendar ${id}`);
  return found;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let found = formats.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, found);
  }
  return found;
}

/** The wall-clock reading of an instant in a time zone, as if it were UTC (ms). */
function wallClock(instantMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    format(timeZone)
      .formatToParts(new Date(instantMs))
      .map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + (instantMs % 1000);
}

/** The calendar date of an instant in a time zone. */
export function calendarDate(at: string | Date, timeZone: string): CalendarDate {
  const instant = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 10);
}

/** The wall-clock time of an instant in a time zone, to the minute: `2026-03-05 19:20`. */
export function localDateTime(at: string | Date, timeZone: string): string {
  const instant = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 16).replace('T', ' ');
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a calendar date starts in a time zone (offsets read from the zone, so DST zones work too). */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  const asUtc = Date.parse(`${date}T00:00:00Z`);
  let instant = asUtc - (wallClock(asUtc, timeZone) - asUtc);
  instant = asUtc - (wallClock(instant, timeZone) - instant);
  return instant;
}

export function isRestDay(date: CalendarDate, calendar: RestDayCalendar): boolean {
  const year = calendar.years[date.slice(0, 4)];
  if (year?.holidays.includes(date)) return true;
  if (year?.workdays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The last day of a period of `days` days after the event, moved past rest days. */
export function lastDayOfPeriod(eventAt: string, days: number, rules: PeriodRules): CalendarDate {
  let last = addDays(calendarDate(eventAt, rules.timeZone), days);
  if (rules.restDays) while (isRestDay(last, rules.restDays)) last = addDays(last, 1);
  return last;
}

/**
 * When a period of `days` days after the event ends: the last millisecond of its last day (24:00),
 * so "late" is any instant after it.
 */
export function periodEnd(eventAt: string, days: number, rules: PeriodRules): string {
  const last = lastDayOfPeriod(eventAt, days, rules);
  return new Date(startOfDay(addDays(last, 1), rules.timeZone) - 1).toISOString();
}
