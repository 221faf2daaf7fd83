/**
 * Ambient noise against the acoustic functional zones of GB 3096-2008 (versioned limits,
 * `rules/ambient-noise-limits.json`): day and night equivalent levels from hourly Leq values, and
 * their margin over the zone's limits. Pure.
 */
import table from '../rules/ambient-noise-limits.json' with { type: 'json' };
import { versionedRules } from '../rules/versions';

export const NOISE_ZONES = ['0', '1', '2', '3', '4a', '4b'] as const;
export type NoiseZone = (typeof NOISE_ZONES)[number];

export interface NoiseRules {
  version: string;
  title: string;
  source: string;
  dayStartsAtHour: number;
  nightStartsAtHour: number;
  zones: Record<NoiseZone, { label: string; day: number; night: number }>;
}

export const NOISE_RULES = /* @__PURE__ */ versionedRules(() => table.versions as NoiseRules[], 'ambient-noise-limits');

/** The energy average of equivalent levels, dB(A) to one decimal: 10·lg(mean(10^(L/10))). */
export function energyAverage(levels: readonly number[]): number {
  if (levels.length === 0) throw new RangeError('No level to average');
  const meanEnergy = levels.reduce((sum, level) => sum + 10 ** (level / 10), 0) / levels.length;
  return Math.round(10 * Math.log10(meanEnergy) * 10) / 10;
}

export function isDayHour(rules: NoiseRules, hour: number): boolean {
  return hour >= rules.dayStartsAtHour && hour < rules.nightStartsAtHour;
}

/** Ld and Ln from hourly Leq (hour = local start hour 0–23); a period without a value is absent. */
export function dayNightLevels(rules: NoiseRules, hourly: ReadonlyArray<{ hour: number; leq: number }>): { day?: number; night?: number } {
  const day = hourly.filter((entry) => isDayHour(rules, entry.hour)).map((entry) => entry.leq);
  const night = hourly.filter((entry) => !isDayHour(rules, entry.hour)).map((entry) => entry.leq);
  return { ...(day.length > 0 && { day: energyAverage(day) }), ...(night.length > 0 && { night: energyAverage(night) }) };
}

export interface PeriodVerdict {
  level: number;
  limit: number;
  /** dB(A) over the limit, to one decimal; 0 when within it. */
  exceedsBy: number;
}

export function evaluateNoise(rules: NoiseRules, zone: NoiseZone, levels: { day?: number; night?: number }): { day?: PeriodVerdict; night?: PeriodVerdict } {
  const limits = rules.zones[zone];
  const verdict = (level: number, limit: number): PeriodVerdict => ({ level, limit, exceedsBy: Math.max(0, Math.round((level - limit) * 10) / 10) });
  return {
    ...(levels.day !== undefined && { day: verdict(levels.day, limits.day) }),
    ...(levels.night !== undefined && { night: verdict(levels.night, limits.night) }),
  };
}
