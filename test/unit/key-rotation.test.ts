/**
 * Rotating the token-signing key signs nobody out: a token names its key, a replaced key verifies
 * until the last token it can have signed expires, an unknown or revoked key verifies nothing, and
 * identity picks up a rotated key within its reload interval (lib/key-set.ts, lib/signing-keys.ts).
 * In AWS the key and the pepper live in Secrets Manager, written through lib/secrets-manager.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonWebKey } from 'node:crypto';
import {
  KEY_SET_MAX_AGE_SECONDS,
  type PublishedKey,
  replacedKeyVerifiesUntil,
  SIGNING_KEY_MAX_AGE_SECONDS,
  tokenKeyId,
  UNKNOWN_KEY_REREAD_SECONDS,
  usableKey,
  VerificationKeySet,
} from '../../functions/src/lib/key-set';
import {
  cachedSigningKeys,
  generateKeyMaterial,
  type KeyMaterial,
  type KeyStore,
  type SigningKeys,
  toSigningKeys,
  type VerificationKey,
} from '../../functions/src/lib/signing-keys';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, type Principal, verifyAccessToken } from '../../functions/src/lib/tokens';
import { cachedPepper, SecretsManagerPepperStore } from '../../functions/src/lib/pepper';
import type { Secrets } from '../../functions/src/lib/secrets-manager';
import { SecretsManagerKeyStore } from '../../functions/src/lib/secrets-manager-key-store';

const t0 = new Date('2026-06-01T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const resident: Principal = { userId: 'u1', roles: ['resident'] };

let oldMaterial: KeyMaterial;
let newMaterial: KeyMaterial;
let strangerMaterial: KeyMaterial;
let oldKeys: SigningKeys;
let newKeys: SigningKeys;
let strangerKeys: SigningKeys;
beforeAll(async () => {
  [oldMaterial, newMaterial, strangerMaterial] = await Promise.all([generateKeyMaterial(), generateKeyMaterial(), generateKeyMaterial()]);
  [oldKeys, newKeys, strangerKeys] = await Promise.all([oldMaterial, newMaterial, strangerMaterial].map(toSigningKeys));
});

const published = (material: KeyMaterial, verifyUntil?: string): PublishedKey<JsonWebKey> => ({
  kid: material.kid,
  publicJwk: material.publicJwk,
  ...(verifyUntil ? { verifyUntil } : {}),
});

/** A verifier's key set over a published set the test changes, counting its reads. */
function verifier(initial: Array<PublishedKey<JsonWebKey>>) {
  const state = { keys: initial, reads: 0 };
  const set = new VerificationKeySet<JsonWebKey, VerificationKey>(
    async () => {
      state.reads++;
      return state.keys;
    },
    async (jwk) => ({ publicKey: (await toSigningKeys({ ...oldMaterial, publicJwk: jwk })).publicKey }),
  );
  /** What the HTTP edge does: the key the token names, then the token checked with it. */
  const verify = async (token: string, now: Date) => {
    const key = await set.keyFor(tokenKeyId(token), now);
    return key ? verifyAccessToken(token, key, now) : undefined;
  };
  return { state, set, verify };
}

describe('a token names its key', () => {
  it('in its header, which is read without trusting it', async () => {
    expect(tokenKeyId(await issueAccessToken(resident, oldKeys, t0))).toBe(oldMaterial.kid);
    for (const junk of ['', 'not-a-token', '.x.y', `${Buffer.from('{"kid":3}').toString('base64url')}.x.y`]) expect(tokenKeyId(junk), junk).toBeUndefined();
  });
});

describe('which published key verifies', () => {
  it('the current key; a replaced key until its end; never an unknown key', () => {
    const keys = [published(newMaterial), published(oldMaterial, at(60).toISOString())];
    expect(usableKey(keys, newMaterial.kid, at(10 ** 6))?.kid).toBe(newMaterial.kid);
    expect(usableKey(keys, oldMaterial.kid, at(59))?.kid).toBe(oldMaterial.kid);
    expect(usableKey(keys, oldMaterial.kid, at(60))).toBeUndefined();
    expect(usableKey(keys, strangerMaterial.kid, t0)).toBeUndefined();
    expect(usableKey(keys, undefined, t0)).toBeUndefined();
  });

  it('a replaced key verifies until the last token it can have signed expires, and no longer', () => {
    // After a rotation at t0, identity signs with the old key for at most its reload interval.
    const until = Date.parse(replacedKeyVerifiesUntil(t0));
    const lastSignedAt = t0.getTime() + SIGNING_KEY_MAX_AGE_SECONDS * 1000;
    expect(until).toBe(lastSignedAt + ACCESS_TOKEN_TTL_SECONDS * 1000);
  });
});

