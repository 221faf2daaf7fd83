import jingan from './jingan.json' with { type: 'json' };
import type { GeoPoint } from '../geo/coordinates';
import { restDayCalendar, type PeriodRules } from '../rules/legal-periods';

/** A closed ring of [lng, lat] WGS-84 points, as in GeoJSON. */
export type Ring = ReadonlyArray<readonly [number, number]>;

export interface Street {
  code: string;
  name: string;
  kind: 'street' | 'town';
  /** An approximate middle of the street's area (WGS-84): what suggests a street where no boundary is configured. */
  centre: { lat: number; lng: number };
  /** Optional GeoJSON-style polygon (outer ring first); WGS-84. */
  boundary?: Ring[];
}

export interface DistrictConfig {
  code: string;
  name: string;
  city: string;
  timeZone: string;
  trackingPrefix: string;
  timeLimitsVersion: string;
  /** Rest days that move a legal period's last day (rules/rest-day-calendars.json); none configured, none move. */
  restDayCalendar?: string;
  resolutionFeedbackDays: number;
  mapCenter: GeoPoint;
  /** A position further than this from every street's centre is taken to be outside the district (no street suggested). */
  nearestStreetWithinMetres: number;
  streets: Street[];
}

const districts: Record<string, DistrictConfig> = {
  [jingan.code]: jingan as DistrictConfig,
};

/** The codes of the district files registered above: what a deployment may name. */
export const DISTRICT_CODES: readonly string[] = Object.keys(districts);

/** The configured district; another district is another JSON file registered above. */
export function loadDistrict(code: string = defaultDistrictCode()): DistrictConfig {
  const district = districts[code];
  if (!district) throw new Error(`Unknown district code ${code}; known: ${Object.keys(districts).join(', ')}`);
  return district;
}

function defaultDistrictCode(): string {
  const fromEnv = typeof process !== 'undefined' ? process.env?.DISTRICT_CODE : undefined;
  return fromEnv ?? jingan.code;
}

/** How the district counts legal periods: its time zone and, if configured, its rest days. */
export function periodRules(district: DistrictConfig): PeriodRules {
  return { timeZone: district.timeZone, restDays: district.restDayCalendar ? restDayCalendar(district.restDayCalendar) : undefined };
}

export function findStreet(district: DistrictConfig, code: string): Street | undefined {
  return district.streets.find((street) => street.code === code);
}
