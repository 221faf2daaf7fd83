/**
 * Rate-limit counters in the table: one item per scope, subject and window, counted with a
 * conditional ADD (so two racing requests can never both take the last place), and one marker per
 * idempotent act counted, so a retry with the same Idempotency-Key is not counted twice.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateCount, RateCounter, RateWindow } from '../lib/rate-limits';
import { IDEMPOTENCY_TTL_SECONDS } from './idempotency';
import { keys } from './keys';
import { unlessConditionFails } from './operations';

const epochSeconds = (ms: number) => Math.floor(ms / 1000);

export class TableRateCounter implements RateCounter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take({ scope, subject, limit, window, now, actKey }: RateCount): Promise<boolean> {
    const counted = await this.count(scope, subject, window, limit);
    if (actKey === undefined) return counted;
    const act = keys.rateAct(scope, subject, actKey);
    // A retry of an act counted before passes even when the window is full.
    if (!counted) return this.wasCounted(act, now);
    if (await this.markCounted(act, now)) return true;
    // A retry (or its twin racing it) got here first: give this count back.
    await this.uncount(scope, subject, window);
    return true;
  }

  private async count(scope: string, subject: string, window: RateWindow, limit: number): Promise<boolean> {
    const taken = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rateWindow(scope, subject, window.label),
          UpdateExpression: 'ADD hits :one SET expiresAt = :ttl',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': epochSeconds(window.endsMs) + 60 },
        }),
      ),
    );
    return Boolean(taken);
  }

  private async uncount(scope: string, subject: string, window: RateWindow): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rateWindow(scope, subject, window.label),
        UpdateExpression: 'ADD hits :minusOne',
        ExpressionAttributeValues: { ':minusOne': -1 },
      }),
    );
  }

  /** Marks the act counted; false when it already was (and the mark has not expired with its key). */
  private async markCounted(act: { pk: string; sk: string }, now: Date): Promise<boolean> {
    const nowSeconds = epochSeconds(now.getTime());
    const marked = await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...act, entity: 'RateAct', expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      ),
    );
    return Boolean(marked);
  }

  private async wasCounted(act: { pk: string; sk: string }, now: Date): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: act, ConsistentRead: true }));
    return Boolean(Item && (Item.expiresAt as number) >= epochSeconds(now.getTime()));
  }
}
