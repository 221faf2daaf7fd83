import { describe, expect, it } from 'vitest';
import {
  addCounts,
  type CountedComplaint,
  contribution,
  counterDeltas,
  figuresOf,
  periodReads,
  sameDaysYearsBefore,
  yearOnYear,
  zeroCounts,
} from '@green-shield/shared/statistics/complaint-counters';

const TZ = 'Asia/Shanghai';

const received: CountedComplaint = {
  status: 'submitted',
  streetCode: 'jiangning',
  category: { type: 'air' },
  // 23:30 UTC on 31 Jan is 07:30 on 1 Feb in Shanghai: the bucket is the local day.
  submittedAt: '2026-01-31T23:30:00.000Z',
  updatedAt: '2026-01-31T23:30:00.000Z',
  acknowledgeBy: '2026-02-16T15:59:59.999Z',
  closeBy: '2026-04-02T15:59:59.999Z',
};
const accepted: CountedComplaint = { ...received, status: 'accepted', acceptedAt: '2026-02-01T01:30:00.000Z', updatedAt: '2026-02-01T01:30:00.000Z' };
const resolved: CountedComplaint = { ...accepted, status: 'resolved', resolvedAt: '2026-02-03T23:30:00.000Z' };
const closed: CountedComplaint = { ...resolved, status: 'closed', rating: { score: 4 } };

/** Applies deltas as the adapter does, per bucket. */
function apply(deltas: ReturnType<typeof counterDeltas>, into = new Map<string, ReturnType<typeof zeroCounts>>()) {
  for (const { bucket, counts } of deltas) {
    const key = `${bucket.day}|${bucket.streetCode}|${bucket.type}`;
    into.set(key, addCounts(into.get(key) ?? zeroCounts(), counts));
  }
  return into;
}

describe('what a complaint contributes', () => {
  it('counts in the bucket of its local day of receipt, street and category type', () => {
    expect(contribution(received, TZ).bucket).toEqual({ day: '2026-02-01', streetCode: 'jiangning', type: 'air' });
    expect(contribution(received, TZ).counts).toMatchObject({ received: 1, responded: 0, closed: 0 });
  });

  it('counts the first response, its time and whether it was in time; a close with its duration and rating', () => {
    expect(contribution(accepted, TZ).counts).toMatchObject({ responded: 1, respondedInTime: 1, responseSeconds: 2 * 3600 });
    expect(contribution({ ...accepted, acceptedAt: '2026-02-17T00:00:00.000Z' }, TZ).counts.respondedInTime).toBe(0);
    expect(contribution(closed, TZ).counts).toMatchObject({ resolved: 1, closed: 1, closedInTime: 1, closeSeconds: 3 * 86400, ratingSum: 4, ratingCount: 1 });
    expect(contribution({ ...closed, resolvedAt: '2026-04-03T00:00:00.000Z' }, TZ).counts.closedInTime).toBe(0);
  });

  it('takes an answer as not ours or a duplicate as the first response', () => {
    const answered = { ...received, status: 'not_our_responsibility', updatedAt: '2026-02-02T00:00:00.000Z' };
    expect(contribution(answered, TZ).counts).toMatchObject({ responded: 1, responseSeconds: 24.5 * 3600, closed: 0 });
  });
});

