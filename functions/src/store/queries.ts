/**
 * Reads by key, as every repository makes them: one item by its key; one page of a partition of
 * the table or of an index (optionally a sort-key prefix, newest first, a filter that narrows the
 * page, and a client's cursor checked to come from the same list); the size of a partition. Pages
 * over several partitions read as one list are in `merged-pages.ts`.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { batchGet, queryAll, stripKeys } from './operations';
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
  /**
   * Narrows the page read by key (never widens it). It names attributes by placeholder (`#name`); of
   * an index, only attributes it projects.
   */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, NativeAttributeValue> };
  /**
   * Only these attributes of each item (dotted paths name nested ones), besides its keys: for reads
   * of many items that need little of each. Of an index, they must be ones it projects (keys and
   * TABLE_DEFINITION's `projects`), and the read then returns the index entries without reading the
   * items; without `attributes`, an index read gets the whole items by key.
   */
  attributes?: readonly string[];
}

export function keyNames(index: IndexName | undefined): { partitionKey: string; sortKey: string } {
  return (index && TABLE_DEFINITION.globalIndexes.find((candidate) => candidate.indexName === index)) || TABLE_DEFINITION;
}

type Item = Record<string, unknown>;
const tableKey = (item: Item) => `${item[TABLE_DEFINITION.partitionKey]}\u0000${item[TABLE_DEFINITION.sortKey]}`;

/**
 * The table items behind index entries, in the entries' order: indexes project only a few
 * attributes (TABLE_DEFINITION), so a read that needs whole items gets them by key, 100 to a
 * BatchGet. An entry whose item was deleted since the index was read is dropped.
 */
export async function itemsBehind(db: DynamoDBDocumentClient, tableName: string, entries: readonly Item[]): Promise<Item[]> {
  if (entries.length === 0) return [];
  const found = await batchGet(
    db,
    tableName,
    entries.map((entry) => ({ pk: String(entry[TABLE_DEFINITION.partitionKey]), sk: String(entry[TABLE_DEFINITION.sortKey]) })),
  );
  const byKey = new Map(found.map((item) => [tableKey(item), item]));
  return entries.flatMap((entry): Item[] => {
    const item = byKey.get(tableKey(entry));
    return item ? [item] : [];
  });
}

/** What a read returns of the entries it read: the items behind an index's entries, unless it named the (projected) attributes it needs. */
export function completeEntries(
  db: DynamoDBDocumentClient,
  tableName: string,
  read: { index?: IndexName; attributes?: readonly string[] },
  entries: Item[],
): Promise<Item[]> | Item[] {
  return read.index && !read.attributes ? itemsBehind(db, tableName, entries) : entries;
}

/**
 * Refuses a read or a filter of attributes an index does not hold: DynamoDB would leave them out of
 * every entry without an error, so the code reading them would see them absent (every source due)
 * and a filter would test nothing (every request open, none of the street's).
 */
export function assertProjected(index: IndexName, attributes: readonly string[]): void {
  const definition = TABLE_DEFINITION.globalIndexes.find((candidate) => candidate.indexName === index)!;
  const held = new Set<string>([TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey, definition.partitionKey, definition.sortKey, ...definition.projects]);
  const missing = attributes.filter((path) => !held.has(path.split('.')[0]));
  if (missing.length) throw new Error(`${index} does not project ${missing.join(', ')} (TABLE_DEFINITION)`);
}

/** The attributes a filter tests: its placeholders that start a path (`#credit` of `#credit.#level`). */
function filteredAttributes(filter: PartitionQuery['filter']): string[] {
  if (!filter) return [];
  return [...filter.expression.matchAll(/(?<![.\w#])#\w+/g)].map(([placeholder]) => filter.names[placeholder] ?? placeholder);
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
  if (query.index) assertProjected(query.index, [...(query.attributes ?? []), ...filteredAttributes(query.filter)]);
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
    items: (await completeEntries(db, tableName, query, items)).map((item) => stripKeys<T>(item)),
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

/**
 * Every item of a partition (or of a sort-key prefix in it, or the first `limit`), page after page,
 * with no cursor: for reads bounded by what the partition is, not for lists.
 */
export async function queryEvery<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  query: Pick<PartitionQuery, 'index' | 'partition' | 'prefix' | 'newestFirst' | 'filter' | 'attributes'>,
  limit?: number,
): Promise<T[]> {
  const entries = await queryAll(db, queryInput(tableName, query), limit);
  return (await completeEntries(db, tableName, query, entries)).map((item) => stripKeys<T>(item));
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
  return (await completeEntries(db, tableName, query, items)).map((item) => stripKeys<T>(item));
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
