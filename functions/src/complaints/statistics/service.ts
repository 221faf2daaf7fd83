/**
 * Complaint statistics for officers (the bureau: any street; a street officer: their own) and the
 * district's summary for the public, answered from the counters (a handful of Queries per request).
 */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { calendarDate } from '@green-shield/shared/rules/legal-periods';
import {
  addCounts,
  type Counts,
  figuresOf,
  type Period,
  sameDaysYearsBefore,
  yearOnYear,
  zeroCounts,
} from '@green-shield/shared/statistics/complaint-counters';
import { ApiError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { officerScope, streetFilter } from '../../lib/officer-scope';
import type { Principal } from '../../lib/tokens';
import type { ComplaintCounterStore, CounterRow } from './counter-store';

/** The longest period one request reads (with its two comparison years: at most 3 × 5 Queries). */
const MAX_PERIOD_DAYS = 3 * 366;
const COMPARED_YEARS = [1, 2];

interface PeriodQuery {
  from?: string;
  to?: string;
}

function sumBy(rows: readonly CounterRow[], key: (row: CounterRow) => string): Map<string, Counts> {
  const sums = new Map<string, Counts>();
  for (const row of rows) sums.set(key(row), addCounts(sums.get(key(row)) ?? zeroCounts(), row.counts));
  return sums;
}

const receivedBy = <K extends string>(name: K, sums: Map<string, Counts>) =>
  [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, counts]) => ({ [name]: value, received: counts.received }) as Record<K, string> & { received: number });

export class ComplaintStatisticsService {
  constructor(
    private readonly counters: ComplaintCounterStore,
    private readonly clock: Clock,
    private readonly district: DistrictConfig,
  ) {}

  async forOfficer(principal: Principal, query: PeriodQuery & { street?: string; category?: string }) {
    const street = streetFilter(officerScope(principal), query.street);
    const period = this.periodOf(query);
    const keep = (row: CounterRow) => (street === undefined || row.streetCode === street) && (query.category === undefined || row.type === query.category);
    const { rows, total, ...counts } = await this.read(period, keep);
    const byMonth = [...sumBy(rows, (row) => row.month)].sort(([a], [b]) => a.localeCompare(b));
    return {
      ...period,
      ...(street !== undefined && { street }),
      ...(query.category !== undefined && { category: query.category }),
      figures: figuresOf(total),
      byMonth: byMonth.map(([month, monthCounts]) => ({ month, figures: figuresOf(monthCounts) })),
      ...counts,
    };
  }

  /** Counts only: how many were received and closed, per street and category, and the comparison. */
  async forPublic(query: PeriodQuery) {
    const period = this.periodOf(query);
    const { total, comparison, byStreet, byCategory } = await this.read(period, () => true);
    return { ...period, received: total.received, closed: total.closed, comparison, byStreet, byCategory };
  }

  /** The period's rows and total, the comparison with earlier years, the counts received per street and category. */
  private async read(period: Period, keep: (row: CounterRow) => boolean) {
    const earlier = COMPARED_YEARS.map((years) => sameDaysYearsBefore(period, years));
    const [rows, ...earlierRows] = await Promise.all([period, ...earlier].map(async (each) => (await this.counters.read(each)).filter(keep)));
    const received = (list: readonly CounterRow[]) => list.reduce((sum, row) => sum + row.counts.received, 0);
    return {
      rows,
      total: sumBy(rows, () => 'all').get('all') ?? zeroCounts(),
      comparison: yearOnYear(
        received(rows),
        earlier.map((each, i) => ({ ...each, received: received(earlierRows[i]) })),
      ),
      byStreet: receivedBy(
        'streetCode',
        sumBy(rows, (row) => row.streetCode),
      ),
      byCategory: receivedBy(
        'type',
        sumBy(rows, (row) => row.type),
      ),
    };
  }

  private periodOf(query: PeriodQuery): Period {
    const today = calendarDate(this.clock.now(), this.district.timeZone);
    const to = query.to ?? today;
    const from = query.from ?? `${to.slice(0, 4)}-01-01`;
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    if (days < 1) throw new ApiError('VALIDATION_FAILED', '开始日期不能晚于结束日期');
    if (days > MAX_PERIOD_DAYS) throw new ApiError('VALIDATION_FAILED', `统计期间最长 ${MAX_PERIOD_DAYS} 天`);
    return { from, to };
  }
}
