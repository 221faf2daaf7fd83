import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteId } from '@green-shield/shared/api/routes';
import { authenticate } from '../../../functions/src/lib/http/authenticate';
import { generateKeyMaterial, toSigningKeys, type SigningKeys } from '../../../functions/src/lib/signing-keys';
import { issueAccessToken, type Principal } from '../../../functions/src/lib/tokens';
import { fakeEvent, fakeRequest, refusal, routed, runBefore } from './fake-request';

const now = new Date('2026-06-01T08:00:00Z');
let keys: SigningKeys;
beforeAll(async () => {
  keys = await toSigningKeys(await generateKeyMaterial());
});

const middleware = (verificationKeys = async () => keys as Pick<SigningKeys, 'publicKey'> | undefined) =>
  authenticate({ clock: { now: () => now }, verificationKeys });
const requestFor = (id: RouteId, authorization?: string) => fakeRequest(fakeEvent('GET /x', { headers: authorization ? { authorization } : {} }), routed(id));
const tokenFor = (principal: Principal, at = now) => issueAccessToken(principal, keys, at);

describe('authenticate middleware', () => {
  it('sets the principal of a valid bearer token whose role may call the route', async () => {
    const token = await tokenFor({ userId: 'u1', roles: ['street_officer'], streetCode: 'jingansi' });
    const request = await runBefore(middleware(), requestFor('queue', `Bearer ${token}`));
    expect(request.context.principal).toEqual({ userId: 'u1', roles: ['street_officer'], streetCode: 'jingansi' });
  });

  it('answers 401 without a token, and with a token that is invalid or expired', async () => {
    expect(await refusal(middleware(), requestFor('me'))).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Sign in first' });
    expect(await refusal(middleware(), requestFor('me', 'Bearer not.a.token'))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'The access token is invalid or expired',
    });
    const expired = await tokenFor({ userId: 'u1', roles: ['resident'] }, new Date(now.getTime() - 2 * 60 * 60 * 1000));
    expect((await refusal(middleware(), requestFor('me', `Bearer ${expired}`))).code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 when no verification key is available yet', async () => {
    const token = await tokenFor({ userId: 'u1', roles: ['resident'] });
    expect(
      (
        await refusal(
          middleware(async () => undefined),
          requestFor('me', `Bearer ${token}`),
        )
      ).code,
    ).toBe('UNAUTHENTICATED');
  });

  it('answers 403 when none of the caller’s roles may call the route', async () => {
    const token = await tokenFor({ userId: 'u1', roles: ['resident'] });
    expect(await refusal(middleware(), requestFor('queue', `Bearer ${token}`))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  it('lets anyone call a public route, with the principal when a valid token was sent and without when a bad one was', async () => {
    const token = await tokenFor({ userId: 'u1', roles: ['resident'] });
    expect((await runBefore(middleware(), requestFor('health'))).context.principal).toBeUndefined();
    expect((await runBefore(middleware(), requestFor('health', `bearer ${token}`))).context.principal).toMatchObject({ userId: 'u1' });
    expect((await runBefore(middleware(), requestFor('health', 'Bearer forged'))).context.principal).toBeUndefined();
  });
});
