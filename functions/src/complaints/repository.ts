/**
 * Complaints, their events and tracking numbers in the table; the complaint and its queue entries
 * (`items.ts`) are written together, and the queue's filters are read from the lists `queue-plan.ts`
 * picks.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inPool } from '../lib/pool';
import { COMPLAINT_EVENT_PREFIX, keys } from '../store/keys';
import { mergedPage } from '../store/merged-pages';
import { failedConditionIndex, nextInSequence, putIfVersion, queryPartition, stripKeys, transact, type TransactItems } from '../store/operations';
import { countUpTo, getItem, queryEvery, queryPage } from '../store/queries';
import { complaintEventItem, complaintItem, queueEntryItems } from './items';
import { planQueue, type ComplaintFilter } from './queue-plan';
import type { ComplaintEventRecord, ComplaintRecord } from './records';

export type { ComplaintFilter } from './queue-plan';

const PAGE_SIZE = 20;
const REINDEX_CONCURRENCY = 16;

/** A complaint with its whole timeline, oldest event first. */
export interface ComplaintWithEvents {
  record: ComplaintRecord;
  events: ComplaintEventRecord[];
}

export class ComplaintRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  nextTrackingSequence(districtCode: string, year: number): Promise<number> {
    return nextInSequence(this.db, this.tableName, keys.trackingCounter(districtCode, year));
  }

  /**
   * Writes a new complaint, its first event, its tracking-number lookup and the idempotency record
   * atomically. Returns false when the idempotency key was taken meanwhile (a concurrent retry).
   */
  async create(record: ComplaintRecord, event: ComplaintEventRecord, idempotencyRecord: TransactItems[number]): Promise<boolean> {
    const cancelled = await transact(this.db, [
      idempotencyRecord,
      {
        Put: {
          TableName: this.tableName,
          Item: complaintItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: complaintEventItem(event) } },
      ...this.queueEntryWrites(record),
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.trackingNumber(record.trackingNumber), entity: 'TrackingNumber', complaintId: record.id, districtCode: record.districtCode },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    if (!cancelled) return true;
    if (failedConditionIndex(cancelled) === 0) return false;
    throw cancelled;
  }

  /** The queue entries as the record stands (in the transaction that writes it). */
  private queueEntryWrites(record: ComplaintRecord): TransactItems {
    const entries = queueEntryItems(record);
    return [
      ...entries.put.map((Item) => ({ Put: { TableName: this.tableName, Item } })),
      ...entries.delete.map((Key) => ({ Delete: { TableName: this.tableName, Key } })),
    ];
  }

  /** The complaint and its whole timeline in one query (they share a partition). */
  async getWithEvents(id: string): Promise<ComplaintWithEvents | undefined> {
    const items = await queryPartition(this.db, this.tableName, keys.complaintCollection(id));
    const complaint = items.find((item) => item.sk === 'COMPLAINT');
    if (!complaint) return undefined;
    const events = items.filter((item) => String(item.sk).startsWith(COMPLAINT_EVENT_PREFIX)).map((item) => stripKeys<ComplaintEventRecord>(item));
    return { record: stripKeys<ComplaintRecord>(complaint), events };
  }

  /** The complaint alone, without its timeline. */
  async get(id: string): Promise<ComplaintRecord | undefined> {
    return getItem<ComplaintRecord>(this.db, this.tableName, keys.complaint(id));
  }

  async idByTrackingNumber(trackingNumber: string): Promise<{ complaintId: string; districtCode: string } | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.trackingNumber(trackingNumber) }));
    return Item ? { complaintId: Item.complaintId as string, districtCode: Item.districtCode as string } : undefined;
  }

  /** Replaces the complaint only if nobody changed it since `expectedVersion`, and appends the event. */
  async transition(next: ComplaintRecord, expectedVersion: number, event: ComplaintEventRecord): Promise<boolean> {
    const cancelled = await transact(this.db, [
      putIfVersion(this.tableName, complaintItem(next), expectedVersion),
      { Put: { TableName: this.tableName, Item: complaintEventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...this.queueEntryWrites(next),
    ]);
    return !cancelled;
  }

  async listByComplainant(userId: string, cursor: string | undefined) {
    return queryPage<ComplaintRecord>(this.db, this.tableName, {
      index: 'GSI1',
      partition: keys.byComplainant(userId),
      newestFirst: true,
      cursor,
      limit: PAGE_SIZE,
    });
  }

  /** One page of the officers' queue (a street's, or the district's), narrowed by the filter; full, or the end. */
  async listQueue(districtCode: string, streetCode: string | undefined, filter: ComplaintFilter, cursor: string | undefined) {
    const plan = planQueue(districtCode, streetCode, filter);
    if ('none' in plan) return { items: [] as ComplaintRecord[] };
    const { index, partitions, before, newestFirst } = plan;
    if (partitions.length === 1 && !before)
      return queryPage<ComplaintRecord>(this.db, this.tableName, { index, partition: partitions[0], newestFirst, cursor, limit: PAGE_SIZE });
    return mergedPage<ComplaintRecord>(this.db, this.tableName, { index, partitions, before, newestFirst, cursor, limit: PAGE_SIZE });
  }

  /** How many complaints meet a filter one list answers (overdue, for one), counted up to `cap`. */
  async countQueue(districtCode: string, streetCode: string | undefined, filter: ComplaintFilter, cap: number) {
    const plan = planQueue(districtCode, streetCode, filter);
    if ('none' in plan) return { count: 0, more: false };
    if (plan.partitions.length !== 1) throw new Error('Only a filter one list answers is counted');
    return countUpTo(this.db, this.tableName, { index: plan.index, partition: plan.partitions[0], before: plan.before }, cap);
  }

  /**
   * Writes every complaint's queue entries again from the stored complaint, for lists added after it
   * was written (`npm run lists:reindex`); a complaint changed meanwhile already has them.
   */
  async reindexQueueEntries(districtCode: string, onProgress?: (done: number) => void): Promise<number> {
    let done = 0;
    let cursor: string | undefined;
    do {
      const page = await queryPage<ComplaintRecord>(this.db, this.tableName, {
        index: 'GSI2',
        partition: keys.complaintQueue(districtCode),
        cursor,
        limit: 200,
      });
      await inPool(page.items, REINDEX_CONCURRENCY, async (record) => {
        const unchanged = {
          ConditionCheck: {
            TableName: this.tableName,
            Key: keys.complaint(record.id),
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':version': record.version },
          },
        };
        const cancelled = await transact(this.db, [unchanged, ...this.queueEntryWrites(record)]);
        if (cancelled && failedConditionIndex(cancelled) !== 0) throw cancelled;
        done++;
        onProgress?.(done);
      });
      cursor = page.nextCursor;
    } while (cursor);
    return done;
  }

  /** Complaints resolved and still waiting for the complainant, whose feedback window ended before `at`. */
  async listAwaitingAutoClose(districtCode: string, at: string): Promise<ComplaintRecord[]> {
    return queryEvery<ComplaintRecord>(this.db, this.tableName, {
      index: 'GSI3',
      partition: keys.complaintQueue(districtCode, { status: 'resolved' }),
      filter: { expression: '#feedbackBy < :at', names: { '#feedbackBy': 'feedbackBy' }, values: { ':at': at } },
    });
  }
}
