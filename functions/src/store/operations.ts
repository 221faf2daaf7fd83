/**
 * Small table operations every repository needs: conditional writes and transactions that report a
 * failed condition instead of throwing it, reads that page through a query, batched gets, and items
 * without their key attributes.
 */
import { type Backoff, retryDelayMs, sleep } from '../lib/backoff';
import { inGroups } from '../lib/pool';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  UpdateCommand,
  QueryCommand,
  type BatchGetCommandOutput,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'expiresAt']);

export function stripKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;
}

/** The next number of a counter (atomic `ADD`): numbers never repeat, and may have gaps (one taken by a request that then failed). */
export async function nextInSequence(db: DynamoDBDocumentClient, tableName: string, key: { pk: string; sk: string }): Promise<number> {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: 'ADD #seq :one SET entity = :entity',
      ExpressionAttributeNames: { '#seq': 'seq' },
      ExpressionAttributeValues: { ':one': 1, ':entity': 'Counter' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Attributes?.seq as number;
}

/** Runs a conditional write; undefined when its condition failed, so callers decide what that means. */
export async function unlessConditionFails<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
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

const MAX_TRANSACTION_ITEMS = 100;

/** Writes grouped into as few transactions (of at most 100 items) as they fit; each write's items stay together. */
export function packTransactions<T extends { items: TransactItems }>(writes: readonly T[]): T[][] {
  const groups: T[][] = [];
  let size = Number.POSITIVE_INFINITY;
  for (const write of writes) {
    if (size + write.items.length > MAX_TRANSACTION_ITEMS) {
      groups.push([]);
      size = 0;
    }
    groups[groups.length - 1].push(write);
    size += write.items.length;
  }
  return groups;
}

/** A transaction's put of an item that stands only if nobody wrote it since the version the writer read. */
export function putIfVersion(tableName: string, item: Record<string, unknown>, expectedVersion: number): TransactItems[number] {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } } };
}

/** Index of the first item whose condition failed in a cancelled transaction. */
export function failedConditionIndex(cancelled: TransactionCanceledException): number {
  return cancelled.CancellationReasons?.findIndex((reason) => reason.Code === 'ConditionalCheckFailed') ?? -1;
}

/** Every item a query matches, page after page; with `limit`, only that many. */
export async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput, limit = Infinity): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const room = limit - items.length;
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey, ...(room < Infinity ? { Limit: room } : {}) }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return items;
}

/** Every item of one partition (an entity and its collection share a partition). */
export function queryPartition(db: DynamoDBDocumentClient, tableName: string, pk: string, consistent = true): Promise<Record<string, unknown>[]> {
  return queryAll(db, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: consistent });
}

/** The items of one partition whose sort key starts with `prefix`, in sort-key order (or newest first). */
export function queryPrefix(
  db: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  prefix: string,
  options: { newestFirst?: boolean; limit?: number } = {},
): Promise<Record<string, unknown>[]> {
  return queryAll(
    db,
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ScanIndexForward: !options.newestFirst,
    },
    options.limit,
  );
}

const BATCH_GET_LIMIT = 100;
/** Unprocessed keys (throttling) are asked for again on the shared schedule: about 50 ms first, at most 1 s. */
const UNPROCESSED_KEYS_BACKOFF: Backoff = { retries: 9, firstDelayMs: 50, maxDelayMs: 1000 };

/** Gets items by key in batches of 100, retrying unprocessed keys; missing items are absent from the answer. */
export async function batchGet(db: DynamoDBDocumentClient, tableName: string, keyList: Array<{ pk: string; sk: string }>): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (const group of inGroups(keyList, BATCH_GET_LIMIT)) {
    let pending: Array<Record<string, unknown>> | undefined = group;
    for (let retry = 0; pending && pending.length > 0; retry++) {
      if (retry > UNPROCESSED_KEYS_BACKOFF.retries) throw new Error(`BatchGet left ${pending.length} keys unprocessed`);
      if (retry > 0) await sleep(retryDelayMs(UNPROCESSED_KEYS_BACKOFF, retry));
      const answer: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      found.push(...(answer.Responses?.[tableName] ?? []));
      pending = answer.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
}
