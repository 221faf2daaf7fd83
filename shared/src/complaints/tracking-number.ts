/** Readable tracking numbers: <district prefix>-<year>-<6-digit sequence>, e.g. JA-2026-000123. */
export function formatTrackingNumber(prefix: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

const TRACKING_NUMBER = /^([A-Z]{1,6})-(\d{4})-(\d{6,})$/;

export function parseTrackingNumber(value: string): { prefix: string; year: number; sequence: number } | undefined {
  const match = TRACKING_NUMBER.exec(value);
  if (!match) return undefined;
  return { prefix: match[1], year: Number(match[2]), sequence: Number(match[3]) };
}

/** The calendar year of an instant in the district's time zone (a complaint at 23:30 on 31 Dec UTC is next year in Shanghai). */
export function yearInTimeZone(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(at));
}
