/**
 * Refresh tokens, pure: minting, keyed hashing, the one successor of each token, and what presenting
 * a stored token means. A session is the family of tokens rotated from one sign-in.
 */
import { createHmac, randomBytes } from 'node:crypto';

export function generateRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The table keeps only this keyed hash: a leaked table holds no usable token. */
export function hashRefreshToken(token: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(`refresh:${token}`).digest('base64url');
}

/**
 * The token that replaces `token`, derived rather than drawn, so every retry of one refresh names
 * the same successor without the table holding it in clear. Deriving it needs the token itself and
 * the secret pepper.
 */
export function successorOf(token: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(`refresh-successor:${token}`).digest('base64url');
}

export interface StoredRefreshToken {
  userId: string;
  sessionId: string;
  expiresAtMs: number;
  /** When it was first exchanged for its successor. */
  usedAtMs?: number;
}

/**
 * What presenting a token means, judged on its state before this use:
 * - `first`: never used; it is exchanged for its successor;
 * - `retry`: used within the grace (an answer lost on the way): the same successor again;
 * - `replay`: used before the grace: someone holds a copy, so the whole session ends;
 * - `dead`: unknown or expired.
 */
export type RefreshUse = 'first' | 'retry' | 'replay' | 'dead';

export function refreshUse(token: StoredRefreshToken | undefined, nowMs: number, graceMs: number): RefreshUse {
  if (!token || token.expiresAtMs <= nowMs) return 'dead';
  if (token.usedAtMs === undefined) return 'first';
  return token.usedAtMs > nowMs - graceMs ? 'retry' : 'replay';
}
