/**
 * Users' in-app notifications. Every context that tells someone something writes here (complaint
 * events, a source's changes and overdue items); the notifications context lists and marks them.
 */
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import { keys } from './keys';
import { queryPrefix, unlessConditionFails } from './operations';

const RETENTION_SECONDS = 180 * 24 * 60 * 60;
const LIST_LIMIT = 50;

export class NotificationRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Idempotent: a redelivered stream record writes nothing new. */
  async add(userId: string, notification: NotificationViewT): Promise<void> {
    await unlessConditionFails(
      this.db.send(
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
      ),
    );
  }

  async latest(userId: string): Promise<NotificationViewT[]> {
    const items = await queryPrefix(this.db, this.tableName, keys.user(userId).pk, keys.notificationPrefix, { newestFirst: true, limit: LIST_LIMIT });
    return items.map(({ id, at, complaintId, trackingNumber, status, source, action, deadline, subject, read }) => ({
      id,
      at,
      complaintId,
      trackingNumber,
      status,
      source,
      action,
      deadline,
      subject,
      read,
    })) as NotificationViewT[];
  }

  /** Marks the user's unread notifications among `ids` read; returns how many changed. */
  async markRead(userId: string, ids: string[]): Promise<number> {
    const marked = await Promise.all(
      ids.map((id) =>
        unlessConditionFails(
          this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: keys.notification(userId, id),
              UpdateExpression: 'SET #read = :true',
              ConditionExpression: 'attribute_exists(pk) AND #read = :false',
              ExpressionAttributeNames: { '#read': 'read' },
              ExpressionAttributeValues: { ':true': true, ':false': false },
            }),
          ),
        ),
      ),
    );
    return marked.filter(Boolean).length;
  }
}
