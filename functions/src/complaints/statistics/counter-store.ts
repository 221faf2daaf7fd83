/**
 * The complaint counters in the table (access patterns 56–58): day items and month rollups per
 * street, each attribute `<type>.<counter>`; imported counts of earlier years beside the rollups.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type BucketDelta,
  COUNTERS,
  type Counter,
  type Counts,
  type Period,
  periodReads,
  zeroCounts,
} from '@green-shield/shared/statistics/complaint-counters';
import { keys } from '../../store/keys';
import { queryAll, type TransactItems, transact } from '../../store/operations';

/** Counters of one street and category type in one day or month. */
export interface CounterRow {
  /** `YYYY-MM`. */
  month: string;
  streetCode: string;
  type: string;
  counts: Counts;
}

/** How long a complaint write stays marked as counted: longer than any record can be redelivered (SQS keeps failures 14 days). */
export const APPLIED_MARKER_TTL_SECONDS = 30 * 24 * 60 * 60;

const COUNTER_NAMES = new Set<string>(COUNTERS);

/** The rows an item's attributes hold (`<type>.<counter>`); other attributes are skipped. */
function rowsOf(item: Record<string, unknown>, month: string, streetCode: string): CounterRow[] {
  const byType = new Map<string, Counts>();
  for (const [name, value] of Object.entries(item)) {
    const dot = name.lastIndexOf('.');
    const counter = name.slice(dot + 1);
    if (dot <= 0 || !COUNTER_NAMES.has(counter) || typeof value !== 'number') continue;
    const type = name.slice(0, dot);
    const counts = byType.get(type) ?? zeroCounts();
    counts[counter as Counter] += value;
    byType.set(type, counts);
  }
  return [...byType].map(([type, counts]) => ({ month, streetCode, type, counts }));
}

/** The attributes of counts, `<type>.<counter>`, zeros left out (for a put of absolute values). */
export function counterAttributes(type: string, counts: Partial<Counts>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).flatMap(([counter, value]) => (value === 0 ? [] : [[`${type}.${counter}`, value]])));
}

function addUpdate(tableName: string, key: { pk: string; sk: string }, type: string, counts: Partial<Counts>): TransactItems[number] {
  const entries = Object.entries(counts);
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET entity = :entity ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([counter], i) => [`#c${i}`, `${type}.${counter}`])),
      ExpressionAttributeValues: { ':entity': 'ComplaintCounters', ...Object.fromEntries(entries.map(([, value], i) => [`:c${i}`, value])) },
    },
  };
}

export class ComplaintCounterStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly districtCode: string,
  ) {}

  /**
   * Adds one complaint write's deltas to its day items and month rollups, in one transaction with the
   * write's applied marker: false when the write was counted before (a redelivered record).
   */
  async apply(write: { complaintId: string; version: number; nowSeconds: number }, deltas: readonly BucketDelta[]): Promise<boolean> {
    if (deltas.length === 0) return true;
    const district = this.districtCode;
    const cancelled = await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.statisticsApplied(write.complaintId, write.version),
            entity: 'ComplaintCountersApplied',
            expiresAt: write.nowSeconds + APPLIED_MARKER_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...deltas.flatMap(({ bucket, counts }) => [
        addUpdate(this.tableName, keys.statisticsDay(district, bucket.day, bucket.streetCode), bucket.type, counts),
        addUpdate(this.tableName, keys.statisticsMonth(district, bucket.day.slice(0, 7), bucket.streetCode), bucket.type, counts),
      ]),
    ]);
    if (!cancelled) return true;
    if (cancelled.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw cancelled;
  }

  /**
   * The counters of a period: whole months from their rollups (with imported counts of earlier
   * years), the days at its ends from the day items. One Query per year and per end month.
   */
  async read(period: Period): Promise<CounterRow[]> {
    const { wholeMonths, days } = periodReads(period);
    const years = [...new Set(wholeMonths.map((month) => month.slice(0, 4)))];
    const [yearItems, dayItems] = await Promise.all([
      Promise.all(years.map((year) => this.queryRange(keys.statisticsMonths(this.districtCode, year)))),
      Promise.all(
        days.map(({ from, to }) => this.queryRange(keys.statisticsDays(this.districtCode, from.slice(0, 7)), `DAY#${from.slice(8)}#`, `DAY#${to.slice(8)}#~`)),
      ),
    ]);
    const months = new Set(wholeMonths);
    const rows: CounterRow[] = [];
    yearItems.flat().forEach((item) => {
      const [, monthNumber, streetCode] = String(item.sk).split('#');
      const month = `${String(item.pk).slice(-4)}-${monthNumber}`;
      if (months.has(month)) rows.push(...rowsOf(item, month, streetCode));
    });
    dayItems.flat().forEach((item) => {
      const [, , streetCode] = String(item.sk).split('#');
      rows.push(...rowsOf(item, String(item.pk).slice(-7), streetCode));
    });
    return rows;
  }

  /** Every item of a counter partition, or of a range of its sort keys. */
  queryRange(partition: string, from?: string, to?: string): Promise<Record<string, unknown>[]> {
    return queryAll(
      this.db,
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: from === undefined ? 'pk = :pk' : 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': partition, ...(from === undefined ? {} : { ':from': from, ':to': to }) },
      }).input,
    );
  }
}
