/**
 * Small table operations every repository needs: transactions that report cancellations instead of
 * throwing them, whole-partition reads, batched gets, and items without their key attributes.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  QueryCommand,
  type BatchGetCommandOutput,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'expiresAt']);

export function stripKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;
}

/** Runs a transaction; returns the cancellation when a condition failed, so callers decide what it means. */
export async function transact(db: DynamoDBDocumentClient, items: TransactItems): Promise<TransactionCanceledException | undefined> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return undefined;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return error;
    throw error;
  }
}

/** Index of the first item whose condition failed in a cancelled transaction. */
export function failedConditionIndex(cancelled: TransactionCanceledException): number {
  return cancelled.CancellationReasons?.findIndex((reason) => reason.Code === 'ConditionalCheckFailed') ?? -1;
}

/** Every item of one partition (an entity and its collection share a partition). */
export async function queryPartition(db: DynamoDBDocumentClient, tableName: string, pk: string, consistent = true): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: startKey,
        ConsistentRead: consistent,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const BATCH_GET_LIMIT = 100;

/** Gets items by key in batches of 100, retrying unprocessed keys; missing items are absent from the answer. */
export async function batchGet(db: DynamoDBDocumentClient, tableName: string, keyList: Array<{ pk: string; sk: string }>): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keyList.length; start += BATCH_GET_LIMIT) {
    let pending: Array<Record<string, unknown>> | undefined = keyList.slice(start, start + BATCH_GET_LIMIT);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const answer: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      found.push(...(answer.Responses?.[tableName] ?? []));
      pending = answer.UnprocessedKeys?.[tableName]?.Keys;
      if (attempt > 8 && pending?.length) throw new Error(`BatchGet left ${pending.length} keys unprocessed`);
    }
  }
  return found;
}
