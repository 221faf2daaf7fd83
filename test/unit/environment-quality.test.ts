import { describe, expect, it } from 'vitest';
import { AQI_RULES, aqiLevel, dailyAverage, dailyMaximumEightHourAverage, evaluateAqi, iaqi } from '@green-shield/shared/environment/air-quality';
import { evaluateSection, WATER_RULES, waterClassOf } from '@green-shield/shared/environment/surface-water';
import { dayNightLevels, energyAverage, evaluateNoise, NOISE_RULES, NOISE_ZONES } from '@green-shield/shared/environment/noise';
import { findStreet, loadDistrict } from '@green-shield/shared/districts/district';
import { districtStations } from '@green-shield/shared/districts/stations';
import { suggestStreet } from '@green-shield/shared/geo/street-locator';
import { changePercent, goodDayShare } from '@green-shield/shared/environment/statistics';

const aqiRules = AQI_RULES.current();

describe('IAQI (HJ 633-2012), hand-computed from the breakpoint table', () => {
  it('interpolates within a segment and rounds up, keeping whole results whole', () => {
    // PM2.5 24 h 55: (100 − 50) / (75 − 35) × (55 − 35) + 50 = 75 exactly.
    expect(iaqi(aqiRules, 'pm25_24h', 55)).toBe(75);
    // PM2.5 24 h 80: 50 / 40 × 5 + 100 = 106.25 → 107.
    expect(iaqi(aqiRules, 'pm25_24h', 80)).toBe(107);
    // PM10 24 h 200: 50 / 100 × 50 + 100 = 125.
    expect(iaqi(aqiRules, 'pm10_24h', 200)).toBe(125);
    // CO 1 h 12 mg/m³: 50 / 25 × 2 + 100 = 104.
    expect(iaqi(aqiRules, 'co_1h', 12)).toBe(104);
    // A breakpoint belongs to the lower segment; just above it rounds up.
    expect(iaqi(aqiRules, 'pm25_24h', 35)).toBe(50);
    expect(iaqi(aqiRules, 'pm25_24h', 35.1)).toBe(51);
    expect(iaqi(aqiRules, 'pm25_24h', 0)).toBe(0);
  });

  it('has no value above a short table (SO2 1 h, O3 8 h) and the top of the scale above a full one', () => {
    expect(iaqi(aqiRules, 'so2_1h', 800)).toBe(200);
    expect(iaqi(aqiRules, 'so2_1h', 801)).toBeUndefined();
    expect(iaqi(aqiRules, 'o3_8h', 801)).toBeUndefined();
    expect(iaqi(aqiRules, 'pm25_24h', 600)).toBe(500);
  });

  it('refuses a concentration that is negative or not a number', () => {
    expect(() => iaqi(aqiRules, 'pm10_24h', -1)).toThrow(RangeError);
    expect(() => iaqi(aqiRules, 'pm10_24h', Number.NaN)).toThrow(RangeError);
  });
});

