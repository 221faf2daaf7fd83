/**
 * Complaints, their events and tracking numbers in the table.
 */
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { COMPLAINT_EVENT_PREFIX, keys } from '../store/keys';
import { failedConditionIndex, queryAll, queryPartition, stripKeys, transact, type TransactItems } from '../store/operations';
import { decodeCursor, encodeCursor } from '../store/pagination';
import type { IndexName } from '../store/table-definition';
import type { ComplaintEventRecord, ComplaintRecord } from './records';

const PAGE_SIZE = 20;
const MAX_QUERY_ROUNDS = 10;

/** A complaint with its whole timeline, oldest event first. */
export interface ComplaintWithEvents {
  record: ComplaintRecord;
  events: ComplaintEventRecord[];
}

export interface ComplaintFilter {
  status?: string;
  type?: string;
  overdueAt?: string;
}

export type QueueScope = { kind: 'district' } | { kind: 'street'; streetCode: string };

function indexAttributes(record: ComplaintRecord) {
  return {
    gsi1pk: keys.byComplainant(record.complainantId),
    gsi1sk: record.submittedAt,
    gsi2pk: keys.districtQueue(record.districtCode),
    gsi2sk: `${record.submittedAt}#${record.id}`,
    gsi3pk: keys.districtStatusQueue(record.districtCode, record.status),
    gsi3sk: record.submittedAt,
    gsi4pk: keys.streetQueue(record.districtCode, record.streetCode),
    gsi4sk: record.submittedAt,
  };
}

const OPEN_STATUSES = ['accepted', 'assigned', 'in_progress', 'reopened'];

export class ComplaintRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async nextTrackingSequence(districtCode: string, year: number): Promise<number> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.trackingCounter(districtCode, year),
        UpdateExpression: 'ADD #seq :one SET entity = :entity',
        ExpressionAttributeNames: { '#seq': 'seq' },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'Counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Attributes!.seq as number;
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
          Item: this.complaintItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: this.eventItem(event) } },
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

  private complaintItem(record: ComplaintRecord) {
    return { ...keys.complaint(record.id), entity: 'Complaint', ...record, ...indexAttributes(record) };
  }

  private eventItem(event: ComplaintEventRecord) {
    return { ...keys.complaintEvent(event.complaintId, event.at, event.eventId), entity: 'ComplaintEvent', ...event };
  }

  /** The complaint and its whole timeline in one query (they share a partition). */
  async getWithEvents(id: string): Promise<ComplaintWithEvents | undefined> {
    const items = await queryPartition(this.db, this.tableName, keys.complaintCollection(id));
    const complaint = items.find((item) => item.sk === 'COMPLAINT');
    if (!complaint) return undefined;
    const events = items.filter((item) => String(item.sk).startsWith(COMPLAINT_EVENT_PREFIX)).map((item) => stripKeys<ComplaintEventRecord>(item));
    return { record: stripKeys<ComplaintRecord>(complaint), events };
  }

  async idByTrackingNumber(trackingNumber: string): Promise<{ complaintId: string; districtCode: string } | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.trackingNumber(trackingNumber) }));
    return Item ? { complaintId: Item.complaintId as string, districtCode: Item.districtCode as string } : undefined;
  }

  /** Replaces the complaint only if nobody changed it since `expectedVersion`, and appends the event. */
  async transition(next: ComplaintRecord, expectedVersion: number, event: ComplaintEventRecord): Promise<boolean> {
    const cancelled = await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: this.complaintItem(next),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
      { Put: { TableName: this.tableName, Item: this.eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
    return !cancelled;
  }

  async listByComplainant(userId: string, cursor: string | undefined) {
    const pk = keys.byComplainant(userId);
    return this.page({ IndexName: 'GSI1', partition: ['gsi1pk', pk], cursor });
  }

  async listQueue(districtCode: string, scope: QueueScope, filter: ComplaintFilter, cursor: string | undefined) {
    if (scope.kind === 'street') {
      return this.page({ IndexName: 'GSI4', partition: ['gsi4pk', keys.streetQueue(districtCode, scope.streetCode)], cursor, filter });
    }
    if (filter.status) {
      const { status, ...rest } = filter;
      return this.page({ IndexName: 'GSI3', partition: ['gsi3pk', keys.districtStatusQueue(districtCode, status)], cursor, filter: rest });
    }
    return this.page({ IndexName: 'GSI2', partition: ['gsi2pk', keys.districtQueue(districtCode)], cursor, filter });
  }

  /** Complaints resolved and still waiting for the complainant, whose feedback window ended before `at`. */
  async listAwaitingAutoClose(districtCode: string, at: string): Promise<ComplaintRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'GSI3',
      KeyConditionExpression: 'gsi3pk = :pk',
      FilterExpression: 'feedbackBy < :at',
      ExpressionAttributeValues: { ':pk': keys.districtStatusQueue(districtCode, 'resolved'), ':at': at },
    });
    return items.map((item) => stripKeys<ComplaintRecord>(item));
  }

  private async page(options: { IndexName: IndexName; partition: [string, string]; cursor?: string; filter?: ComplaintFilter }) {
    const [attribute, value] = options.partition;
    const names: Record<string, string> = { '#pk': attribute };
    const values: Record<string, unknown> = { ':pk': value };
    const conditions: string[] = [];
    const { status, type, overdueAt } = options.filter ?? {};
    if (status) {
      names['#status'] = 'status';
      values[':status'] = status;
      conditions.push('#status = :status');
    }
    if (type) {
      names['#category'] = 'category';
      names['#type'] = 'type';
      values[':type'] = type;
      conditions.push('#category.#type = :type');
    }
    if (overdueAt) {
      names['#status'] = 'status';
      values[':now'] = overdueAt;
      values[':submitted'] = 'submitted';
      for (const [i, open] of OPEN_STATUSES.entries()) values[`:open${i}`] = open;
      conditions.push(
        `((#status = :submitted AND acknowledgeBy < :now) OR ((#status = :submitted OR #status IN (${OPEN_STATUSES.map((_, i) => `:open${i}`).join(', ')})) AND closeBy < :now))`,
      );
    }
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: options.IndexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      FilterExpression: conditions.length ? conditions.join(' AND ') : undefined,
      ScanIndexForward: false,
    };
    const items: ComplaintRecord[] = [];
    const list = { index: options.IndexName, partition: value };
    let startKey = await decodeCursor(this.db, this.tableName, list, options.cursor);
    // A filter can leave a page short: read on until the page is full or the partition ends.
    for (let round = 0; round < MAX_QUERY_ROUNDS && items.length < PAGE_SIZE; round++) {
      const page = await this.db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey, Limit: PAGE_SIZE - items.length }));
      items.push(...(page.Items ?? []).map((item) => stripKeys<ComplaintRecord>(item)));
      startKey = page.LastEvaluatedKey;
      if (!startKey) break;
    }
    return { items, nextCursor: await encodeCursor(this.db, this.tableName, list, startKey) };
  }
}
