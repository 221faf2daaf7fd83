/**
 * Links between complaints and the sources they are about. The link lives in the complaint's
 * partition (so a complaint knows its sources) and leaves an event on the source's timeline, in
 * one transaction; a complaint is linked to a source at most once.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { failedConditionIndex, stripKeys, transact } from '../store/operations';
import type { ComplaintRecord } from '../complaints/records';
import { complaintSourceLinkItem, eventItem } from './items';
import type { SourceEventRecord } from './records';

export class ComplaintLinks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The complaint as stored (read directly: the registry needs no more of the complaints context). */
  async get(complaintId: string): Promise<ComplaintRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.complaint(complaintId) }));
    return Item ? stripKeys<ComplaintRecord>(Item) : undefined;
  }

  /** False when the complaint is already linked to the source. */
  async link(complaintId: string, sourceId: string, event: SourceEventRecord): Promise<boolean> {
    const cancelled = await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: complaintSourceLinkItem(complaintId, sourceId, event.at),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { ConditionCheck: { TableName: this.tableName, Key: keys.source(sourceId), ConditionExpression: 'attribute_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: eventItem(event) } },
    ]);
    if (!cancelled) return true;
    if (failedConditionIndex(cancelled) === 0) return false;
    throw cancelled;
  }

  async linkedSourceIds(complaintId: string): Promise<Set<string>> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.complaintCollection(complaintId), ':prefix': keys.complaintSourceLinkPrefix },
      }),
    );
    return new Set((Items ?? []).map((item) => item.sourceId as string));
  }
}
