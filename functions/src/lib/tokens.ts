import { jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from '@green-shield/shared/api/endpoints';
import type { SigningKeys, VerificationKey } from './signing-keys';

const ISSUER = 'green-shield';
const AUDIENCE = 'green-shield-api';
export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;

export interface Principal {
  userId: string;
  roles: Role[];
  /** Street/town a street officer is bound to. */
  streetCode?: string;
}

export async function issueAccessToken(principal: Principal, keys: SigningKeys, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ roles: principal.roles, ...(principal.streetCode ? { street: principal.streetCode } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
    .setSubject(principal.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(keys.privateKey);
}

/** Returns the principal, or undefined for any invalid, expired or tampered token. */
export async function verifyAccessToken(token: string, keys: VerificationKey, now: Date): Promise<Principal | undefined> {
  return (await verifyClaims(token, keys, now))?.principal;
}

async function verifyClaims(token: string, keys: VerificationKey, now: Date): Promise<{ principal: Principal; expiresAtMs: number } | undefined> {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['ES256'],
      currentDate: now,
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is Role => ROLES.includes(role as Role)) : [];
    if (!payload.sub || roles.length === 0 || !payload.exp) return undefined;
    return {
      principal: { userId: payload.sub, roles, streetCode: typeof payload.street === 'string' ? payload.street : undefined },
      expiresAtMs: payload.exp * 1000,
    };
  } catch {
    return undefined;
  }
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
