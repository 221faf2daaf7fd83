/**
 * Links between complaints and the sources they are about. The link lives in the complaint's
 * partition (so a complaint knows its sources) and leaves an event on the source's timeline, in
 * one transaction; a complaint is linked to a source at most once, except that an unsubstantiated
 * link may later be found substantiated (once the complaint has been handled).
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

  /** False when the complaint is already linked to the source (as substantiated, or at all when this link is not). */
  async link(complaintId: string, sourceId: string, event: SourceEventRecord): Promise<boolean> {
    const substantiated = event.complaint?.substantiated === true;
    const cancelled = await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: complaintSourceLinkItem(complaintId, sourceId, event.at, substantiated),
          ...(substantiated
            ? { ConditionExpression: 'attribute_not_exists(pk) OR substantiated = :no', ExpressionAttributeValues: { ':no': false } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      { ConditionCheck: { TableName: this.tableName, Key: keys.source(sourceId), ConditionExpression: 'attribute_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: eventItem(event) } },
    ]);
    if (!cancelled) return true;
    if (failedConditionIndex(cancelled) === 0) return false;
    throw cancelled;
  }

  /** The sources the complaint is linked to, each with whether it was found substantiated there. */
  async linkedSources(complaintId: string): Promise<Map<string, boolean>> {
    const { items } = await queryPage<{ sourceId: string; substantiated?: boolean }>(this.db, this.tableName, {
      partition: keys.complaintCollection(complaintId),
      prefix: keys.complaintSourceLinkPrefix,
    });
    return new Map(items.map((link) => [link.sourceId, link.substantiated === true]));
  }
}
