/**
 * Verifiers (every API function) read the token public key from the table, where identity publishes
 * it; so only identity needs access to the private key's secret.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { importJWK } from 'jose';
import { keys } from '../store/keys';
import type { KeyMaterial, SigningKeys } from './signing-keys';

export async function publishPublicKey(db: DynamoDBDocumentClient, tableName: string, material: KeyMaterial): Promise<void> {
  await db.send(
    new PutCommand({ TableName: tableName, Item: { ...keys.signingKey(), entity: 'SigningKey', kid: material.kid, publicJwk: material.publicJwk } }),
  );
}

export function publishedVerificationKeys(db: DynamoDBDocumentClient, tableName: string): () => Promise<Pick<SigningKeys, 'publicKey'>> {
  let cached: Pick<SigningKeys, 'publicKey'> | undefined;
  return async () => {
    if (cached) return cached;
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.signingKey() }));
    // Before anyone has signed in no key exists, and so no token can be valid.
    if (!Item) return { publicKey: undefined as unknown as CryptoKey };
    cached = { publicKey: (await importJWK(Item.publicJwk, 'ES256')) as CryptoKey };
    return cached;
  };
}
