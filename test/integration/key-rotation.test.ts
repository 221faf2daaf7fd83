/**
 * Rotating the token-signing key on a running system (`npm run keys:rotate`'s code, against the
 * local system's table and key folder): nobody is signed out, the pepper (and so every account's
 * phone index) stays as it was, including on a deployment from before the pepper had its own store,
 * and a revoked key's tokens stop.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPhone } from '../../functions/src/identity/otp';
import { KEY_SET_MAX_AGE_SECONDS, SIGNING_KEY_MAX_AGE_SECONDS, tokenKeyId } from '../../functions/src/lib/key-set';
import { FilePepperStore } from '../../functions/src/lib/pepper';
import { FileKeyStore, generateKeyMaterial, type KeyMaterial } from '../../functions/src/lib/signing-keys';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../functions/src/lib/tokens';
import { createDocumentClient } from '../../functions/src/store/client';
import { keys } from '../../functions/src/store/keys';
import { rotateSigningKey } from '../../functions/src/store/verification-keys';
import { ensureTable } from '../../scripts/local/table';
import { startTestSystem, type TestSystem } from '../support/system';

const tableName = `t${randomBytes(6).toString('hex')}`;
const keyDir = join(inject('scratchDir'), tableName, 'keys');
const db = createDocumentClient(inject('dynamodbEndpoint'));
const PHONE = '13766661234';

let t: TestSystem;
let legacy: KeyMaterial & { pepper: string };
const rotate = (revoke = false) => {
  const keyStore = new FileKeyStore(keyDir);
  return rotateSigningKey({ keyStore, pepperStore: new FilePepperStore(keyDir, keyStore), db, tableName, clock: t.clock, revoke, pause: async () => {} });
};
const bearer = (token: string) => {
  const api = t.client();
  api.token = token;
  return api;
};
const signIn = async () => {
  const api = await t.signIn(PHONE);
  return { token: api.token!, userId: (await api.call('GET', '/api/me').expect(200)).id as string };
};

beforeAll(async () => {
  // A deployment from before rotation: its key material carries the pepper, and its one public key
  // was published as `PUBLIC`.
  legacy = { ...(await generateKeyMaterial()), pepper: randomBytes(32).toString('base64') };
  mkdirSync(keyDir, { recursive: true });
  writeFileSync(join(keyDir, 'signing-key.json'), JSON.stringify(legacy));
  const raw = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(raw, tableName);
  raw.destroy();
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { pk: keys.signingKeys, sk: keys.publishedSigningKeyPrefix, entity: 'SigningKey', kid: legacy.kid, publicJwk: legacy.publicJwk },
    }),
  );
  t = await startTestSystem({ tableName });
});
afterAll(async () => {
  await t?.stop();
  db.destroy();
});

describe('signing-key rotation', () => {
  let first: { token: string; userId: string };
  let second: { token: string; userId: string };

  it('takes the pepper of an older deployment into its own store, so existing hashes still match', async () => {
    first = await signIn();
    expect(tokenKeyId(first.token)).toBe(legacy.kid);
    expect(JSON.parse(readFileSync(join(keyDir, 'pepper.json'), 'utf8'))).toEqual({ pepper: legacy.pepper });
    const phoneItem = await db.send(new GetCommand({ TableName: tableName, Key: keys.phone(hashPhone(PHONE, Buffer.from(legacy.pepper, 'base64'))) }));
    expect(phoneItem.Item?.userId).toBe(first.userId);
  });

  it('signs nobody out: tokens of the replaced key keep working in every function until they expire', async () => {
    const rotated = await rotate();
    // The old key's items (the one published before rotation existed, and identity's own) are retired, nothing else.
    expect(new Set(rotated.retired.map((key) => key.kid))).toEqual(new Set([legacy.kid]));
    // The material no longer holds the pepper; the pepper's own store does, unchanged.
    expect(JSON.parse(readFileSync(join(keyDir, 'signing-key.json'), 'utf8'))).toMatchObject({ kid: rotated.kid });
    expect(JSON.parse(readFileSync(join(keyDir, 'signing-key.json'), 'utf8')).pepper).toBeUndefined();

    await bearer(first.token).call('GET', '/api/me').expect(200);
    await bearer(first.token).call('GET', '/api/notifications').expect(200);

    // Identity reads the key again after its reload interval and signs with the new one; the same
    // number is the same account (the phone index still matches).
    t.clock.advanceSeconds(SIGNING_KEY_MAX_AGE_SECONDS);
    second = await signIn();
    expect(tokenKeyId(second.token)).toBe(rotated.kid);
    expect(second.userId).toBe(first.userId);
    await bearer(second.token).call('GET', '/api/notifications').expect(200);
    await bearer(first.token).call('GET', '/api/notifications').expect(200);

    t.clock.advanceSeconds(ACCESS_TOKEN_TTL_SECONDS);
    await bearer(first.token).call('GET', '/api/notifications').expect(401);
  });

  it('refuses a token whose key was never published', async () => {
    const stranger = await generateKeyMaterial();
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: stranger.kid })).toString('base64url');
    const [, payload, signature] = second.token.split('.');
    await bearer(`${header}.${payload}.${signature}`).call('GET', '/api/me').expect(401);
  });

  it('stops a revoked key within the time verifiers trust their copy of the key set', async () => {
    const current = await signIn();
    expect(tokenKeyId(current.token)).toBe(tokenKeyId(second.token));
    await bearer(current.token).call('GET', '/api/notifications').expect(200);
    const revoked = await rotate(true);
    expect(revoked.retired.map((key) => key.kid)).toContain(tokenKeyId(current.token));
    t.clock.advanceSeconds(Math.max(KEY_SET_MAX_AGE_SECONDS, SIGNING_KEY_MAX_AGE_SECONDS));
    await bearer(current.token).call('GET', '/api/me').expect(401);
    await bearer(current.token).call('GET', '/api/notifications').expect(401);
    const third = await signIn();
    expect(tokenKeyId(third.token)).toBe(revoked.kid);
    expect(third.userId).toBe(first.userId);
  });
});
