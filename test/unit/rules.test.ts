import { describe, expect, it } from 'vitest';
import { dueDates, overdue } from '@green-shield/shared/complaints/due-dates';
import { timeLimits } from '@green-shield/shared/rules/time-limits';
import { calendarDate, isRestDay, lastDayOfPeriod, periodEnd, type PeriodRules } from '@green-shield/shared/rules/legal-periods';
import { formatTrackingNumber, yearInTimeZone } from '@green-shield/shared/complaints/tracking-number';
import { isMainlandMobile, maskPhone } from '@green-shield/shared/privacy/mask';
import { isKnownSubtype, categoryLabel } from '@green-shield/shared/complaints/taxonomy';
import { loadDistrict, periodRules } from '@green-shield/shared/districts/district';

describe('time limits and due dates', () => {
  const limits = timeLimits('xinfang-2022');

  it('is versioned data with its source', () => {
    expect(limits).toMatchObject({ acknowledgeWithinDays: 15, closeWithinDays: 60, maxExtensionDays: 30 });
    expect(limits.source).toContain('信访工作条例');
    expect(() => timeLimits('no-such-version')).toThrow(/Unknown time-limits version/);
  });

  const shanghai: PeriodRules = { timeZone: 'Asia/Shanghai' };
  const withRestDays = periodRules(loadDistrict('310106'));

  it('counts 15 and 60 days as the Civil Code does: from the next day, to 24:00 of the last day, in Shanghai', () => {
    // 00:00 on 1 February in Shanghai: day 1 is 2 February; the 15th is 16 February, the 60th is 2 April.
    expect(dueDates('2026-01-31T16:00:00.000Z', limits, shanghai)).toEqual({ acknowledgeBy: '2026-02-16T15:59:59.999Z', closeBy: '2026-04-02T15:59:59.999Z' });
    // One millisecond earlier is still 31 January in Shanghai.
    expect(dueDates('2026-01-31T15:59:59.999Z', limits, shanghai).acknowledgeBy).toBe('2026-02-15T15:59:59.999Z');
    expect(periodEnd('2026-03-10T23:00:00.000Z', 1, shanghai)).toBe('2026-03-12T15:59:59.999Z');
  });

  it('moves a last day that is a rest day to the next working day, when the district configures rest days', () => {
    // 16 February 2026 is in the Spring Festival holiday (15–23 February): the period ends on Tuesday 24 February.
    expect(dueDates('2026-01-31T16:00:00.000Z', limits, withRestDays).acknowledgeBy).toBe('2026-02-24T15:59:59.999Z');
    // A Saturday → Monday; a make-up working Saturday (14 February) stays.
    expect(lastDayOfPeriod('2026-01-02T02:00:00.000Z', 15, withRestDays)).toBe('2026-01-19');
    expect(lastDayOfPeriod('2026-01-30T02:00:00.000Z', 15, withRestDays)).toBe('2026-02-14');
    // Days inside the period are counted whatever they are; a year without a published calendar counts weekends only.
    expect(lastDayOfPeriod('2026-09-30T02:00:00.000Z', 3, withRestDays)).toBe('2026-10-08');
    expect(lastDayOfPeriod('2026-12-18T02:00:00.000Z', 15, withRestDays)).toBe('2027-01-04');
    expect(isRestDay('2026-10-10', withRestDays.restDays!)).toBe(false);
    expect(isRestDay('2026-10-07', withRestDays.restDays!)).toBe(true);
    expect(calendarDate('2026-12-31T16:30:00.000Z', 'Asia/Shanghai')).toBe('2027-01-01');
  });

  it('flags acknowledgement overdue only while nobody has responded, and closing overdue until a result', () => {
    const due = dueDates('2026-01-01T00:00:00.000Z', limits, shanghai);
    const day16 = new Date('2026-01-17T00:00:00Z');
    const day61 = new Date('2026-03-03T00:00:00Z');
    expect(overdue('submitted', due, new Date('2026-01-15T00:00:00Z'))).toEqual({ acknowledge: false, close: false, any: false });
    expect(overdue('submitted', due, day16)).toEqual({ acknowledge: true, close: false, any: true });
    expect(overdue('accepted', due, day16).any).toBe(false);
    expect(overdue('in_progress', due, day61)).toEqual({ acknowledge: false, close: true, any: true });
    expect(overdue('resolved', due, day61).any).toBe(false);
    expect(overdue('closed', due, day61).any).toBe(false);
  });
});

describe('tracking numbers', () => {
  it('formats with a zero-padded sequence', () => {
    expect(formatTrackingNumber('JA', 2026, 123)).toBe('JA-2026-000123');
    expect(formatTrackingNumber('JA', 2026, 1_234_567)).toBe('JA-2026-1234567');
    expect(() => formatTrackingNumber('JA', 2026, 0)).toThrow(RangeError);
  });

  it('takes the year in the district’s time zone', () => {
    expect(yearInTimeZone(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe(2027);
    expect(yearInTimeZone(new Date('2026-12-31T15:30:00Z'), 'Asia/Shanghai')).toBe(2026);
  });
});

describe('masking', () => {
  it('masks phone numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('123')).toBe('***');
    expect(isMainlandMobile('13812345678')).toBe(true);
    expect(isMainlandMobile('12812345678')).toBe(false);
  });
});

describe('taxonomy and district configuration', () => {
  it('knows the 12369 categories', () => {
    expect(isKnownSubtype('air', 'cooking_fumes')).toBe(true);
    expect(isKnownSubtype('air', 'construction_noise')).toBe(false);
    expect(categoryLabel('noise', 'construction_noise')).toBe('噪声 · 建筑施工噪声');
  });

  it('loads Jing’an: 13 streets and 1 town', () => {
    const district = loadDistrict('310106');
    expect(district.streets.filter((s) => s.kind === 'street')).toHaveLength(13);
    expect(district.streets.filter((s) => s.kind === 'town').map((s) => s.name)).toEqual(['彭浦镇']);
    expect(() => loadDistrict('000000')).toThrow(/Unknown district/);
  });
});
