/**
 * Copies items from a table restored from a backup (point-in-time recovery or AWS Backup) into the
 * live table: the partitions named, or every item. By default only items the live table no longer
 * has are written (a conditional put), so nothing written since the backup is overwritten; with
 * `overwrite`, every copied item replaces the live one. The writes reach the table stream like any
 * other, and every consumer acts on them idempotently (docs/architecture.md, "Background work and
 * faults"). docs/runbook.md, "Restore from backup", says when to use which.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inPool } from '../../functions/src/lib/pool';
import { queryPartition } from '../../functions/src/store/operations';
import { TABLE_DEFINITION } from '../../functions/src/store/table-definition';

export interface RestoreItemsOptions {
  /** The restored table (read only). */
  from: string;
  /** The live table. */
  to: string;
  /** Partition keys (`pk`) to copy; every item when absent. */
  partitions?: readonly string[];
  overwrite?: boolean;
  /** Count what would be written, write nothing. */
  dryRun?: boolean;
  onProgress?: (report: RestoreReport) => void;
}

export interface RestoreReport {
  /** Items read from the restored table. */
  read: number;
  /** Items written (or, in a dry run, that would be) into the live table. */
  written: number;
  /** Items the live table already had, left as they are. */
  kept: number;
}

const WRITES_IN_FLIGHT = 16;

/** Every item of the restored table, a page at a time (an operator's one-off read of a table nobody else uses). */
async function* everyItem(db: DynamoDBDocumentClient, table: string): AsyncGenerator<Record<string, unknown>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

async function* partitionItems(db: DynamoDBDocumentClient, table: string, partitions: readonly string[]): AsyncGenerator<Record<string, unknown>[]> {
  for (const partition of partitions) yield await queryPartition(db, table, partition);
}

const keyOf = (item: Record<string, unknown>) => ({
  [TABLE_DEFINITION.partitionKey]: item[TABLE_DEFINITION.partitionKey],
  [TABLE_DEFINITION.sortKey]: item[TABLE_DEFINITION.sortKey],
});

/** Whether the item is written into the live table: when it lacks the item, or always with `overwrite` (a dry run only looks). */
async function restoreOne(db: DynamoDBDocumentClient, options: RestoreItemsOptions, item: Record<string, unknown>): Promise<boolean> {
  if (options.dryRun) return options.overwrite || !(await db.send(new GetCommand({ TableName: options.to, Key: keyOf(item) }))).Item;
  const onlyIfMissing = { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE_DEFINITION.partitionKey } };
  try {
    await db.send(new PutCommand({ TableName: options.to, Item: item, ...(options.overwrite ? {} : onlyIfMissing) }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function restoreItems(db: DynamoDBDocumentClient, options: RestoreItemsOptions): Promise<RestoreReport> {
  const report: RestoreReport = { read: 0, written: 0, kept: 0 };
  const pages = options.partitions ? partitionItems(db, options.from, options.partitions) : everyItem(db, options.from);
  for await (const items of pages) {
    report.read += items.length;
    await inPool(items, WRITES_IN_FLIGHT, async (item) => {
      if (await restoreOne(db, options, item)) report.written++;
      else report.kept++;
    });
    options.onProgress?.(report);
  }
  return report;
}
