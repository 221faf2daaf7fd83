import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_REUSE_GRACE_SECONDS } from '../../functions/src/identity/otp-policy';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../functions/src/lib/tokens';
import { startTestSystem, type TestSystem } from '../support/system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t?.stop());

let phoneCounter = 0;

/** Signs a new resident in and returns the token answer. */
async function signedIn(): Promise<{ accessToken: string; refreshToken: string }> {
  const phone = `1395555${String(++phoneCounter).padStart(4, '0')}`;
  t.clock.advanceToNextHour(); // a fresh window for the per-address code limit
  await t.client().call('POST', '/api/auth/otp', { phone }).expect(202);
  return t
    .client()
    .call('POST', '/api/auth/token', { phone, code: t.sms.lastCodeFor(phone) })
    .expect(200);
}

const refresh = (refreshToken: string) => t.client().call('POST', '/api/auth/refresh', { refreshToken });
const signOut = (refreshToken: string) => t.client().call('POST', '/api/auth/signout', { refreshToken });
const me = (accessToken: string) => {
  const api = t.client();
  api.token = accessToken;
  return api.call('GET', '/api/me');
};

describe('refresh-token rotation with reuse detection', () => {
  it('answers ten parallel refreshes with one token with one and the same successor, so a session cannot fork', async () => {
    const first = await signedIn();
    const answers = await Promise.all(Array.from({ length: 10 }, () => refresh(first.refreshToken)));
    expect(answers.map((answer) => answer.status).filter((status) => status !== 200 && status !== 401)).toEqual([]);
    const successors = new Set(answers.filter((answer) => answer.status === 200).map((answer) => answer.body.refreshToken));
    expect(successors.size).toBe(1);
    const [successor] = successors;
    expect(successor).not.toBe(first.refreshToken);

    // The one successor carries the session on; the used token is spent once the grace is over.
    const next = await refresh(successor).expect(200);
    t.clock.advanceSeconds(REFRESH_REUSE_GRACE_SECONDS + 1);
    await refresh(next.refreshToken).expect(200);
  });

  it('gives a retry within the grace the same successor, as long as that successor is unused', async () => {
    const first = await signedIn();
    const second = await refresh(first.refreshToken).expect(200);
    const retried = await refresh(first.refreshToken).expect(200);
    expect(retried.refreshToken).toBe(second.refreshToken);
    await me(retried.accessToken).expect(200);
  });

  it('revokes the whole family when a used token comes back after the grace: the successor stops working too', async () => {
    const first = await signedIn();
    const second = await refresh(first.refreshToken).expect(200);
    t.clock.advanceSeconds(REFRESH_REUSE_GRACE_SECONDS + 1);
    expect((await refresh(first.refreshToken).expect(401)).error.code).toBe('UNAUTHENTICATED');
    await refresh(second.refreshToken).expect(401);
  });

  it('revokes the family when a used token comes back after its successor was used, even within the grace', async () => {
    const first = await signedIn();
    const second = await refresh(first.refreshToken).expect(200);
    const third = await refresh(second.refreshToken).expect(200);
    await refresh(first.refreshToken).expect(401);
    await refresh(third.refreshToken).expect(401);
  });

  it('ends the session on sign-out with any of its tokens, including one still within its grace', async () => {
    const first = await signedIn();
    const second = await refresh(first.refreshToken).expect(200);
    expect(await signOut(second.refreshToken).expect(200)).toEqual({ signedOut: true });
    await refresh(first.refreshToken).expect(401);
    await refresh(second.refreshToken).expect(401);
    expect(await signOut(second.refreshToken).expect(200)).toEqual({ signedOut: false });

    const other = await signedIn();
    const otherNext = await refresh(other.refreshToken).expect(200);
    expect(await signOut(other.refreshToken).expect(200)).toEqual({ signedOut: true });
    await refresh(otherNext.refreshToken).expect(401);
  });

  it('leaves an access token working after sign-out until it expires, at most an hour', async () => {
    const session = await signedIn();
    await signOut(session.refreshToken).expect(200);
    await me(session.accessToken).expect(200);
    t.clock.advanceSeconds(ACCESS_TOKEN_TTL_SECONDS + 1);
    await me(session.accessToken).expect(401);
  });
});