describe('counter deltas of a complaint write', () => {
  it('sum, over a whole life, to what the final state contributes', () => {
    const reopened = { ...resolved, status: 'reopened', reopenCount: 1 };
    const life = [undefined, received, accepted, resolved, reopened, { ...reopened, status: 'resolved' }, { ...closed, reopenCount: 1 }];
    const counters = new Map();
    for (let i = 1; i < life.length; i++) apply(counterDeltas(life[i - 1], life[i], TZ), counters);
    expect([...counters.values()]).toEqual([contribution({ ...closed, reopenCount: 1 }, TZ).counts]);
  });

  it('change only what changes; a write that changes nothing counted gives no delta', () => {
    expect(counterDeltas(received, accepted, TZ)).toEqual([
      { bucket: { day: '2026-02-01', streetCode: 'jiangning', type: 'air' }, counts: { responded: 1, respondedInTime: 1, responseSeconds: 7200 } },
    ]);
    expect(counterDeltas(accepted, { ...accepted, updatedAt: '2026-02-05T00:00:00.000Z' }, TZ)).toEqual([]);
  });

  it('move every count of a complaint moved to another street or category', () => {
    const deltas = counterDeltas(accepted, { ...accepted, streetCode: 'caojiadu', category: { type: 'water' } }, TZ);
    const counters = apply(deltas, apply(counterDeltas(undefined, accepted, TZ)));
    expect(counters.get('2026-02-01|jiangning|air')).toEqual(zeroCounts());
    expect(counters.get('2026-02-01|caojiadu|water')).toEqual(contribution(accepted, TZ).counts);
  });

  it('take back what a removed complaint contributed', () => {
    const counters = apply(counterDeltas(closed, undefined, TZ), apply(counterDeltas(undefined, closed, TZ)));
    expect([...counters.values()]).toEqual([zeroCounts()]);
  });
});

describe('figures from counters', () => {
  it('averages, shares, satisfaction and the reopen rate; nothing where nothing was counted', () => {
    const counts = { ...zeroCounts(), received: 10, responded: 8, respondedInTime: 6, responseSeconds: 8 * 5400, resolved: 5, closed: 4, closedInTime: 3 };
    Object.assign(counts, { closeSeconds: 4 * 86400, ratingSum: 13, ratingCount: 3, reopened: 1 });
    expect(figuresOf(counts)).toEqual({
      received: 10,
      responded: 8,
      closed: 4,
      ratings: 3,
      averageHoursToFirstResponse: 1.5,
      averageHoursToClose: 24,
      respondedInTimePercent: 75,
      closedInTimePercent: 75,
      averageRating: 4.33,
      reopenPercent: 20,
    });
    expect(figuresOf(zeroCounts())).toEqual({ received: 0, responded: 0, closed: 0, ratings: 0 });
  });

  it('compares with the same period of earlier years: 953 against 1,381 and 1,553', () => {
    const earlier = [
      { from: '2020-01-01', to: '2020-11-30', received: 1381 },
      { from: '2019-01-01', to: '2019-11-30', received: 1553 },
    ];
    expect(yearOnYear(953, earlier).map((year) => year.changePercent)).toEqual([-31, -38.6]);
    expect(yearOnYear(5, [{ from: '2018-01-01', to: '2018-01-31', received: 0 }])[0].changePercent).toBeUndefined();
  });
});

describe('how a period is read', () => {
  it('reads whole months from their rollups and the ends from day counters', () => {
    expect(periodReads({ from: '2021-01-01', to: '2021-11-30' }).wholeMonths).toHaveLength(11);
    expect(periodReads({ from: '2021-01-01', to: '2021-11-30' }).days).toEqual([]);
    expect(periodReads({ from: '2021-01-15', to: '2021-03-10' })).toEqual({
      wholeMonths: ['2021-02'],
      days: [
        { from: '2021-01-15', to: '2021-01-31' },
        { from: '2021-03-01', to: '2021-03-10' },
      ],
    });
    expect(periodReads({ from: '2021-12-01', to: '2022-01-31' }).wholeMonths).toEqual(['2021-12', '2022-01']);
    expect(periodReads({ from: '2024-02-01', to: '2024-02-29' }).wholeMonths).toEqual(['2024-02']);
  });

  it('takes the same days of earlier years, 29 February as the 28th', () => {
    expect(sameDaysYearsBefore({ from: '2021-01-01', to: '2021-11-30' }, 2)).toEqual({ from: '2019-01-01', to: '2019-11-30' });
    expect(sameDaysYearsBefore({ from: '2024-02-01', to: '2024-02-29' }, 1)).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });
});
