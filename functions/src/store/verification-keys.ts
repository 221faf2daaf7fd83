/**
 * Verifiers (every API function) read the token public key from the table, where identity publishes
 * it; so only identity needs access to the private key's secret.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';
import { cachedSigningKeys, importPublicKey, type KeyMaterial, type KeyStore, type SigningKeys, type VerificationKey } from '../lib/signing-keys';

export async function publishPublicKey(db: DynamoDBDocumentClient, tableName: string, material: KeyMaterial): Promise<void> {
  await db.send(
    new PutCommand({ TableName: tableName, Item: { ...keys.signingKey(), entity: 'SigningKey', kid: material.kid, publicJwk: material.publicJwk } }),
  );
}

/** The published key, or undefined before anyone has signed in (when no token can be valid yet). */
export function publishedVerificationKeys(db: DynamoDBDocumentClient, tableName: string): () => Promise<VerificationKey | undefined> {
  let cached: VerificationKey | undefined;
  return async () => {
    if (cached) return cached;
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.signingKey() }));
    if (!Item) return undefined;
    cached = { publicKey: importPublicKey(Item.publicJwk) };
    return cached;
  };
}

/** The signing keys identity uses: loaded (or created) from the store, public half published for verifiers. */
export function publishingSigningKeys(store: KeyStore, db: DynamoDBDocumentClient, tableName: string): () => Promise<SigningKeys> {
  return cachedSigningKeys({
    load: async () => {
      const material = await store.load();
      await publishPublicKey(db, tableName, material);
      return material;
    },
  });
}
