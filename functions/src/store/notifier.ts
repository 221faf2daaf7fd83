/**
 * Telling a user something: the in-app notification (always), and a WeChat subscribe message when
 * its action has a configured template, the user signed in through WeChat (their openid) and
 * consented to that template (one message per consent, counted here: WeChat reports none). Every
 * step is idempotent by the notification's id, so a redelivered event stores one notification and
 * spends at most one consent; a message whose send fails after its consent was spent is not retried.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import { fitField, SUBSCRIBE_TEMPLATES, templateFor, type SubscribeTemplate } from '@green-shield/shared/notifications/subscribe-templates';
import { localDateTime } from '@green-shield/shared/rules/legal-periods';
import type { SubscribeMessageSender } from '../lib/subscribe-messages';
import { keys } from './keys';
import type { NotificationRepository } from './notifications';
import { transact } from './operations';
import type { UserDirectory } from './user-directory';

const SENT_MARKER_TTL_SECONDS = 30 * 24 * 60 * 60;

export class SubscribeConsents {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Counts one consent for each template the user agreed to (templates not configured are ignored); how many were counted. */
  async record(userId: string, templateKeys: readonly string[]): Promise<number> {
    const known = [...new Set(templateKeys)].filter((key) => Object.hasOwn(SUBSCRIBE_TEMPLATES, key));
    await Promise.all(
      known.map((key) =>
        this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.subscribeConsent(userId, key),
            UpdateExpression: 'ADD #count :one SET entity = :entity',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':one': 1, ':entity': 'SubscribeConsent' },
          }),
        ),
      ),
    );
    return known.length;
  }

  /** Spends one consent for this notification: true only the first time, and only if one was left. */
  async spend(userId: string, templateKey: string, notificationId: string, nowSeconds: number): Promise<boolean> {
    const cancelled = await transact(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.subscribeConsent(userId, templateKey),
          UpdateExpression: 'ADD #count :minusOne',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.subscribeMessageSent(userId, notificationId), entity: 'SubscribeMessageSent', expiresAt: nowSeconds + SENT_MARKER_TTL_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return !cancelled;
  }
}

/** What a notification says in a message's fields (when: in the district's time), each cut to what its field takes. */
export function fieldsOf(template: SubscribeTemplate, notification: NotificationViewT, subject: string, timeZone: string): Record<string, { value: string }> {
  const value = { subject, what: template.actions[notification.action] ?? notification.action, at: localDateTime(notification.at, timeZone) };
  return Object.fromEntries(Object.entries(template.fields).map(([field, source]) => [field, { value: fitField(field, value[source]) }]));
}

export class Notifier {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly users: UserDirectory,
    private readonly consents: SubscribeConsents,
    private readonly messages: SubscribeMessageSender,
    /** The district's time zone, in which a message says when. */
    private readonly timeZone: string,
  ) {}

  /** `subject`: what the notification is about, in the words a message shows (a reference, a task's title). */
  async tell(userId: string, notification: NotificationViewT, subject: string): Promise<void> {
    await this.notifications.add(userId, notification);
    const found = templateFor(notification.action);
    if (!found) return;
    const user = await this.users.get(userId);
    if (!user?.wechatOpenId) return;
    if (!(await this.consents.spend(userId, found.key, notification.id, Math.floor(Date.parse(notification.at) / 1000)))) return;
    await this.messages.send({
      toOpenId: user.wechatOpenId,
      templateId: found.template.templateId,
      page: found.template.page,
      data: fieldsOf(found.template, notification, subject, this.timeZone),
    });
  }
}
