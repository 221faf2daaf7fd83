/**
 * Reads by key, as every repository makes them: one item by its key; one page of a partition of
 * the table or of an index (optionally a sort-key prefix, newest first, a filter that narrows the
 * page, and a client's cursor checked to come from the same list); the size of a partition. Pages
 * over several partitions read as one list are in `merged-pages.ts`.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { queryAll, stripKeys } from './operations';
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
  /**
   * Only sort keys after this (a moving bound such as now: the list, which a cursor is bound to, is
   * still the partition, and a cursor's start key lies after any earlier bound).
   */
  after?: string;
  newestFirst?: boolean;
  limit?: number;
  /** A client's cursor; refused unless this table issued it for this list (index, partition, prefix). */
  cursor?: string;
  /** Narrows the page read by key (never widens it). */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, NativeAttributeValue> };
  /** Only these attributes of each item (dotted paths name nested ones), besides its keys: for reads of many items that need little of each. */
  attributes?: readonly string[];
}

export function keyNames(index: IndexName | undefined): { partitionKey: string; sortKey: string } {
  return (index && TABLE_DEFINITION.globalIndexes.find((candidate) => candidate.indexName === index)) || TABLE_DEFINITION;
}

/** A projection of `attributes` and every key attribute (a page goes on from its last item's keys), with its names. */
function projection(attributes: readonly string[], index: IndexName | undefined): { expression: string; names: Record<string, string> } {
  const { partitionKey, sortKey } = keyNames(index);
  const paths = [...new Set([TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey, partitionKey, sortKey, ...attributes])];
  const names: Record<string, string> = {};
  const expression = paths
    .map((path) =>
      path
        .split('.')
        .map((name) => {
          const placeholder = `#p${Object.keys(names).length}`;
          names[placeholder] = name;
          return placeholder;
        })
        .join('.'),
    )
    .join(', ');
  return { expression, names };
}

function queryInput(tableName: string, query: PartitionQuery) {
  const { partitionKey, sortKey } = keyNames(query.index);
  const projected = query.attributes && projection(query.attributes, query.index);
  const names = { ...query.filter?.names, ...projected?.names };
  const sortCondition = query.prefix ? ` AND begins_with(${sortKey}, :prefix)` : query.after !== undefined ? ` AND ${sortKey} > :after` : '';
  return {
    TableName: tableName,
    ...(query.index ? { IndexName: query.index } : {}),
    KeyConditionExpression: `${partitionKey} = :pk${sortCondition}`,
    ExpressionAttributeValues: {
      ':pk': query.partition,
      ...(query.prefix ? { ':prefix': query.prefix } : query.after !== undefined ? { ':after': query.after } : {}),
      ...query.filter?.values,
    },
    ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
    ...(projected ? { ProjectionExpression: projected.expression } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(query.newestFirst ? { ScanIndexForward: false } : {}),
  };
}

/** Items a filtered read examines per request at most; a page it leaves short carries a cursor to read on from. */
export const FILTERED_READ_CAP = 1000;
const FILTERED_READ_CHUNK = 250;

/** The key a read goes on from after this item: the table's keys and the index's. */
function keyOf(item: Record<string, NativeAttributeValue>, index: IndexName | undefined): Record<string, NativeAttributeValue> {
  const { partitionKey, sortKey } = keyNames(index);
  const names = new Set([TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey, partitionKey, sortKey]);
  return Object.fromEntries([...names].map((name) => [name, item[name]]));
}

/**
 * One page of a partition, its items without their key attributes. Without a filter, one request
 * of `limit` items. A filter can leave that short, so a filtered read goes on in larger reads until
 * the page is full or the partition ends, examining at most `FILTERED_READ_CAP` items: its page is
 * full, or the end, or (only when the cap was hit) short with a cursor.
 */
export async function queryPage<T>(db: DynamoDBDocumentClient, tableName: string, query: PartitionQuery): Promise<{ items: T[]; nextCursor?: string }> {
  const input = queryInput(tableName, query);
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const items: Record<string, NativeAttributeValue>[] = [];
  const list = { index: query.index, partition: query.partition, prefix: query.prefix };
  let startKey = await decodeCursor(db, tableName, list, query.cursor);
  let examined = 0;
  const page = async (next: Record<string, NativeAttributeValue> | undefined) => ({
    items: items.map((item) => stripKeys<T>(item)),
    nextCursor: await encodeCursor(db, tableName, list, next),
  });
  do {
    const read = query.filter ? Math.min(FILTERED_READ_CHUNK, FILTERED_READ_CAP - examined) : query.limit;
    const answer = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey, ...(read ? { Limit: read } : {}) }));
    examined += answer.ScannedCount ?? 0;
    const found = answer.Items ?? [];
    for (const [i, item] of found.entries()) {
      items.push(item);
      // Full: go on after this item, or where the read stopped if it was the read's last.
      if (items.length === limit) return page(i === found.length - 1 ? answer.LastEvaluatedKey : keyOf(item, query.index));
    }
    startKey = answer.LastEvaluatedKey;
  } while (query.filter && startKey && examined < FILTERED_READ_CAP);
  return page(startKey);
}

/** Every item of a partition (or of a sort-key prefix in it), page after page: for reads bounded by what the partition is, not for lists. */
export async function queryEvery<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  query: Pick<PartitionQuery, 'index' | 'partition' | 'prefix'>,
): Promise<T[]> {
  return (await queryAll(db, queryInput(tableName, query))).map((item) => stripKeys<T>(item));
}

/** Every item of a partition whose sort key lies between `from` and `to` (inclusive): for reads bounded by the range (a month of one person's items). */
export async function queryBetween<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  query: Pick<PartitionQuery, 'index' | 'partition'> & { from: string; to: string },
): Promise<T[]> {
  const { partitionKey, sortKey } = keyNames(query.index);
  const items = await queryAll(db, {
    TableName: tableName,
    ...(query.index ? { IndexName: query.index } : {}),
    KeyConditionExpression: `${partitionKey} = :pk AND ${sortKey} BETWEEN :from AND :to`,
    ExpressionAttributeValues: { ':pk': query.partition, ':from': query.from, ':to': query.to },
  });
  return items.map((item) => stripKeys<T>(item));
}

/**
 * How many items a list holds (a partition, optionally a sort-key prefix or the keys below `before`),
 * counted up to `cap`: a request's cost stays bounded by the cap, whatever the list holds. `more`
 * when there are more than `cap`.
 */
export async function countUpTo(
  db: DynamoDBDocumentClient,
  tableName: string,
  query: Pick<PartitionQuery, 'index' | 'partition'> &
    (
      | { prefix?: string; before?: never; after?: never }
      | { prefix?: never; before?: string; after?: never }
      | { prefix?: never; before?: never; after?: string }
    ),
  cap: number,
): Promise<{ count: number; more: boolean }> {
  const input = queryInput(tableName, query);
  const bounded = query.before
    ? {
        ...input,
        KeyConditionExpression: `${input.KeyConditionExpression} AND ${keyNames(query.index).sortKey} < :before`,
        ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':before': query.before },
      }
    : input;
  let total = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...bounded, Select: 'COUNT', Limit: cap + 1 - total, ExclusiveStartKey: startKey }));
    total += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey && total <= cap);
  return { count: Math.min(total, cap), more: total > cap };
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
