/**
 * Air quality index by HJ 633-2012 (versioned breakpoints, `rules/air-quality-index.json`): the
 * individual index (IAQI) of each measure, the AQI, primary and exceeding pollutants, level and
 * colour, for the hourly (实时报) and daily (日报) reports, and the averages they are computed from.
 * Pure: callers bring concentrations.
 */
import table from '../rules/air-quality-index.json' with { type: 'json' };
import { versionedRules } from '../rules/versions';

export const AIR_MEASURES = ['pm25_24h', 'pm10_24h', 'so2_24h', 'so2_1h', 'no2_24h', 'no2_1h', 'co_24h', 'co_1h', 'o3_1h', 'o3_8h'] as const;
/** A pollutant over an averaging period: the unit an IAQI is computed for. */
export type AirMeasure = (typeof AIR_MEASURES)[number];
export type AqiReport = 'hourly' | 'daily';

export interface AqiLevel {
  /** Highest AQI of the level; null for the last, open one. */
  upTo: number | null;
  level: number;
  category: string;
  colour: string;
  name: string;
}

export interface AqiRules {
  version: string;
  title: string;
  source: string;
  iaqiSteps: number[];
  breakpoints: Record<AirMeasure, number[]>;
  /** A measure above its short table's last breakpoint is not computed; this measure's IAQI is reported instead. */
  fallbacks: Partial<Record<AirMeasure, AirMeasure>>;
  /** The measures each report counts. */
  reports: Record<AqiReport, AirMeasure[]>;
  levels: AqiLevel[];
  primaryAbove: number;
  goodDayUpTo: number;
  validity: { hoursForDailyAverage: number; hoursForEightHourAverage: number; eightHourWindowsForDailyMaximum: number };
}

export const AQI_RULES = /* @__PURE__ */ versionedRules(() => table.versions as AqiRules[], 'air-quality-index');

/** Below this, a computed IAQI that is a whole number up to float error stays that number (rounding up would add one). */
const FLOAT_SLACK = 1e-9;

/**
 * The IAQI of a concentration on a measure's breakpoints, rounded up to an integer; `undefined`
 * above a short table's last breakpoint (the standard's fallback applies); the top of the scale
 * above a full table's last one.
 */
export function iaqi(rules: AqiRules, measure: AirMeasure, concentration: number): number | undefined {
  if (!Number.isFinite(concentration) || concentration < 0) throw new RangeError(`${measure}: a concentration is a finite number ≥ 0, not ${concentration}`);
  const breakpoints = rules.breakpoints[measure];
  const steps = rules.iaqiSteps;
  const segment = breakpoints.findIndex((high, index) => index > 0 && concentration <= high);
  if (segment === -1) return breakpoints.length < steps.length ? undefined : steps[steps.length - 1];
  const [bpLow, bpHigh] = [breakpoints[segment - 1], breakpoints[segment]];
  const [iLow, iHigh] = [steps[segment - 1], steps[segment]];
  return Math.max(iLow, Math.ceil(((iHigh - iLow) / (bpHigh - bpLow)) * (concentration - bpLow) + iLow - FLOAT_SLACK));
}

export interface MeasureIndex {
  measure: AirMeasure;
  /** The concentration the index was computed from (the fallback measure's when `via` is set). */
  concentration: number;
  iaqi: number;
  /** Set when the measure was above its table and the standard's fallback measure was used. */
  via?: AirMeasure;
}

export interface AqiEvaluation {
  rulesVersion: string;
  report: AqiReport;
  /** Absent when no measure of the report had a value. */
  aqi?: number;
  level?: AqiLevel;
  indices: MeasureIndex[];
  /** The measures whose IAQI is the AQI, when the AQI is above 50 (首要污染物). */
  primary: AirMeasure[];
  /** The measures with an IAQI above 100 (超标污染物). */
  exceeding: AirMeasure[];
  /** The report's measures without a value (or whose fallback had none): the AQI may be understated. */
  missing: AirMeasure[];
}

export function aqiLevel(rules: AqiRules, aqi: number): AqiLevel {
  return rules.levels.find((level) => level.upTo === null || aqi <= level.upTo) ?? rules.levels[rules.levels.length - 1];
}

/** The AQI of one report from the concentrations at hand (a measure outside the report is used only as a fallback). */
export function evaluateAqi(rules: AqiRules, report: AqiReport, concentrations: Partial<Record<AirMeasure, number>>): AqiEvaluation {
  const indices: MeasureIndex[] = [];
  const missing: AirMeasure[] = [];
  for (const measure of rules.reports[report]) {
    const concentration = concentrations[measure];
    if (concentration === undefined) {
      missing.push(measure);
      continue;
    }
    const index = iaqi(rules, measure, concentration);
    if (index !== undefined) {
      indices.push({ measure, concentration, iaqi: index });
      continue;
    }
    const via = rules.fallbacks[measure];
    const fallbackConcentration = via === undefined ? undefined : concentrations[via];
    const fallbackIndex = via === undefined || fallbackConcentration === undefined ? undefined : iaqi(rules, via, fallbackConcentration);
    if (via === undefined || fallbackConcentration === undefined || fallbackIndex === undefined) missing.push(measure);
    else indices.push({ measure, concentration: fallbackConcentration, iaqi: fallbackIndex, via });
  }
  const base = { rulesVersion: rules.version, report, indices, missing };
  if (indices.length === 0) return { ...base, primary: [], exceeding: [] };
  const aqi = Math.max(...indices.map((index) => index.iaqi));
  return {
    ...base,
    aqi,
    level: aqiLevel(rules, aqi),
    primary: aqi > rules.primaryAbove ? indices.filter((index) => index.iaqi === aqi).map((index) => index.measure) : [],
    exceeding: indices.filter((index) => index.iaqi > rules.goodDayUpTo).map((index) => index.measure),
  };
}

/** An hour's value, or undefined where the station has none (offline, invalidated). */
export type HourlyValues = ReadonlyArray<number | undefined>;

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The 24-hour average of a day's hourly values, when enough of them are valid. */
export function dailyAverage(rules: AqiRules, hours: HourlyValues): number | undefined {
  const valid = hours.filter((value): value is number => value !== undefined);
  return valid.length >= rules.validity.hoursForDailyAverage ? mean(valid) : undefined;
}

/**
 * The day's highest 8-hour running average (O3 日最大8小时平均) from its 24 hourly values (index 0 =
 * 00:00–01:00): the 17 windows ending 08:00 to 24:00, each valid with enough hours, the maximum
 * valid only when enough windows are.
 */
export function dailyMaximumEightHourAverage(rules: AqiRules, hours: HourlyValues): number | undefined {
  const windows: number[] = [];
  for (let start = 0; start + 8 <= 24; start++) {
    const valid = hours.slice(start, start + 8).filter((value): value is number => value !== undefined);
    if (valid.length >= rules.validity.hoursForEightHourAverage) windows.push(mean(valid));
  }
  return windows.length >= rules.validity.eightHourWindowsForDailyMaximum ? Math.max(...windows) : undefined;
}
