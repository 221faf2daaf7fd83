import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '../lib/errors';

type Key = Record<string, NativeAttributeValue>;

export function encodeCursor(key: Key | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/**
 * Decodes a client's cursor and checks it points into the partition being read, so a forged cursor
 * cannot page through someone else's items.
 */
export function decodeCursor(cursor: string | undefined, partitionAttribute: string, partitionValue: string): Key | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    Object.values(key).every((value) => typeof value === 'string') &&
    (key as Key)[partitionAttribute] === partitionValue;
  if (!valid) throw invalidCursor();
  return key as Key;
}

export function invalidCursor(): ApiError {
  return new ApiError('VALIDATION_FAILED', 'Invalid cursor', [{ field: 'query.cursor', message: 'not a cursor from this list' }]);
}