describe('AQI of a report', () => {
  it('is the largest IAQI, names the primary pollutant above 50 and the exceeding ones above 100, with level and colour', () => {
    const evaluation = evaluateAqi(aqiRules, 'daily', { so2_24h: 10, no2_24h: 30, co_24h: 0.8, o3_1h: 120, o3_8h: 90, pm10_24h: 200, pm25_24h: 80 });
    expect(evaluation.aqi).toBe(125);
    expect(evaluation.primary).toEqual(['pm10_24h']);
    expect(evaluation.exceeding).toEqual(['pm10_24h', 'pm25_24h']);
    expect(evaluation.level).toMatchObject({ level: 3, category: '轻度污染', colour: '#FF7E00' });
    expect(evaluation.missing).toEqual([]);
    expect(evaluation.rulesVersion).toBe('hj-633-2012');
  });

  it('names no primary pollutant at 50 or below, and every measure that ties for the AQI above it', () => {
    expect(evaluateAqi(aqiRules, 'daily', { pm25_24h: 35, pm10_24h: 50 }).primary).toEqual([]);
    expect(evaluateAqi(aqiRules, 'daily', { pm25_24h: 55, pm10_24h: 100 }).primary).toEqual(['pm10_24h', 'pm25_24h']);
  });

  it('reports SO2 by its 24-hour IAQI when the 1-hour value is above 800 (hourly report)', () => {
    // SO2 24 h 300: 50 / 325 × 150 + 100 = 123.08 → 124; the 24-hour value does not count on its own in the hourly report.
    const evaluation = evaluateAqi(aqiRules, 'hourly', { so2_1h: 900, so2_24h: 300, no2_1h: 50 });
    expect(evaluation.indices).toContainEqual({ measure: 'so2_1h', concentration: 300, iaqi: 124, via: 'so2_24h' });
    expect(evaluation.indices.map((index) => index.measure)).not.toContain('so2_24h');
    expect(evaluation.aqi).toBe(124);
    expect(evaluation.primary).toEqual(['so2_1h']);
  });

  it('reports O3 by its 1-hour IAQI when the 8-hour value is above 800', () => {
    // O3 1 h 1100: 100 / 200 × 100 + 400 = 450.
    const evaluation = evaluateAqi(aqiRules, 'daily', { o3_8h: 900, o3_1h: 1100 });
    expect(evaluation.indices).toContainEqual({ measure: 'o3_8h', concentration: 1100, iaqi: 450, via: 'o3_1h' });
    expect(evaluation.aqi).toBe(450);
    expect(evaluation.level).toMatchObject({ category: '严重污染', name: 'maroon' });
  });

  it('says which measures it lacked, including a fallback with no value, and has no AQI without any measure', () => {
    const partial = evaluateAqi(aqiRules, 'hourly', { so2_1h: 900, pm25_24h: 20 });
    expect(partial.missing).toEqual(expect.arrayContaining(['so2_1h', 'no2_1h', 'co_1h', 'o3_1h', 'o3_8h', 'pm10_24h']));
    expect(partial.aqi).toBe(29);
    const empty = evaluateAqi(aqiRules, 'daily', {});
    expect(empty.aqi).toBeUndefined();
    expect(empty.level).toBeUndefined();
  });

  it('bands the AQI as the standard does', () => {
    expect([0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500].map((aqi) => aqiLevel(aqiRules, aqi).level)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
  });
});

describe('averages for the daily report', () => {
  const day = (value: (hour: number) => number | undefined) => Array.from({ length: 24 }, (_, hour) => value(hour));

  it('averages a day only with 20 valid hours', () => {
    expect(
      dailyAverage(
        aqiRules,
        day((hour) => (hour < 20 ? 40 : undefined)),
      ),
    ).toBe(40);
    expect(
      dailyAverage(
        aqiRules,
        day((hour) => (hour < 19 ? 40 : undefined)),
      ),
    ).toBeUndefined();
  });

  it("takes O3's highest 8-hour running average over the windows ending 08:00–24:00, each needing 6 hours and the day 14 windows", () => {
    expect(
      dailyMaximumEightHourAverage(
        aqiRules,
        day((hour) => (hour >= 10 && hour < 18 ? 200 : 100)),
      ),
    ).toBe(200);
    // A window with two hours missing is still valid: the mean of its six.
    expect(
      dailyMaximumEightHourAverage(
        aqiRules,
        day((hour) => (hour === 12 || hour === 13 ? undefined : hour >= 10 && hour < 18 ? 200 : 100)),
      ),
    ).toBe(200);
    // Hours 0–10 missing: windows starting 0–4 have fewer than 6 hours, leaving 12 of 17: no daily maximum.
    expect(
      dailyMaximumEightHourAverage(
        aqiRules,
        day((hour) => (hour <= 10 ? undefined : 100)),
      ),
    ).toBeUndefined();
  });
});

describe('surface water classes (GB 3838-2002)', () => {
  const rules = WATER_RULES.current();

  it('classes each parameter by its limits, DO as a lower bound, worse than V as 劣V', () => {
    expect(waterClassOf(rules, 'do', 7.5).label).toBe('I');
    expect(waterClassOf(rules, 'do', 5.5).label).toBe('III');
    expect(waterClassOf(rules, 'do', 1.5).label).toBe('劣V');
    expect(waterClassOf(rules, 'cod', 15).label).toBe('I');
    expect(waterClassOf(rules, 'nh3n', 1.2).label).toBe('IV');
    expect(waterClassOf(rules, 'tp', 0.4).label).toBe('V');
    expect(waterClassOf(rules, 'tp', 0.45)).toEqual({ rank: 5, label: '劣V' });
    expect(() => waterClassOf(rules, 'tn', -0.1)).toThrow(RangeError);
  });

  it("gives a section its worst parameter's class and names the parameters worse than its target", () => {
    const evaluation = evaluateSection(rules, { do: 6.5, nh3n: 1.2, tp: 0.15 }, 'III');
    expect(evaluation.sectionClass?.label).toBe('IV');
    expect(evaluation.worst).toEqual(['nh3n']);
    expect(evaluation.exceeding).toEqual(['nh3n']);
    expect(evaluateSection(rules, {}).sectionClass).toBeUndefined();
    expect(() => evaluateSection(rules, { do: 6 }, 'VI')).toThrow(RangeError);
  });
});

describe('ambient noise (GB 3096-2008)', () => {
  const rules = NOISE_RULES.current();

  it('averages levels by energy, not arithmetically', () => {
    expect(energyAverage([60, 60])).toBe(60);
    // 10 · lg((10^5 + 10^6) / 2) = 57.4
    expect(energyAverage([50, 60])).toBe(57.4);
  });

  it('splits hours into day (06–22) and night, and compares each with the zone', () => {
    const hourly = Array.from({ length: 24 }, (_, hour) => ({ hour, leq: hour >= 6 && hour < 22 ? 57 : 47 }));
    const levels = dayNightLevels(rules, hourly);
    expect(levels).toEqual({ day: 57, night: 47 });
    expect(evaluateNoise(rules, '1', levels)).toEqual({ day: { level: 57, limit: 55, exceedsBy: 2 }, night: { level: 47, limit: 45, exceedsBy: 2 } });
    expect(evaluateNoise(rules, '4a', levels)).toEqual({ day: { level: 57, limit: 70, exceedsBy: 0 }, night: { level: 47, limit: 55, exceedsBy: 0 } });
    expect(dayNightLevels(rules, [{ hour: 23, leq: 50 }])).toEqual({ night: 50 });
  });
});

describe('district figures', () => {
  it('compares the same period: 953 complaints against 1,381 and 1,553 is −31.0 % and −38.6 %', () => {
    expect(changePercent(953, 1381)).toBe(-31);
    expect(changePercent(953, 1553)).toBe(-38.6);
    expect(changePercent(100, 100)).toBe(0);
    expect(Object.is(changePercent(100, 100), -0)).toBe(false);
    expect(changePercent(5, 0)).toBeUndefined();
  });

  it('shares good days (AQI ≤ 100) among the days with an AQI', () => {
    expect(goodDayShare([50, 100, 101, undefined], aqiRules.goodDayUpTo)).toEqual({ goodDays: 2, days: 3, percent: 66.7 });
    expect(goodDayShare([], aqiRules.goodDayUpTo)).toEqual({ goodDays: 0, days: 0 });
  });
});

describe("the district's monitoring stations", () => {
  const district = loadDistrict('310106');
  const stations = districtStations(district.code);

  it("are configured for Jing'an with unique ids, each kind present", () => {
    expect(new Set(stations.map((station) => station.id)).size).toBe(stations.length);
    expect(new Set(stations.map((station) => station.kind))).toEqual(new Set(['air', 'water', 'noise']));
  });

  it('each lies in the district, names a known street, and carries a class or zone the rule tables know', () => {
    for (const station of stations) {
      expect(suggestStreet(district, { ...station.location, coordSystem: 'WGS-84' }), station.id).toBeDefined();
      expect(findStreet(district, station.streetCode), station.id).toBeDefined();
      if (station.kind === 'water') expect(WATER_RULES.current().classes, station.id).toContain(station.targetClass);
      if (station.kind === 'noise') expect(NOISE_ZONES, station.id).toContain(station.zone);
    }
  });
});
