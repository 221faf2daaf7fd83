/**
 * Operator links in the table: which accounts run which source. A link is stored under the user
 * (my sources, am I this source's operator) and in the source's partition (its operators), and
 * leaves an event on the source's timeline, in one transaction. Access pattern 27.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { failedConditionIndex, transact, type TransactItems } from '../store/operations';
import { getItem, queryPage } from '../store/queries';
import { eventItem, operatorLinkItems } from './items';
import type { OperatorLinkRecord, SourceEventRecord } from './records';

export class OperatorLinkRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isOperator(userId: string, sourceId: string): Promise<boolean> {
    return (await getItem(this.db, this.tableName, keys.operatedSource(userId, sourceId))) !== undefined;
  }

  /** The accounts operating a source (a key query on its partition, not the whole collection). */
  async operatorIds(sourceId: string): Promise<string[]> {
    const { items } = await queryPage<OperatorLinkRecord>(this.db, this.tableName, {
      partition: keys.sourceCollection(sourceId),
      prefix: keys.sourceOperatorPrefix,
    });
    return items.map((link) => link.userId);
  }

  async operatedSourceIds(userId: string): Promise<string[]> {
    const { items } = await queryPage<OperatorLinkRecord>(this.db, this.tableName, { partition: keys.user(userId).pk, prefix: keys.operatedSourcePrefix });
    return items.map((link) => link.sourceId);
  }

  /** The transaction items of a new link with its timeline event; the first fails when already linked. */
  linkItems(link: OperatorLinkRecord, event: SourceEventRecord): TransactItems {
    const { underUser, underSource } = operatorLinkItems(link);
    return [
      { Put: { TableName: this.tableName, Item: underUser, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: underSource } },
      { Put: { TableName: this.tableName, Item: eventItem(event) } },
    ];
  }

  /** Links an operator to a source with its timeline event; false when already linked. */
  async link(link: OperatorLinkRecord, event: SourceEventRecord): Promise<boolean> {
    const cancelled = await transact(this.db, this.linkItems(link, event));
    if (!cancelled) return true;
    if (failedConditionIndex(cancelled) === 0) return false;
    throw cancelled;
  }

  /** Unlinks an operator from a source with its timeline event; false when they were not linked. */
  async unlink(sourceId: string, userId: string, event: SourceEventRecord): Promise<boolean> {
    const cancelled = await transact(this.db, [
      { Delete: { TableName: this.tableName, Key: keys.operatedSource(userId, sourceId), ConditionExpression: 'attribute_exists(pk)' } },
      { Delete: { TableName: this.tableName, Key: keys.sourceOperator(sourceId, userId) } },
      { Put: { TableName: this.tableName, Item: eventItem(event) } },
    ]);
    if (!cancelled) return true;
    if (failedConditionIndex(cancelled) === 0) return false;
    throw cancelled;
  }
}
