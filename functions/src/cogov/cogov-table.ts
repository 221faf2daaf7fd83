/**
 * How co-governance keeps its items, one way for all: a new item with its first event (and the
 * idempotency record, and any guard items) in one transaction; a changed item, conditional on the
 * version read, with its event; the lists of items volunteers make (a street's queue of those
 * awaiting an officer, a street's all, a volunteer's own).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { failedConditionIndex, putIfVersion, transact, type TransactItems } from '../store/operations';
import { queryPage } from '../store/queries';

const PAGE_SIZE = 20;

type Item = Record<string, unknown>;

export abstract class CogovTable {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  /**
   * Writes a new item (conditional on its absence), its event, the idempotency record and `guards`
   * (items whose own conditions make the write unique): 'key-taken' when a concurrent retry with the
   * same key won, 'guarded' when a guard's condition failed.
   */
  protected async writeNew(
    item: Item,
    event: Item,
    idempotencyRecord: TransactItems[number],
    guards: TransactItems = [],
  ): Promise<'ok' | 'key-taken' | 'guarded'> {
    const cancelled = await transact(this.db, [
      idempotencyRecord,
      ...guards,
      { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: event } },
    ]);
    if (!cancelled) return 'ok';
    const failed = failedConditionIndex(cancelled);
    if (failed === 0) return 'key-taken';
    if (failed > 0 && failed <= guards.length) return 'guarded';
    throw cancelled;
  }

  /** Replaces an item only if nobody changed it since `expectedVersion`, with its events; false on a conflict. */
  protected async writeNext(item: Item, expectedVersion: number, events: Item[]): Promise<boolean> {
    const cancelled = await transact(this.db, [
      putIfVersion(this.tableName, item, expectedVersion),
      ...events.map((event) => ({ Put: { TableName: this.tableName, Item: event, ConditionExpression: 'attribute_not_exists(pk)' } })),
    ]);
    if (cancelled && failedConditionIndex(cancelled) < 0) throw cancelled;
    return !cancelled;
  }

  /** A street's queue (GSI1, sparse: the longest waiting first) or all its items (GSI3, newest first). */
  protected streetList<T>(queue: string, all: string, queued: boolean, cursor: string | undefined) {
    return queryPage<T>(
      this.db,
      this.tableName,
      queued ? { index: 'GSI1', partition: queue, cursor, limit: PAGE_SIZE } : { index: 'GSI3', partition: all, newestFirst: true, cursor, limit: PAGE_SIZE },
    );
  }

  /** One volunteer's items (GSI2), newest first. */
  protected volunteerList<T>(partition: string, cursor: string | undefined) {
    return queryPage<T>(this.db, this.tableName, { index: 'GSI2', partition, newestFirst: true, cursor, limit: PAGE_SIZE });
  }
}
