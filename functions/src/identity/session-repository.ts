/**
 * Sessions and their refresh tokens in the table: one item per session (ending it ends every token
 * of it) and one per refresh token, keyed by the token's keyed hash.
 */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { transact, unlessConditionFails } from '../store/operations';
import type { StoredRefreshToken } from './session-tokens';

const epochSeconds = (ms: number) => Math.floor(ms / 1000);

const storedToken = (item: Record<string, unknown> | undefined): StoredRefreshToken | undefined =>
  item && {
    userId: item.userId as string,
    sessionId: item.sessionId as string,
    expiresAtMs: item.expiresAtMs as number,
    usedAtMs: item.usedAtMs as number | undefined,
  };

export class SessionRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A new session with its first refresh token, in one transaction. */
  async start(tokenHash: string, token: StoredRefreshToken, startedAtMs: number): Promise<void> {
    const cancelled = await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.session(token.sessionId), entity: 'Session', userId: token.userId, startedAtMs, expiresAt: epochSeconds(token.expiresAtMs) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.refreshToken(tokenHash), entity: 'RefreshToken', ...token, expiresAt: epochSeconds(token.expiresAtMs) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    if (cancelled) throw new Error('A new session or refresh token collided with an existing one');
  }

  /**
   * Marks the token used unless it is dead or was used before the grace, in one conditional update,
   * so of many racing refreshes exactly one is the first use. Answers the token as it was before
   * this use; a refused use reads it, so the caller can tell a replay from a dead token.
   */
  async claim(tokenHash: string, nowMs: number, graceMs: number): Promise<{ admitted: boolean; token?: StoredRefreshToken }> {
    const claimed = await this.updateIf(keys.refreshToken(tokenHash), {
      UpdateExpression: 'SET usedAtMs = if_not_exists(usedAtMs, :now)',
      ConditionExpression: 'attribute_exists(pk) AND expiresAtMs > :now AND (attribute_not_exists(usedAtMs) OR usedAtMs > :graceStart)',
      ExpressionAttributeValues: { ':now': nowMs, ':graceStart': nowMs - graceMs },
      ReturnValues: 'ALL_OLD',
    });
    if (claimed) return { admitted: true, token: storedToken(claimed.Attributes) };
    return { admitted: false, token: await this.getToken(tokenHash) };
  }

  /**
   * Stores a used token's successor, or leaves it as a racing retry stored it; false when the
   * successor has been used itself (so whoever asks again is not retrying a lost answer).
   */
  async putSuccessor(tokenHash: string, token: Omit<StoredRefreshToken, 'usedAtMs'>): Promise<boolean> {
    const attributes = { entity: 'RefreshToken', ...token, expiresAt: epochSeconds(token.expiresAtMs) };
    const names = Object.keys(attributes);
    const stored = await this.updateIf(keys.refreshToken(tokenHash), {
      UpdateExpression: `SET ${names.map((name) => `#${name} = if_not_exists(#${name}, :${name})`).join(', ')}`,
      ConditionExpression: 'attribute_not_exists(usedAtMs)',
      ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`:${name}`, value])),
    });
    return Boolean(stored);
  }

  /** Keeps a live session as long as its newest token; false when the session has ended. */
  async extend(sessionId: string, expiresAtMs: number): Promise<boolean> {
    const condition = 'attribute_exists(pk) AND attribute_not_exists(endedAtMs)';
    const values = { ':ttl': epochSeconds(expiresAtMs) };
    return Boolean(
      await this.updateIf(keys.session(sessionId), {
        UpdateExpression: 'SET expiresAt = :ttl',
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /** Ends the session, so none of its tokens works again; true when it was live until now. */
  async end(sessionId: string, nowMs: number): Promise<boolean> {
    const update = { UpdateExpression: 'SET endedAtMs = if_not_exists(endedAtMs, :now)', ExpressionAttributeValues: { ':now': nowMs } };
    const ended = await this.updateIf(keys.session(sessionId), { ...update, ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD' });
    return Boolean(ended && ended.Attributes?.endedAtMs === undefined);
  }

  async getToken(tokenHash: string): Promise<StoredRefreshToken | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.refreshToken(tokenHash), ConsistentRead: true }));
    return storedToken(Item);
  }

  /** An update of one item; undefined when its condition failed. */
  private updateIf(key: { pk: string; sk: string }, update: Omit<UpdateCommandInput, 'TableName' | 'Key'>) {
    return unlessConditionFails(this.db.send(new UpdateCommand({ TableName: this.tableName, Key: key, ...update })));
  }
}
