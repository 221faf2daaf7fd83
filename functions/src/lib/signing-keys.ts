/**
 * The ES256 key pair that signs access tokens, named by its key id. Locally it lives in a file under
 * .data/; in AWS in a Secrets Manager secret. Either store creates the material on first use,
 * race-free (exclusive file create / fixed client request token), and replaces it when the key is
 * rotated (store/verification-keys.ts). The pepper that keys stored hashes is not here: it is never
 * rotated (pepper.ts).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface KeyMaterial {
  kid: string;
  /** P-256 keys as JWK (`kty: 'EC'`, `crv: 'P-256'`). */
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
  /** Only in material made before the pepper had its own secret, which takes it from here once (pepper.ts). */
  pepper?: string;
}

export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** What a verifier needs: the public half only. */
export type VerificationKey = Pick<SigningKeys, 'publicKey'>;

export interface KeyStore {
  /** Returns the material, creating it when allowed and absent. */
  load(): Promise<KeyMaterial>;
  /** Makes `material` the current key (a rotation); `load` returns it from then on. */
  replace(material: KeyMaterial): Promise<void>;
}

export async function generateKeyMaterial(): Promise<KeyMaterial> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid: randomBytes(8).toString('hex'),
    privateJwk: privateKey.export({ format: 'jwk' }),
    publicJwk: publicKey.export({ format: 'jwk' }),
  };
}

/** A published public key (ES256 only: anything but a P-256 key is refused). */
export function importPublicKey(jwk: JsonWebKey): KeyObject {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) throw new Error('Not a P-256 public key');
  return createPublicKey({ key: jwk, format: 'jwk' });
}

export function isKeyMaterial(value: unknown): value is KeyMaterial {
  const candidate = value as Partial<KeyMaterial> | null;
  return Boolean(candidate && typeof candidate.kid === 'string' && candidate.privateJwk && candidate.publicJwk);
}

export class FileKeyStore implements KeyStore {
  constructor(private readonly dir: string) {}

  private get file(): string {
    return join(this.dir, 'signing-key.json');
  }

  async replace(material: KeyMaterial): Promise<void> {
    await writeFile(this.file, JSON.stringify(material), { mode: 0o600 });
  }

  async load(): Promise<KeyMaterial> {
    const file = this.file;
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
  };
}

/**
 * Caches the imported keys for `maxAgeMs` (SIGNING_KEY_MAX_AGE_SECONDS in key-set.ts), then loads
 * them again, so a rotated key is picked up by every container within that time. A failed load is
 * not cached; the keys loaded before keep signing until one succeeds.
 */
export function cachedSigningKeys(store: KeyStore, maxAgeMs: number, now: () => number = Date.now): () => Promise<SigningKeys> {
  let cached: { keys: SigningKeys; loadedAtMs: number } | undefined;
  let loading: Promise<SigningKeys> | undefined;
  return async () => {
    if (cached && now() - cached.loadedAtMs < maxAgeMs) return cached.keys;
    loading ??= store
      .load()
      .then(toSigningKeys)
      .then((keys) => {
        cached = { keys, loadedAtMs: now() };
        return keys;
      })
      .finally(() => {
        loading = undefined;
      });
    try {
      return await loading;
    } catch (error) {
      if (cached) return cached.keys;
      throw error;
    }
  };
}
