/**
 * Page cursors: opaque to clients and tamper-evident. A cursor is the page's `LastEvaluatedKey`
 * with an HMAC over it and the list it came from (index, partition, sort-key prefix), so only a
 * cursor this table issued for this very list is ever handed to DynamoDB as a start key; anything
 * else (forged, altered, truncated, taken to another list) is a 400 naming `query.cursor`.
 *
 * The HMAC key is a random secret kept in the table itself (`CONFIG#CURSOR_KEY`), created by the
 * first function that pages and read once per container. It guards nothing a reader of the table
 * could not read anyway (the cursor only points at items of that table), so the table is the right
 * home: every function that lists already has it, in AWS and locally alike, with no other grant.
 * Deleting the item rotates the key; cursors in flight then get 400 and clients start again.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '../lib/errors';
import { keys } from './keys';
import { unlessConditionFails } from './operations';
import type { IndexName } from './table-definition';

type Key = Record<string, NativeAttributeValue>;

/** The list a cursor belongs to: the index (the table's own keys when absent), the partition, the sort-key prefix. */
export interface ListIdentity {
  index?: IndexName;
  partition: string;
  prefix?: string;
}

const PURPOSE = 'green-shield:cursor:v1';
/** 128 bits of HMAC-SHA256. */
const MAC_BYTES = 16;

function mac(secret: Buffer, list: ListIdentity, payload: string): Buffer {
  return createHmac('sha256', secret)
    .update(JSON.stringify([PURPOSE, list.index ?? '', list.partition, list.prefix ?? '', payload]))
    .digest()
    .subarray(0, MAC_BYTES);
}

/** `<payload>.<mac>`, both base64url; the payload is the key as JSON. */
export function signCursor(secret: Buffer, list: ListIdentity, key: Key): string {
  const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, list, payload).toString('base64url')}`;
}

/** The start key of a cursor this list issued; a 400 for anything else. */
export function verifyCursor(secret: Buffer, list: ListIdentity, cursor: string): Key {
  const [payload, signature, ...rest] = cursor.split('.');
  const given = Buffer.from(signature ?? '', 'base64url');
  const expected = mac(secret, list, payload);
  const authentic = rest.length === 0 && given.length === MAC_BYTES && given.toString('base64url') === signature && timingSafeEqual(given, expected);
  if (!authentic) throw new ApiError('VALIDATION_FAILED', 'Invalid cursor', [{ field: 'query.cursor', message: 'not a cursor from this list' }]);
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Key;
}

const secrets = new WeakMap<DynamoDBDocumentClient, Map<string, Promise<Buffer>>>();

/** The table's cursor key, created on first use (the first writer wins a race); cached per container. */
function cursorSecret(db: DynamoDBDocumentClient, tableName: string): Promise<Buffer> {
  const byTable = secrets.get(db) ?? new Map<string, Promise<Buffer>>();
  secrets.set(db, byTable);
  let secret = byTable.get(tableName);
  if (!secret) {
    secret = loadOrCreateSecret(db, tableName).catch((error: unknown) => {
      byTable.delete(tableName); // the next page tries again
      throw error;
    });
    byTable.set(tableName, secret);
  }
  return secret;
}

async function loadOrCreateSecret(db: DynamoDBDocumentClient, tableName: string): Promise<Buffer> {
  const read = async () =>
    (await db.send(new GetCommand({ TableName: tableName, Key: keys.cursorKey(), ConsistentRead: true }))).Item?.secret as string | undefined;
  const stored = await read();
  if (stored) return Buffer.from(stored, 'base64');
  const secret = randomBytes(32);
  const created = await unlessConditionFails(
    db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.cursorKey(), entity: 'CursorKey', secret: secret.toString('base64') },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  if (created) return secret;
  const winner = await read();
  if (!winner) throw new Error('The cursor key vanished while it was being created');
  return Buffer.from(winner, 'base64');
}

/** The cursor of the next page of `list`, or undefined on the last page. */
export async function encodeCursor(db: DynamoDBDocumentClient, tableName: string, list: ListIdentity, key: Key | undefined): Promise<string | undefined> {
  return key ? signCursor(await cursorSecret(db, tableName), list, key) : undefined;
}

/** The start key of a client's cursor for `list` (400 unless this table issued it for this list). */
export async function decodeCursor(db: DynamoDBDocumentClient, tableName: string, list: ListIdentity, cursor: string | undefined): Promise<Key | undefined> {
  return cursor ? verifyCursor(await cursorSecret(db, tableName), list, cursor) : undefined;
}
