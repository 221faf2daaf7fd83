/**
 * Verifiers (every API function) read the token public keys from the table, where identity (and a
 * rotation) publishes them; so only identity needs access to the private key's secret. One item per
 * key (`CONFIG#SIGNING_KEY`, `PUBLIC#<kid>`; deployments from before rotation have one `PUBLIC`
 * item, read the same way). The rule of which key verifies what is `lib/key-set.ts`.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { JsonWebKey } from 'node:crypto';
import { keys } from './keys';
import { queryAll } from './operations';
import { systemClock, type Clock } from '../lib/clock';
import { replacedKeyVerifiesUntil, SIGNING_KEY_MAX_AGE_SECONDS, type PublishedKey, UNKNOWN_KEY_REREAD_SECONDS, VerificationKeySet } from '../lib/key-set';
import { sleep } from '../lib/backoff';
import type { PepperStore } from '../lib/pepper';
import {
  cachedSigningKeys,
  generateKeyMaterial,
  importPublicKey,
  type KeyMaterial,
  type KeyStore,
  type SigningKeys,
  type VerificationKey,
} from '../lib/signing-keys';

/** A replaced key's item is deleted by TTL a day after it stopped verifying. */
const EXPIRED_KEY_KEPT_SECONDS = 24 * 60 * 60;

/** Publishes a key's public half; a key published before (perhaps since replaced) is left as it is. */
export async function publishPublicKey(db: DynamoDBDocumentClient, tableName: string, material: KeyMaterial, now: Date): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.publishedSigningKey(material.kid),
          entity: 'SigningKey',
          kid: material.kid,
          publicJwk: material.publicJwk,
          publishedAt: now.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** The items of every published key (current, replaced and not yet expired, revoked). */
function publishedKeyItems(db: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  return queryAll(db, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :public)',
    ExpressionAttributeValues: { ':pk': keys.signingKeys, ':public': keys.publishedSigningKeyPrefix },
  });
}

const toPublishedKey = (item: Record<string, unknown>): PublishedKey<JsonWebKey> => ({
  kid: item.kid as string,
  publicJwk: item.publicJwk as JsonWebKey,
  ...(typeof item.verifyUntil === 'string' ? { verifyUntil: item.verifyUntil } : {}),
});

export async function readPublishedKeys(db: DynamoDBDocumentClient, tableName: string): Promise<Array<PublishedKey<JsonWebKey>>> {
  return (await publishedKeyItems(db, tableName)).map(toPublishedKey);
}

/**
 * The key that verifies a token naming `kid`, from the published set (read again every few minutes,
 * and when a token names a key not yet read); undefined for a key that is unknown, revoked, or
 * replaced so long ago that nothing it signed is still valid.
 */
export function publishedVerificationKeys(
  db: DynamoDBDocumentClient,
  tableName: string,
  clock: Clock = systemClock,
): (kid?: string) => Promise<VerificationKey | undefined> {
  const set = new VerificationKeySet(
    () => readPublishedKeys(db, tableName),
    async (jwk: JsonWebKey): Promise<VerificationKey | undefined> => {
      try {
        return { publicKey: importPublicKey(jwk) };
      } catch {
        return undefined; // not an ES256 public key: verifies nothing
      }
    },
  );
  return async (kid) => set.keyFor(kid, clock.now());
}

/**
 * The signing keys identity uses: loaded (or created) from the store, read again every few minutes
 * (a rotation reaches every container), and each new key's public half published for verifiers.
 */
export function publishingSigningKeys(store: KeyStore, db: DynamoDBDocumentClient, tableName: string, clock: Clock = systemClock): () => Promise<SigningKeys> {
  let published: string | undefined;
  return cachedSigningKeys(
    {
      load: async () => {
        const material = await store.load();
        if (material.kid !== published) await publishPublicKey(db, tableName, material, clock.now());
        published = material.kid;
        return material;
      },
      replace: (material) => store.replace(material),
    },
    SIGNING_KEY_MAX_AGE_SECONDS * 1000,
    () => clock.now().getTime(),
  );
}

export interface RotationResult {
  kid: string;
  /** Keys that verified before and now stop at a moment (replaced: their last token's expiry; revoked: now). */
  retired: Array<{ kid: string; verifyUntil: string }>;
}

/**
 * Rotates the token-signing key (`npm run keys:rotate`): makes sure the pepper has its own secret
 * (taking it from the current material if it is still there, so no stored hash changes), publishes
 * the new public key before any token is signed with it, makes the new key current in the store,
 * then retires every other published key: replaced keys verify until the last token they can have
 * signed expires; with `revoke` (a key leaked) they stop at once, signing everyone out.
 */
export async function rotateSigningKey(deps: {
  keyStore: KeyStore;
  pepperStore: PepperStore;
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  revoke?: boolean;
  /** Waits between publishing and using the new key (default UNKNOWN_KEY_REREAD_SECONDS; tests skip it). */
  pause?: (ms: number) => Promise<void>;
}): Promise<RotationResult> {
  const { db, tableName, clock } = deps;
  await deps.pepperStore.load();
  const next = await generateKeyMaterial();
  await publishPublicKey(db, tableName, next, clock.now());
  // A verifier that read the set just before it was published reads it again when a token names an
  // unknown key, at most every UNKNOWN_KEY_REREAD_SECONDS: once that has passed, every verifier
  // knows the new key before any token is signed with it.
  await (deps.pause ?? sleep)(UNKNOWN_KEY_REREAD_SECONDS * 1000);
  const now = clock.now();
  await deps.keyStore.replace(next);
  const verifyUntil = deps.revoke ? now.toISOString() : replacedKeyVerifiesUntil(now);
  const retired: RotationResult['retired'] = [];
  for (const item of await publishedKeyItems(db, tableName)) {
    const key = toPublishedKey(item);
    // A key retired before keeps its earlier end, unless this rotation revokes it sooner.
    if (key.kid === next.kid || (key.verifyUntil !== undefined && key.verifyUntil <= verifyUntil)) continue;
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET verifyUntil = :until, expiresAt = :expires',
        ExpressionAttributeValues: { ':until': verifyUntil, ':expires': Math.floor(Date.parse(verifyUntil) / 1000) + EXPIRED_KEY_KEPT_SECONDS },
      }),
    );
    retired.push({ kid: key.kid, verifyUntil });
  }
  return { kid: next.kid, retired };
}
