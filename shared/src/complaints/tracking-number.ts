/** Readable tracking numbers: <district prefix>-<year>-<6-digit sequence>, e.g. JA-2026-000123. */
export function formatTrackingNumber(prefix: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The calendar year of an instant in the district's time zone (a complaint at 23:30 on 31 Dec UTC is next year in Shanghai). */
export function yearInTimeZone(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(at));
}
