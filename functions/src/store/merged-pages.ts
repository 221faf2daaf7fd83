/**
 * A list spread over a few partitions of one index, read as one list in sort-key order: a filter
 * answered by several partitions (a credit level of any kind: one partition per kind) reads each
 * and merges them. A page reads at most `limit + 2` items of each partition, so its cost is bounded
 * by the number of partitions (the size of an enum), never by how many items they hold. Its cursor
 * is the sort key of the page's last item, signed for the list like every cursor (`pagination.ts`).
 */
import { QueryCommand, type DynamoDBDocumentClient, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { stripKeys } from './operations';
import { decodeCursor, encodeCursor, type ListIdentity } from './pagination';
import { assertProjected, completeEntries, keyNames } from './queries';
import type { IndexName } from './table-definition';

export interface MergedRead {
  index: IndexName;
  partitions: readonly string[];
  /** Only sort keys beginning with this. */
  prefix?: string;
  /** Only sort keys before this. */
  before?: string;
  newestFirst?: boolean;
  limit: number;
  cursor?: string;
  /** Only these attributes, which the index projects, without reading the items (as `PartitionQuery.attributes`). */
  attributes?: readonly string[];
}

type Item = Record<string, NativeAttributeValue>;

/** Above every string DynamoDB can hold (it orders strings by their UTF-8 bytes). */
const HIGHEST = '\u{10FFFF}';

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The list a merged cursor belongs to: its index, its partitions and its prefix (not `before`: that is "now", which moves between pages). */
function listOf(read: MergedRead): ListIdentity {
  return { index: read.index, partition: read.partitions.join('|'), prefix: read.prefix };
}

async function decodeAfter(db: DynamoDBDocumentClient, tableName: string, read: MergedRead): Promise<string | undefined> {
  const after = (await decodeCursor(db, tableName, listOf(read), read.cursor))?.after;
  if (after === undefined) return undefined;
  if (typeof after !== 'string') throw new Error('A signed merged cursor holds no sort key');
  return after;
}

/**
 * The sort-key condition of one partition's read: the list's range, from the cursor on (the cursor's
 * own item is dropped later); undefined when the range is empty (a cursor at or past `before`).
 */
function range(read: MergedRead, after: string | undefined): { condition?: string; values: Item } | undefined {
  if (after === undefined) {
    if (read.prefix) return { condition: 'begins_with(#sk, :prefix)', values: { ':prefix': read.prefix } };
    if (read.before) return { condition: '#sk < :before', values: { ':before': read.before } };
    return { values: {} };
  }
  if (read.newestFirst)
    return read.prefix
      ? { condition: '#sk BETWEEN :prefix AND :after', values: { ':prefix': read.prefix, ':after': after } }
      : { condition: '#sk <= :after', values: { ':after': after } };
  // Reading up from the cursor, the range's upper end still applies (BETWEEN includes `before`
  // itself; `beyond` drops it).
  const end = read.prefix ? read.prefix + HIGHEST : read.before;
  if (end !== undefined && byteOrder(after, end) > 0) return undefined;
  return end !== undefined
    ? { condition: '#sk BETWEEN :after AND :end', values: { ':after': after, ':end': end } }
    : { condition: '#sk >= :after', values: { ':after': after } };
}

/** Up to `wanted` items of one partition, in sort-key order. */
async function readPartition(db: DynamoDBDocumentClient, tableName: string, read: MergedRead, partition: string, after: string | undefined, wanted: number) {
  const { partitionKey, sortKey } = keyNames(read.index);
  const bounds = range(read, after);
  if (!bounds) return [];
  const { condition, values } = bounds;
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const answer = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: read.index,
        KeyConditionExpression: condition ? `#pk = :pk AND ${condition}` : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': partitionKey, ...(condition ? { '#sk': sortKey } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...values },
        ScanIndexForward: !read.newestFirst,
        Limit: wanted - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(answer.Items ?? []));
    startKey = answer.LastEvaluatedKey;
  } while (startKey && items.length < wanted);
  return items;
}

export async function mergedPage<T>(db: DynamoDBDocumentClient, tableName: string, read: MergedRead): Promise<{ items: T[]; nextCursor?: string }> {
  const { sortKey } = keyNames(read.index);
  if (read.attributes) assertProjected(read.index, read.attributes);
  const after = await decodeAfter(db, tableName, read);
  // One more than the page tells whether more follow; one more again in case the cursor's own item is among them.
  const wanted = read.limit + 2;
  const partitions = await Promise.all(read.partitions.map((partition) => readPartition(db, tableName, read, partition, after, wanted)));
  const direction = read.newestFirst ? -1 : 1;
  const beyond = (item: Item) => read.before !== undefined && byteOrder(item[sortKey], read.before) >= 0;
  const merged = partitions
    .flat()
    .filter((item) => item[sortKey] !== after && !beyond(item))
    .sort((a, b) => direction * byteOrder(a[sortKey], b[sortKey]));
  const items = merged.slice(0, read.limit);
  const nextCursor = merged.length > read.limit ? await encodeCursor(db, tableName, listOf(read), { after: items.at(-1)![sortKey] }) : undefined;
  return { items: (await completeEntries(db, tableName, read, items)).map((item) => stripKeys<T>(item)), nextCursor };
}