describe('rotation, as verifiers see it', () => {
  it('keeps tokens of the replaced key valid until they expire, and verifies the new key at once', async () => {
    const { state, verify } = verifier([published(oldMaterial)]);
    const before = await issueAccessToken(resident, oldKeys, t0);
    expect(await verify(before, t0)).toEqual(resident);

    // Rotation at t0 + 60 s: the new key is published, the old one retired.
    state.keys = [published(newMaterial), published(oldMaterial, replacedKeyVerifiesUntil(at(60)))];
    // A token of the new key names a key this verifier has not read: it reads the set again.
    const after = await issueAccessToken(resident, newKeys, at(90));
    expect(await verify(after, at(91))).toEqual(resident);
    // A token the old key signed just before identity reloaded still verifies, until it expires.
    const lateOld = await issueAccessToken(resident, oldKeys, at(60 + SIGNING_KEY_MAX_AGE_SECONDS - 1));
    expect(await verify(lateOld, at(60 + SIGNING_KEY_MAX_AGE_SECONDS + ACCESS_TOKEN_TTL_SECONDS - 2))).toEqual(resident);
    expect(await verify(before, at(ACCESS_TOKEN_TTL_SECONDS - 1))).toEqual(resident);
    expect(await verify(before, at(ACCESS_TOKEN_TTL_SECONDS + 1))).toBeUndefined();
  });

  it('refuses a token of a key nobody published, however well signed, reading the set at most every 30 s for it', async () => {
    const { state, verify } = verifier([published(oldMaterial)]);
    const forged = await issueAccessToken({ userId: 'admin', roles: ['admin'] }, strangerKeys, t0);
    expect(await verify(forged, t0)).toBeUndefined();
    expect(await verify(forged, at(1))).toBeUndefined();
    expect(await verify(forged, at(UNKNOWN_KEY_REREAD_SECONDS - 1))).toBeUndefined();
    expect(state.reads).toBe(1);
    expect(await verify(forged, at(UNKNOWN_KEY_REREAD_SECONDS))).toBeUndefined();
    expect(state.reads).toBe(2);
    // A token claiming a published key but signed by another is refused by its signature.
    const [header, payload, signature] = forged.split('.');
    const claimingOld = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header, 'base64url').toString()), kid: oldMaterial.kid })).toString('base64url')}.${payload}.${signature}`;
    expect(await verify(claimingOld, at(31))).toBeUndefined();
  });

  it('stops a revoked key within the time verifiers trust their copy of the set', async () => {
    const { state, verify } = verifier([published(oldMaterial)]);
    const token = await issueAccessToken(resident, oldKeys, t0);
    expect(await verify(token, t0)).toEqual(resident);
    state.keys = [published(newMaterial), published(oldMaterial, at(10).toISOString())];
    // Until the copy is read again, the verifier knows nothing of the revocation but its end: already passed.
    expect(await verify(token, at(11))).toEqual(resident);
    expect(await verify(token, at(KEY_SET_MAX_AGE_SECONDS))).toBeUndefined();
  });

  it('imports each key once and ignores a published key that is not an ES256 public key', async () => {
    let imports = 0;
    const set = new VerificationKeySet<JsonWebKey, VerificationKey | undefined>(
      async () => [published(oldMaterial), { kid: 'broken', publicJwk: { kty: 'oct', k: 'AAAA' } }],
      async (jwk) => {
        imports++;
        return jwk.kty === 'EC' ? { publicKey: (await toSigningKeys({ ...oldMaterial, publicJwk: jwk })).publicKey } : undefined;
      },
    );
    expect(await set.keyFor('broken', t0)).toBeUndefined();
    expect(await set.keyFor(oldMaterial.kid, at(KEY_SET_MAX_AGE_SECONDS))).toBeDefined();
    expect(imports).toBe(2);
  });
});

describe('rotation, as identity sees it', () => {
  function store(initial: KeyMaterial) {
    const state = { material: initial, loads: 0, failing: false };
    const keyStore: KeyStore = {
      load: async () => {
        state.loads++;
        if (state.failing) throw new Error('Secrets Manager unavailable');
        return state.material;
      },
      replace: async (material) => {
        state.material = material;
      },
    };
    return { state, keyStore };
  }

  it('signs with the rotated key once its reload interval has passed', async () => {
    const { state, keyStore } = store(oldMaterial);
    let nowMs = t0.getTime();
    const keys = cachedSigningKeys(keyStore, SIGNING_KEY_MAX_AGE_SECONDS * 1000, () => nowMs);
    expect((await keys()).kid).toBe(oldMaterial.kid);
    await keyStore.replace(newMaterial);
    nowMs += SIGNING_KEY_MAX_AGE_SECONDS * 1000 - 1;
    expect((await keys()).kid).toBe(oldMaterial.kid);
    nowMs += 1;
    expect((await keys()).kid).toBe(newMaterial.kid);
    expect(state.loads).toBe(2);
  });

  it('keeps signing with the keys it has while the store cannot be read, and tries again next time', async () => {
    const { state, keyStore } = store(oldMaterial);
    let nowMs = t0.getTime();
    const keys = cachedSigningKeys(keyStore, 1000, () => nowMs);
    await keys();
    state.failing = true;
    nowMs += 1000;
    expect((await keys()).kid).toBe(oldMaterial.kid);
    state.failing = false;
    state.material = newMaterial;
    expect((await keys()).kid).toBe(newMaterial.kid);
    expect(state.loads).toBe(3);
  });

  it('fails while no keys were ever loaded', async () => {
    const { state, keyStore } = store(oldMaterial);
    state.failing = true;
    await expect(cachedSigningKeys(keyStore, 1000)()).rejects.toThrow(/unavailable/);
  });
});

describe('new key material', () => {
  it('carries no pepper: the pepper has its own store and is never rotated', async () => {
    const material = await generateKeyMaterial();
    expect(material.pepper).toBeUndefined();
    expect(material.kid).toMatch(/^[0-9a-f]{16}$/);
  });
});

/**
 * Secrets Manager as its API behaves for what the stores do: each version written under a client
 * request token, the last one current; a token used before writes nothing ('exists').
 */
function fakeSecrets(initial: Record<string, string> = {}) {
  const versions = new Map<string, Map<string, string>>();
  const current = new Map(Object.entries(initial));
  const puts: Array<{ secretId: string; token: string }> = [];
  const secrets: Secrets = {
    get: async (secretId) => current.get(secretId),
    put: async (secretId, value, token) => {
      puts.push({ secretId, token });
      const written = versions.get(secretId) ?? new Map<string, string>();
      versions.set(secretId, written);
      if (written.has(token)) return 'exists';
      written.set(token, value);
      current.set(secretId, value);
      return 'written';
    },
  };
  return { secrets, current, puts };
}

describe('the stores in Secrets Manager', () => {
  const PLACEHOLDER = 'generated by CloudFormation';

  it('make the signing key on first use, once, and replace it under a token of its key id (a retried rotation writes it once)', async () => {
    const { secrets, puts } = fakeSecrets({ key: PLACEHOLDER });
    const store = new SecretsManagerKeyStore('key', secrets);
    const first = await store.load();
    expect(await store.load()).toEqual(first);
    await store.replace(newMaterial);
    await store.replace(newMaterial);
    expect(await store.load()).toEqual(newMaterial);
    expect(puts.map((put) => put.token)).toEqual([
      'green-shield-signing-key-initial-v1',
      `green-shield-signing-key-${newMaterial.kid}`,
      `green-shield-signing-key-${newMaterial.kid}`,
    ]);
    // Secrets Manager takes tokens of 32 to 64 characters.
    for (const { token } of puts) expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('take the pepper from key material made before it had its own secret, so stored hashes still match', async () => {
    const legacy = { ...oldMaterial, pepper: Buffer.alloc(32, 7).toString('base64') };
    const { secrets, current } = fakeSecrets({ key: JSON.stringify(legacy), pepper: PLACEHOLDER });
    const keyStore = new SecretsManagerKeyStore('key', secrets);
    const pepper = cachedPepper(new SecretsManagerPepperStore('pepper', keyStore, secrets));
    expect(await pepper()).toEqual(Buffer.alloc(32, 7));
    expect(JSON.parse(current.get('pepper')!)).toEqual({ pepper: legacy.pepper });
    // A rotation replaces the key material; the pepper stays.
    await keyStore.replace(newMaterial);
    expect(await new SecretsManagerPepperStore('pepper', keyStore, secrets).load()).toEqual(Buffer.alloc(32, 7));
  });

  it('make a new pepper once: concurrent first loads all read the one written', async () => {
    const { secrets, puts } = fakeSecrets({ key: JSON.stringify(newMaterial), pepper: PLACEHOLDER });
    const keyStore = new SecretsManagerKeyStore('key', secrets);
    const peppers = await Promise.all([1, 2, 3].map(() => new SecretsManagerPepperStore('pepper', keyStore, secrets).load()));
    expect(peppers[0]).toHaveLength(32);
    for (const pepper of peppers) expect(pepper).toEqual(peppers[0]);
    expect(new Set(puts.map((put) => put.token)).size).toBe(1);
  });
});
