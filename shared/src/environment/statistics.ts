/**
 * Figures the district reports: the share of good days (优良率) and same-period comparisons
 * (同比). Pure.
 */

/** Percent to one decimal, never -0. */
function percent(ratio: number): number {
  return Math.round(ratio * 1000) / 10 || 0;
}

/** `part` of `whole` in percent to one decimal; undefined of nothing. */
export function sharePercent(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : percent(part / whole);
}

/** The change from `previous` to `current` in percent to one decimal (953 against 1,381 is −31.0); undefined without a base. */
export function changePercent(current: number, previous: number): number | undefined {
  return previous === 0 ? undefined : percent((current - previous) / previous);
}

/** Days whose AQI is at most `goodUpTo` (优 and 良) over the days with an AQI. */
export function goodDayShare(dailyAqi: ReadonlyArray<number | undefined>, goodUpTo: number): { goodDays: number; days: number; percent?: number } {
  const days = dailyAqi.filter((aqi): aqi is number => aqi !== undefined);
  const goodDays = days.filter((aqi) => aqi <= goodUpTo).length;
  return { goodDays, days: days.length, ...(days.length > 0 && { percent: sharePercent(goodDays, days.length) }) };
}
