import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem, DEMO_ACCOUNTS } from '../support/system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t?.stop());

const requestCode = (phone: string, headers: Record<string, string> = {}) => t.client().call('POST', '/api/auth/otp', { phone }, headers);
const verify = (phone: string, code: string) => t.client().call('POST', '/api/auth/token', { phone, code });

describe('sign-in by SMS code', () => {
  it('registers a resident on first sign-in, and signs the same account in again later', async () => {
    const phone = '13977770001';
    expect(await requestCode(phone).expect(202)).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const code = t.sms.lastCodeFor(phone)!;
    expect(code).toMatch(/^\d{6}$/);
    const first = await verify(phone, code).expect(200);
    expect(first.user).toMatchObject({ roles: ['resident'], phoneMasked: '139****0001' });
    expect((await verify(phone, code).expect(401)).error.code).toBe('INVALID_CODE'); // a code signs in once
    t.clock.advanceDays(1 / 24 / 30); // two minutes later
    await requestCode(phone).expect(202);
    const again = await verify(phone, t.sms.lastCodeFor(phone)!).expect(200);
    expect(again.user.id).toBe(first.user.id);
  });

  it('allows five tries, then asks for a new code', async () => {
    const phone = '13977770002';
    await requestCode(phone).expect(202);
    const code = t.sms.lastCodeFor(phone)!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await verify(phone, wrong).expect(401)).error.code).toBe('INVALID_CODE');
    expect((await verify(phone, code).expect(429)).error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('expires codes after five minutes', async () => {
    const phone = '13977770003';
    await requestCode(phone).expect(202);
    t.clock.advanceDays(6 / 24 / 60);
    expect((await verify(phone, t.sms.lastCodeFor(phone)!).expect(401)).error.message).toMatch(/expired/);
  });

  it('limits how often codes are sent to a number: one a minute, five an hour', async () => {
    const phone = '13977770004';
    t.clock.advanceToNextHour();
    await requestCode(phone).expect(202);
    const tooSoon = await requestCode(phone);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.error.code).toBe('RATE_LIMITED');
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) {
      t.clock.advanceDays(61 / 86_400);
      await requestCode(phone).expect(202);
    }
    t.clock.advanceDays(61 / 86_400);
    const sixth = await requestCode(phone).expect(429);
    expect(sixth.error.message).toMatch(/this number/);
    expect(t.sms.sent.filter((m) => m.phone === phone)).toHaveLength(5);
  });

  it('rejects numbers that are not mainland mobiles', async () => {
    const body = await requestCode('12345').expect(400);
    expect(body.error.details[0].field).toBe('body.phone');
  });
});

describe('limits that protect the sign-in', () => {
  it('limits codes requested from one client address, whatever the numbers', async () => {
    t.clock.advanceToNextHour();
    for (let i = 0; i < 30; i++) await requestCode(`1370000${String(i).padStart(4, '0')}`).expect(202);
    const limited = await requestCode('13799999999');
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/network/);
  });

  it('lets access tokens expire after an hour', async () => {
    const phone = '13988880001';
    t.clock.advanceToNextHour(); // a fresh window for the address limit
    await requestCode(phone).expect(202);
    const { accessToken } = await verify(phone, t.sms.lastCodeFor(phone)!).expect(200);
    const api = t.client();
    api.token = accessToken;
    await api.call('GET', '/api/me').expect(200);
    t.clock.advanceDays(61 / 24 / 60);
    expect((await api.call('GET', '/api/me').expect(401)).error.code).toBe('UNAUTHENTICATED');
  });
});

describe('refresh tokens', () => {
  it('keep a device signed in: each is exchanged for its successor, picks up new roles, expires after 30 days, and sign-out ends the session', async () => {
    const phone = '13988880002';
    t.clock.advanceToNextHour();
    await requestCode(phone).expect(202);
    const first = await verify(phone, t.sms.lastCodeFor(phone)!).expect(200);
    expect(first.refreshExpiresIn).toBe(30 * 24 * 60 * 60);

    const second = await t.client().call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken }).expect(200);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.id).toBe(first.user.id);
    // A lost answer can be retried within the grace minute and names the same successor (sessions.test.ts has the rest of rotation).
    const retried = await t.client().call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken }).expect(200);
    expect(retried.refreshToken).toBe(second.refreshToken);

    const admin = await t.signIn(DEMO_ACCOUNTS.admin.phone);
    await admin.call('POST', '/api/admin/officers', { phone, name: '新任街道干部', role: 'street_officer', streetCode: 'daninglu' }).expect(201);
    const promoted = await t.client().call('POST', '/api/auth/refresh', { refreshToken: second.refreshToken }).expect(200);
    expect(promoted.user).toMatchObject({ roles: ['street_officer'], streetCode: 'daninglu' });
    const officer = t.client();
    officer.token = promoted.accessToken;
    await officer.call('GET', '/api/queue').expect(200);

    expect(await t.client().call('POST', '/api/auth/signout', { refreshToken: promoted.refreshToken }).expect(200)).toEqual({ signedOut: true });
    await t.client().call('POST', '/api/auth/refresh', { refreshToken: promoted.refreshToken }).expect(401);

    t.clock.advanceToNextHour();
    await requestCode(phone).expect(202);
    const later = await verify(phone, t.sms.lastCodeFor(phone)!).expect(200);
    t.clock.advanceDays(31);
    await t.client().call('POST', '/api/auth/refresh', { refreshToken: later.refreshToken }).expect(401);
  });
});
