/**
 * Reads by key, as every repository makes them: one item by its key; one page of a partition of
 * the table or of an index (optionally a sort-key prefix, newest first, a filter that narrows the
 * page, and a client's cursor checked to come from the same list); the size of a partition.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { stripKeys } from './operations';
import { decodeCursor, encodeCursor } from './pagination';
import { TABLE_DEFINITION, type IndexName } from './table-definition';

/** An item without its key attributes, or undefined when there is none. */
export async function getItem<T>(db: DynamoDBDocumentClient, tableName: string, key: { pk: string; sk: string }, consistent = false): Promise<T | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key, ...(consistent ? { ConsistentRead: true } : {}) }));
  return Item ? stripKeys<T>(Item) : undefined;
}

export interface PartitionQuery {
  /** An index; the table's own keys when absent. */
  index?: IndexName;
  partition: string;
  /** Only sort keys beginning with this. */
  prefix?: string;
  newestFirst?: boolean;
  limit?: number;
  /** A client's cursor; refused unless this table issued it for this list (index, partition, prefix). */
  cursor?: string;
  /** Narrows the page read by key (never widens it). */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, NativeAttributeValue> };
}

function keyNames(index: IndexName | undefined): { partitionKey: string; sortKey: string } {
  return (index && TABLE_DEFINITION.globalIndexes.find((candidate) => candidate.indexName === index)) || TABLE_DEFINITION;
}

function queryInput(tableName: string, query: PartitionQuery) {
  const { partitionKey, sortKey } = keyNames(query.index);
  return {
    TableName: tableName,
    ...(query.index ? { IndexName: query.index } : {}),
    KeyConditionExpression: query.prefix ? `${partitionKey} = :pk AND begins_with(${sortKey}, :prefix)` : `${partitionKey} = :pk`,
    ExpressionAttributeValues: { ':pk': query.partition, ...(query.prefix ? { ':prefix': query.prefix } : {}), ...query.filter?.values },
    ...(query.filter ? { FilterExpression: query.filter.expression, ExpressionAttributeNames: query.filter.names } : {}),
    ...(query.newestFirst ? { ScanIndexForward: false } : {}),
  };
}

/** One page of a partition, its items without their key attributes. */
export async function queryPage<T>(db: DynamoDBDocumentClient, tableName: string, query: PartitionQuery): Promise<{ items: T[]; nextCursor?: string }> {
  const list = { index: query.index, partition: query.partition, prefix: query.prefix };
  const page = await db.send(
    new QueryCommand({
      ...queryInput(tableName, query),
      ...(query.cursor ? { ExclusiveStartKey: await decodeCursor(db, tableName, list, query.cursor) } : {}),
      ...(query.limit ? { Limit: query.limit } : {}),
    }),
  );
  return { items: (page.Items ?? []).map((item) => stripKeys<T>(item)), nextCursor: await encodeCursor(db, tableName, list, page.LastEvaluatedKey) };
}

/** How many items a partition holds (every page counted; for progress reports, not for requests). */
export async function countPartition(db: DynamoDBDocumentClient, tableName: string, query: Pick<PartitionQuery, 'index' | 'partition'>): Promise<number> {
  let total = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...queryInput(tableName, query), Select: 'COUNT', ExclusiveStartKey: startKey }));
    total += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return total;
}
