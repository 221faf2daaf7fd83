import { describe, expect, it } from 'vitest';
import { dueDates, overdue } from '@green-shield/shared/complaints/due-dates';
import { timeLimits } from '@green-shield/shared/rules/time-limits';
import { formatTrackingNumber, yearInTimeZone } from '@green-shield/shared/complaints/tracking-number';
import { isMainlandMobile, maskPhone } from '@green-shield/shared/privacy/mask';
import { isKnownSubtype, categoryLabel } from '@green-shield/shared/complaints/taxonomy';
import { loadDistrict } from '@green-shield/shared/districts/district';

describe('time limits and due dates', () => {
  const limits = timeLimits('xinfang-2022');

  it('is versioned data with its source', () => {
    expect(limits).toMatchObject({ acknowledgeWithinDays: 15, closeWithinDays: 60, maxExtensionDays: 30 });
    expect(limits.source).toContain('信访工作条例');
    expect(() => timeLimits('no-such-version')).toThrow(/Unknown time-limits version/);
  });

  it('computes 15 and 60 days from receipt', () => {
    expect(dueDates('2026-01-31T16:00:00.000Z', limits)).toEqual({ acknowledgeBy: '2026-02-15T16:00:00.000Z', closeBy: '2026-04-01T16:00:00.000Z' });
  });

  it('flags acknowledgement overdue only while nobody has responded, and closing overdue until a result', () => {
    const due = dueDates('2026-01-01T00:00:00.000Z', limits);
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
