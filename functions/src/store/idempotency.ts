/**
 * Idempotent writes, one mechanism for every context. A request with an Idempotency-Key gets a
 * ticket (who, which key, a fingerprint of what was asked); a retry with the same key answers what
 * the first call answered, the same key with a different request is refused. The record is written
 * in the same transaction as the work it stands for, so it exists exactly when the work does.
 */
import { createHash } from 'node:crypto';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '../lib/errors';
import { keys } from './keys';
import type { TransactItems } from './operations';

/** How long a key is remembered: retries come within minutes; a day covers a phone left offline. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** One request's claim on an Idempotency-Key. */
export interface IdempotencyTicket {
  userId: string;
  /** The client's key, prefixed with the operation so keys of different operations never meet. */
  key: string;
  fingerprint: string;
  nowSeconds: number;
}

export function idempotencyTicket(operation: string, userId: string, clientKey: string, request: unknown, now: Date): IdempotencyTicket {
  return {
    userId,
    key: `${operation}:${clientKey}`,
    fingerprint: createHash('sha256').update(JSON.stringify(request)).digest('base64url'),
    nowSeconds: Math.floor(now.getTime() / 1000),
  };
}

export class IdempotencyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * The id of what the first request with this ticket's key produced, if it is still remembered.
   * The same key with a different request is refused.
   */
  async previousResult(ticket: IdempotencyTicket): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.idempotency(ticket.userId, ticket.key), ConsistentRead: true }));
    if (!Item || (Item.expiresAt as number) < ticket.nowSeconds) return undefined;
    if (Item.fingerprint !== ticket.fingerprint) throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
    return Item.resultId as string;
  }

  /** The transaction item that records the ticket; its condition fails when a concurrent retry won. */
  recordItem(ticket: IdempotencyTicket, resultId: string): TransactItems[number] {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.idempotency(ticket.userId, ticket.key),
          entity: 'Idempotency',
          resultId,
          fingerprint: ticket.fingerprint,
          expiresAt: ticket.nowSeconds + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': ticket.nowSeconds },
      },
    };
  }
}
