/**
 * The set of public keys that verify access tokens, and the rule that lets the signing key be
 * rotated without signing anyone out: each token names its key (`kid` in its header); a key stays in
 * the set after it is replaced, marked with the last moment a token it signed can still be valid
 * (`verifyUntil`), and a token whose key is not in the set, or is past that moment, is refused.
 *
 * After a rotation, identity functions keep signing with the key they loaded for at most
 * `SIGNING_KEY_MAX_AGE_SECONDS` (they read the secret again after that), and every token lives
 * `ACCESS_TOKEN_TTL_SECONDS`: so the replaced key verifies until both have passed, and no longer.
 * Revoking a key (it leaked) sets `verifyUntil` to the moment of revocation instead.
 */
import { ACCESS_TOKEN_TTL_SECONDS } from './tokens';

/** How long an identity function signs with the key it loaded before reading the secret again. */
export const SIGNING_KEY_MAX_AGE_SECONDS = 5 * 60;
/** How long a verifier trusts the set it read (a revocation reaches every verifier within this). */
export const KEY_SET_MAX_AGE_SECONDS = 5 * 60;
/** A token naming a key the set does not hold makes the verifier read the set again, at most this often. */
export const UNKNOWN_KEY_REREAD_SECONDS = 30;

/** A public key as published, with its JWK (an EC P-256 key). */
export interface PublishedKey<Jwk = unknown> {
  kid: string;
  publicJwk: Jwk;
  /** Absent while the key signs; set when it is replaced (or revoked). */
  verifyUntil?: string;
}

/** The key id in a token's header, read without checking anything (the signature is checked with the key it names). */
export function tokenKeyId(token: string): string | undefined {
  const [header] = token.split('.');
  try {
    const kid = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown }).kid;
    return typeof kid === 'string' && kid ? kid : undefined;
  } catch {
    return undefined;
  }
}

/** The key a token names, if the set holds it and it may still verify at `now`. */
export function usableKey<K extends PublishedKey>(keys: readonly K[], kid: string | undefined, now: Date): K | undefined {
  const key = kid === undefined ? undefined : keys.find((candidate) => candidate.kid === kid);
  if (!key) return undefined;
  return key.verifyUntil === undefined || now.getTime() < Date.parse(key.verifyUntil) ? key : undefined;
}

/** When a key replaced at `replacedAt` stops verifying: after the last token it can have signed has expired. */
export function replacedKeyVerifiesUntil(replacedAt: Date): string {
  return new Date(replacedAt.getTime() + (SIGNING_KEY_MAX_AGE_SECONDS + ACCESS_TOKEN_TTL_SECONDS) * 1000).toISOString();
}

/**
 * A verifier's copy of the published set: read on first use, again once it is older than
 * `KEY_SET_MAX_AGE_SECONDS`, and again (at most every `UNKNOWN_KEY_REREAD_SECONDS`) when a token
 * names a key it does not hold, so a key published by a rotation verifies at once. Keys are
 * imported once each.
 */
export class VerificationKeySet<Jwk, Key> {
  private keys: Array<PublishedKey<Jwk> & { key: Promise<Key> }> = [];
  private readAtMs = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly read: () => Promise<Array<PublishedKey<Jwk>>>,
    private readonly importKey: (jwk: Jwk) => Promise<Key>,
  ) {}

  /** The key that verifies a token naming `kid` at `now`; undefined for an unknown, replaced-and-expired or revoked key. */
  async keyFor(kid: string | undefined, now: Date): Promise<Key | undefined> {
    const age = now.getTime() - this.readAtMs;
    const known = kid !== undefined && this.keys.some((key) => key.kid === kid);
    if (age >= KEY_SET_MAX_AGE_SECONDS * 1000 || (!known && kid !== undefined && age >= UNKNOWN_KEY_REREAD_SECONDS * 1000)) await this.refresh(now);
    return usableKey(this.keys, kid, now)?.key;
  }

  private refresh(now: Date): Promise<void> {
    this.reading ??= this.read()
      .then((published) => {
        const imported = new Map(this.keys.map((key) => [key.kid, key.key]));
        this.keys = published.map((key) => ({ ...key, key: imported.get(key.kid) ?? this.importKey(key.publicJwk) }));
        this.readAtMs = now.getTime();
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }
}
