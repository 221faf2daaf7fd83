/**
 * Links between complaints and the sources they are about. The link lives in the complaint's
 * partition (so a complaint knows its sources) and leaves an event on the source's timeline, in
 * one transaction; a complaint is linked to a source at most once.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { failedConditionIndex, transact } from '../store/operations';
import { getItem, queryPage } from '../store/queries';
import type { ComplaintRecord } from '../complaints/records';
import { complaintSourceLinkItem, eventItem } from './items';
import type { SourceEventRecord } from './records';

export class ComplaintLinks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The complaint as stored (read directly: the registry needs no more of the complaints context). */
  get(complaintId: string): Promise<ComplaintRecord | undefined> {
    return getItem<ComplaintRecord>(this.db, this.tableName, keys.complaint(complaintId));
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
    const { items } = await queryPage<{ sourceId: string }>(this.db, this.tableName, {
      partition: keys.complaintCollection(complaintId),
      prefix: keys.complaintSourceLinkPrefix,
    });
    return new Set(items.map((link) => link.sourceId));
  }
}
