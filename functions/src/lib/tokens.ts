/**
 * Access tokens: JWTs signed with ES256 (P-256, SHA-256), made and checked with node:crypto (a JWT
 * library weighed 17 KB of every function bundle). Only what this API issues is accepted: the
 * header must say ES256 and nothing critical, the signature must hold, and the issuer, audience,
 * subject, roles and expiry must be as issued.
 */
import { sign, verify } from 'node:crypto';
import { ROLES, type Role } from '@green-shield/shared/api/endpoint';
import type { SigningKeys, VerificationKey } from './signing-keys';

const ISSUER = 'green-shield';
const AUDIENCE = 'green-shield-api';
export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
/** ECDSA signatures as JWS writes them: r and s, 32 bytes each (not DER). */
const SIGNATURE = { dsaEncoding: 'ieee-p1363' } as const;
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

export interface Principal {
  userId: string;
  roles: Role[];
  /** Street/town a street officer is bound to. */
  streetCode?: string;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JSON object from base64url, or undefined for anything else. */
function decodeObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function issueAccessToken(principal: Principal, keys: SigningKeys, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const signingInput = `${encode({ alg: 'ES256', kid: keys.kid })}.${encode({
    roles: principal.roles,
    ...(principal.streetCode ? { street: principal.streetCode } : {}),
    sub: principal.userId,
    iss: ISSUER,
    aud: AUDIENCE,
    iat: issuedAt,
    exp: issuedAt + ACCESS_TOKEN_TTL_SECONDS,
  })}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), { key: keys.privateKey, ...SIGNATURE }).toString('base64url')}`;
}

/** Returns the principal, or undefined for any invalid, expired or tampered token. */
export async function verifyAccessToken(token: string, keys: VerificationKey, now: Date): Promise<Principal | undefined> {
  return (await verifyClaims(token, keys, now))?.principal;
}

function verifies(signingInput: string, signature: Buffer, keys: VerificationKey): boolean {
  try {
    return verify('sha256', Buffer.from(signingInput), { key: keys.publicKey, ...SIGNATURE }, signature);
  } catch {
    return false;
  }
}

/** The claims of a token this API issued and that is still valid at `now`; undefined for anything else. */
async function verifyClaims(token: string, keys: VerificationKey, now: Date): Promise<{ principal: Principal; expiresAtMs: number } | undefined> {
  if (!JWT_SHAPE.test(token)) return undefined;
  const [headerPart, payloadPart, signaturePart] = token.split('.');
  const header = decodeObject(headerPart);
  if (header?.alg !== 'ES256' || 'crit' in header) return undefined;
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== 64 || !verifies(`${headerPart}.${payloadPart}`, signature, keys)) return undefined;
  const payload = decodeObject(payloadPart);
  if (!payload) return undefined;
  const seconds = Math.floor(now.getTime() / 1000);
  const { sub, iss, aud, exp, nbf, iat } = payload;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (iss !== ISSUER || !audiences.includes(AUDIENCE) || typeof sub !== 'string' || !sub) return undefined;
  if (typeof exp !== 'number' || exp <= seconds) return undefined;
  if ((nbf !== undefined && (typeof nbf !== 'number' || nbf > seconds)) || (iat !== undefined && typeof iat !== 'number')) return undefined;
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is Role => ROLES.includes(role as Role)) : [];
  if (roles.length === 0) return undefined;
  return {
    principal: { userId: sub, roles, streetCode: typeof payload.street === 'string' ? payload.street : undefined },
    expiresAtMs: exp * 1000,
  };
}

/**
 * A verifier that remembers tokens it has verified until they expire, so a warm function does not
 * repeat the signature check on every request of the same session. Bounded; oldest entries go first.
 */
export function cachingVerifier(maxEntries = 1000) {
  const verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  return async (token: string, keys: VerificationKey, now: Date): Promise<Principal | undefined> => {
    const hit = verified.get(token);
    if (hit) {
      if (hit.expiresAtMs > now.getTime()) return hit.principal;
      verified.delete(token);
    }
    const claims = await verifyClaims(token, keys, now);
    if (!claims) return undefined;
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
    return claims.principal;
  };
}
