import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import { keys } from '../store/keys';

const RETENTION_SECONDS = 180 * 24 * 60 * 60;
const LIST_LIMIT = 50;

export class NotificationRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Idempotent: a redelivered stream record writes nothing new. */
  async add(userId: string, notification: NotificationViewT): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.notification(userId, notification.id),
            entity: 'Notification',
            ...notification,
            expiresAt: Math.floor(Date.parse(notification.at) / 1000) + RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async latest(userId: string): Promise<NotificationViewT[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.user(userId).pk, ':prefix': keys.notificationPrefix },
        ScanIndexForward: false,
        Limit: LIST_LIMIT,
      }),
    );
    return (Items ?? []).map(({ id, at, complaintId, trackingNumber, status, source, action, read }) => ({
      id,
      at,
      complaintId,
      trackingNumber,
      status,
      source,
      action,
      read,
    }));
  }

  async markRead(userId: string, ids: string[]): Promise<number> {
    const results = await Promise.all(
      ids.map(async (id) => {
        try {
          await this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: keys.notification(userId, id),
              UpdateExpression: 'SET #read = :true',
              ConditionExpression: 'attribute_exists(pk) AND #read = :false',
              ExpressionAttributeNames: { '#read': 'read' },
              ExpressionAttributeValues: { ':true': true, ':false': false },
            }),
          );
          return 1;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) return 0;
          throw error;
        }
      }),
    );
    return results.reduce<number>((sum, n) => sum + n, 0);
  }
}
