/**
 * Operator links in the table: which accounts run which source. A link is stored under the user
 * (my sources, am I this source's operator) and in the source's partition (its operators), and
 * leaves an event on the source's timeline, in one transaction. Access pattern 27.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { failedConditionIndex, transact, type TransactItems } from '../store/operations';
import { eventItem, operatorLinkItems } from './items';
import type { OperatorLinkRecord, SourceEventRecord } from './records';

export class OperatorLinkRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isOperator(userId: string, sourceId: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.operatedSource(userId, sourceId) }));
    return Boolean(Item);
  }

  /** The accounts operating a source (a key query on its partition, not the whole collection). */
  async operatorIds(sourceId: string): Promise<string[]> {
    const items = await this.queryPrefix(keys.sourceCollection(sourceId), keys.sourceOperatorPrefix);
    return items.map((item) => item.userId as string);
  }

  async operatedSourceIds(userId: string): Promise<string[]> {
    const items = await this.queryPrefix(keys.user(userId).pk, keys.operatedSourcePrefix);
    return items.map((item) => item.sourceId as string);
  }

  private async queryPrefix(partition: string, prefix: string) {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
      }),
    );
    return Items ?? [];
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
