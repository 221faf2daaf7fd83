import { ApiError } from '../errors';
import type { Clock } from '../clock';
import { tokenKeyId } from '../key-set';
import type { VerificationKey } from '../signing-keys';
import { cachingVerifier } from '../tokens';
import { type EdgeMiddleware, type EdgeRequest, need } from './context';

export interface AuthenticationDeps {
  clock: Clock;
  /**
   * The public key that verifies a token naming key id `kid` (the private part is only used by
   * identity); undefined when none may (an unknown, revoked or long-replaced key: lib/key-set.ts).
   */
  verificationKeys: (kid?: string) => Promise<VerificationKey | undefined>;
}

const BEARER = /^Bearer\s+(.+)$/i;

/**
 * Bearer token → principal. Public routes take a valid token when one is sent and ignore a bad one;
 * other routes answer 401 without a valid token and 403 when none of the caller's roles may call them.
 */
export function authenticate(deps: AuthenticationDeps, verify = cachingVerifier()): EdgeMiddleware {
  const authenticateBefore = async (request: EdgeRequest) => {
    const { auth } = need(request.context, 'route').spec;
    const token = BEARER.exec(request.event.headers.authorization ?? '')?.[1];
    // Looked up on every request, cached verification or not, so a revoked key stops its tokens.
    const key = token ? await deps.verificationKeys(tokenKeyId(token)) : undefined;
    const principal = token && key ? await verify(token, key, deps.clock.now()) : undefined;
    request.context.principal = principal;
    if (auth === 'public') return;
    if (!principal) throw new ApiError('UNAUTHENTICATED', token ? 'The access token is invalid or expired' : 'Sign in first');
    if (!principal.roles.some((role) => auth.includes(role))) throw new ApiError('FORBIDDEN', 'Your role may not use this endpoint');
  };
  return { before: authenticateBefore };
}
