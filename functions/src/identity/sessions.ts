/**
 * Signed-in sessions: a sign-in starts one with its first refresh token; each refresh exchanges the
 * token for its one successor; a token presented again after the grace, or after its successor was
 * used, means two holders, so the whole session ends; sign-out ends it too. Access tokens are not
 * checked against the session: one keeps working until it expires (ACCESS_TOKEN_TTL_SECONDS).
 */
import { ulid } from 'ulid';
import { REFRESH_REUSE_GRACE_SECONDS, REFRESH_TOKEN_TTL_SECONDS } from './otp-policy';
import type { SessionRepository } from './session-repository';
import { generateRefreshToken, hashRefreshToken, refreshUse, successorOf } from './session-tokens';

export class Sessions {
  constructor(
    private readonly repo: SessionRepository,
    private readonly pepper: () => Promise<Buffer>,
  ) {}

  /** Starts a session; returns its first refresh token. */
  async start(userId: string, now: Date): Promise<string> {
    const refreshToken = generateRefreshToken();
    const token = { userId, sessionId: ulid(), expiresAtMs: now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000 };
    await this.repo.start(hashRefreshToken(refreshToken, await this.pepper()), token, now.getTime());
    return refreshToken;
  }

  /** The account and the presented token's successor, or undefined when the session is over (sign in again). */
  async rotate(presented: string, now: Date): Promise<{ userId: string; refreshToken: string } | undefined> {
    const pepper = await this.pepper();
    const nowMs = now.getTime();
    const graceMs = REFRESH_REUSE_GRACE_SECONDS * 1000;
    const { admitted, token } = await this.repo.claim(hashRefreshToken(presented, pepper), nowMs, graceMs);
    if (!token?.sessionId) return undefined;
    if (!admitted) {
      // Refused: dead, or a replay after the grace, which ends the session.
      if (refreshUse(token, nowMs, graceMs) === 'replay') await this.repo.end(token.sessionId, nowMs);
      return undefined;
    }
    const successor = successorOf(presented, pepper);
    const expiresAtMs = nowMs + REFRESH_TOKEN_TTL_SECONDS * 1000;
    const [live, unused] = await Promise.all([
      this.repo.extend(token.sessionId, expiresAtMs),
      this.repo.putSuccessor(hashRefreshToken(successor, pepper), { userId: token.userId, sessionId: token.sessionId, expiresAtMs }),
    ]);
    if (!unused) {
      // The successor was used already: this is not a retry of a lost answer but a second holder.
      await this.repo.end(token.sessionId, nowMs);
      return undefined;
    }
    return live ? { userId: token.userId, refreshToken: successor } : undefined;
  }

  /** Ends the session the token belongs to, whichever of its tokens it is; true when it was live. */
  async end(presented: string, now: Date): Promise<boolean> {
    const token = await this.repo.getToken(hashRefreshToken(presented, await this.pepper()));
    return token?.sessionId ? this.repo.end(token.sessionId, now.getTime()) : false;
  }
}
