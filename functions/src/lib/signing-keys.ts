/**
 * The ES256 key pair that signs access tokens, plus a pepper for hashing phone numbers and codes.
 * Locally it lives in a file under .data/; in AWS in a Secrets Manager secret. Either store creates
 * the material on first use, race-free (exclusive file create / fixed client request token).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface KeyMaterial {
  kid: string;
  /** P-256 keys as JWK (`kty: 'EC'`, `crv: 'P-256'`). */
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
  pepper: string;
}

export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  pepper: Buffer;
}

/** What a verifier needs: the public half only. */
export type VerificationKey = Pick<SigningKeys, 'publicKey'>;

export interface KeyStore {
  /** Returns the material, creating it when allowed and absent. */
  load(): Promise<KeyMaterial>;
}

export async function generateKeyMaterial(): Promise<KeyMaterial> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid: randomBytes(8).toString('hex'),
    privateJwk: privateKey.export({ format: 'jwk' }),
    publicJwk: publicKey.export({ format: 'jwk' }),
    pepper: randomBytes(32).toString('base64'),
  };
}

/** A published public key (ES256 only: anything but a P-256 key is refused). */
export function importPublicKey(jwk: JsonWebKey): KeyObject {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) throw new Error('Not a P-256 public key');
  return createPublicKey({ key: jwk, format: 'jwk' });
}

export function isKeyMaterial(value: unknown): value is KeyMaterial {
  const candidate = value as Partial<KeyMaterial> | null;
  return Boolean(candidate && typeof candidate.kid === 'string' && candidate.privateJwk && candidate.publicJwk && typeof candidate.pepper === 'string');
}

export class FileKeyStore implements KeyStore {
  constructor(private readonly dir: string) {}

  async load(): Promise<KeyMaterial> {
    const file = join(this.dir, 'signing-key.json');
    try {
      return JSON.parse(await readFile(file, 'utf8')) as KeyMaterial;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await mkdir(this.dir, { recursive: true });
    const material = await generateKeyMaterial();
    try {
      await writeFile(file, JSON.stringify(material), { flag: 'wx', mode: 0o600 });
      return material;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return JSON.parse(await readFile(file, 'utf8')) as KeyMaterial;
    }
  }
}

export async function toSigningKeys(material: KeyMaterial): Promise<SigningKeys> {
  return {
    kid: material.kid,
    privateKey: createPrivateKey({ key: material.privateJwk, format: 'jwk' }),
    publicKey: importPublicKey(material.publicJwk),
    pepper: Buffer.from(material.pepper, 'base64'),
  };
}

/** Caches the imported keys for the life of the process (one Lambda container). */
export function cachedSigningKeys(store: KeyStore): () => Promise<SigningKeys> {
  let pending: Promise<SigningKeys> | undefined;
  return () => {
    pending ??= store
      .load()
      .then(toSigningKeys)
      .catch((error) => {
        pending = undefined;
        throw error;
      });
    return pending;
  };
}
