/**
 * Counts a year's complaints again (access pattern 59): each month's complaints are read from the
 * district queue by their receipt time (GSI2, then BatchGet), never by a Scan; the year's day items
 * and month rollups are replaced by what they contribute, the imported counts kept. The stream
 * keeps counting meanwhile: run it when complaints are quiet (a write counted between the read and
 * the replacement would be lost), or run it again.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { startOfDay } from '@green-shield/shared/rules/legal-periods';
import { addCounts, contribution, type CountedComplaint, type Counts, nextMonth, zeroCounts } from '@green-shield/shared/statistics/complaint-counters';
import { keys } from '../../store/keys';
import { queryBetween } from '../../store/queries';
import { ComplaintCounterStore, counterAttributes } from './counter-store';

type Key = { pk: string; sk: string };

export async function rebuildComplaintCounters(
  db: DynamoDBDocumentClient,
  tableName: string,
  district: DistrictConfig,
  year: string,
): Promise<{ complaints: number; items: number }> {
  const store = new ComplaintCounterStore(db, tableName, district.code);
  /** Item key → type → counts. */
  const items = new Map<string, { key: Key; byType: Map<string, Counts> }>();
  const add = (key: Key, type: string, counts: Counts) => {
    const id = `${key.pk}|${key.sk}`;
    const item = items.get(id) ?? { key, byType: new Map() };
    item.byType.set(type, addCounts(item.byType.get(type) ?? zeroCounts(), counts));
    items.set(id, item);
  };
  let complaints = 0;
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  for (const month of months) {
    const from = new Date(startOfDay(`${month}-01`, district.timeZone)).toISOString();
    const to = new Date(startOfDay(`${nextMonth(month)}-01`, district.timeZone) - 1).toISOString();
    const monthsComplaints = await queryBetween<CountedComplaint>(db, tableName, {
      index: 'GSI2',
      partition: keys.complaintQueue(district.code),
      from: keys.queueOrder(from, ''),
      to: keys.queueOrder(to, '~'),
    });
    for (const complaint of monthsComplaints) {
      const { bucket, counts } = contribution(complaint, district.timeZone);
      add(keys.statisticsDay(district.code, bucket.day, bucket.streetCode), bucket.type, counts);
      add(keys.statisticsMonth(district.code, month, bucket.streetCode), bucket.type, counts);
      complaints++;
    }
  }
  const existing = (
    await Promise.all([
      store.queryRange(keys.statisticsMonths(district.code, year), 'MONTH#', 'MONTH#~'),
      ...months.map((month) => store.queryRange(keys.statisticsDays(district.code, month))),
    ])
  )
    .flat()
    .map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
  const puts = [...items.values()].map(({ key, byType }) => ({
    PutRequest: {
      Item: { ...key, entity: 'ComplaintCounters', ...Object.assign({}, ...[...byType].map(([type, counts]) => counterAttributes(type, counts))) },
    },
  }));
  const deletes = existing.filter((key) => !items.has(`${key.pk}|${key.sk}`)).map((key) => ({ DeleteRequest: { Key: key } }));
  const writes = [...puts, ...deletes];
  for (let i = 0; i < writes.length; i += 25) {
    let pending: Record<string, unknown[]> | undefined = { [tableName]: writes.slice(i, i + 25) };
    while (pending && Object.keys(pending).length > 0) {
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: pending as never }));
      pending = UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  }
  return { complaints, items: items.size };
}
