/**
 * WeChat sign-in: the adapter against a local fake of WeChat's server API (code2session, the
 * stable access token and its cache, the phone-number API), then the route through the local
 * gateway, where a login code and a phone-number code sign a resident in without any SMS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatHttpApi } from '../../functions/src/identity/wechat';
import { IdentityRepository } from '../../functions/src/identity/repository';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeWechat, startFakeWechat } from '../support/fake-wechat';
import { MutableClock } from '../support/clock';
import { startTestSystem, type TestSystem } from '../support/system';

let wechat: FakeWechat;
beforeAll(async () => {
  wechat = await startFakeWechat();
});
afterAll(() => wechat?.stop());

const apiFor = (clock = new MutableClock(), secret = FAKE_APP_SECRET) => new WechatHttpApi(FAKE_APP_ID, async () => secret, clock, wechat.url);

/** The kind of WechatApiError a call failed with. */
const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => 'succeeded',
    (error: { name: string; kind: string }) => `${error.name}:${error.kind}`,
  );

describe('the WeChat API adapter', () => {
  it('exchanges a login code for the openid and a phone code for the number, each once', async () => {
    const api = apiFor();
    const loginCode = wechat.issueLoginCode('o-openid-1');
    expect(await api.openIdFor(loginCode)).toBe('o-openid-1');
    expect(await failureOf(api.openIdFor(loginCode))).toBe('WechatApiError:invalid_code');
    const phoneCode = wechat.issuePhoneCode('13955550001');
    expect(await api.phoneFor(phoneCode)).toEqual({ phoneNumber: '13955550001', countryCode: '86' });
    expect(await failureOf(api.phoneFor(phoneCode))).toBe('WechatApiError:invalid_code');
  });

  it('fetches the access token once, refreshes it before it expires, and again when WeChat says it is stale', async () => {
    const clock = new MutableClock();
    const api = apiFor(clock);
    const before = wechat.tokenFetches();
    await Promise.all([api.phoneFor(wechat.issuePhoneCode('13955550002')), api.phoneFor(wechat.issuePhoneCode('13955550003'))]);
    await api.phoneFor(wechat.issuePhoneCode('13955550004'));
    expect(wechat.tokenFetches() - before).toBe(1);
    // Within five minutes of its two hours, the token is fetched again.
    clock.advanceDays((2 * 60 - 4) / (24 * 60));
    await api.phoneFor(wechat.issuePhoneCode('13955550005'));
    expect(wechat.tokenFetches() - before).toBe(2);
    // Someone forced a new token elsewhere: the call is retried once with a fresh one.
    wechat.expireTokens();
    expect(await api.phoneFor(wechat.issuePhoneCode('13955550006'))).toMatchObject({ phoneNumber: '13955550006' });
    expect(wechat.tokenFetches() - before).toBe(3);
  });

  it('sorts WeChat refusals: a bad code, the per-user limit, and everything the user cannot fix', async () => {
    const api = apiFor();
    wechat.failNext('login', 45011);
    expect(await failureOf(api.openIdFor(wechat.issueLoginCode('o-x')))).toBe('WechatApiError:throttled');
    wechat.failNext('login', -1);
    expect(await failureOf(api.openIdFor(wechat.issueLoginCode('o-x')))).toBe('WechatApiError:unavailable');
    wechat.failNext('phone', 40029);
    expect(await failureOf(api.phoneFor(wechat.issuePhoneCode('13955550007')))).toBe('WechatApiError:invalid_code');
    // A number released to another mini-program is not ours to use.
    expect(await failureOf(api.phoneFor(wechat.issuePhoneCode('13955550008', '86', 'wxffffffffffffffff')))).toBe('WechatApiError:unavailable');
    // A wrong AppSecret (or the placeholder still in the secret) fails the token and the login alike.
    const misconfigured = apiFor(new MutableClock(), 'not-the-secret');
    expect(await failureOf(misconfigured.openIdFor(wechat.issueLoginCode('o-x')))).toBe('WechatApiError:unavailable');
    expect(await failureOf(misconfigured.phoneFor(wechat.issuePhoneCode('13955550009')))).toBe('WechatApiError:unavailable');
    expect(await failureOf(apiFor(new MutableClock(), FAKE_APP_SECRET).openIdFor('x'))).toBe('WechatApiError:invalid_code');
    const unreachable = new WechatHttpApi(FAKE_APP_ID, async () => FAKE_APP_SECRET, new MutableClock(), 'http://127.0.0.1:9');
    expect(await failureOf(unreachable.openIdFor('code'))).toBe('WechatApiError:unavailable');
  });
});

describe('POST /api/auth/wechat', () => {
  let t: TestSystem;
  beforeAll(async () => {
    const clock = new MutableClock();
    t = await startTestSystem({ clock, wechat: new WechatHttpApi(FAKE_APP_ID, async () => FAKE_APP_SECRET, clock, wechat.url) });
  });
  afterAll(() => t?.stop());

  const signIn = (openId: string, phone: string, countryCode = '86') =>
    t.client().call('POST', '/api/auth/wechat', { loginCode: wechat.issueLoginCode(openId), phoneCode: wechat.issuePhoneCode(phone, countryCode) });

  it('signs a resident in with one tap (no SMS), registering the number on first use and remembering the openid', async () => {
    const smsBefore = t.sms.sent.length;
    const first = await signIn('o-resident-1', '13955551001').expect(200);
    expect(first.user).toMatchObject({ roles: ['resident'], phoneMasked: '139****1001' });
    const again = await signIn('o-resident-1', '13955551001').expect(200);
    expect(again.user.id).toBe(first.user.id);
    expect(t.sms.sent).toHaveLength(smsBefore);
    const api = t.client();
    api.token = again.accessToken;
    expect((await api.call('GET', '/api/me').expect(200)).id).toBe(first.user.id);
    const stored = await new IdentityRepository(t.system.identityDeps.db, t.system.tableName).getUser(first.user.id);
    expect(stored?.wechatOpenId).toBe('o-resident-1');
  });

  it('signs in the account a number already has (an officer keeps their role)', async () => {
    const officer = await signIn('o-officer', '13800000002').expect(200);
    expect(officer.user.roles).toEqual(['street_officer']);
  });

  it('refuses codes WeChat does not accept, numbers outside the mainland and malformed bodies, with 4xx codes', async () => {
    const reused = wechat.issueLoginCode('o-resident-2');
    await t
      .client()
      .call('POST', '/api/auth/wechat', { loginCode: reused, phoneCode: wechat.issuePhoneCode('13955551002') })
      .expect(200);
    const again = await t
      .client()
      .call('POST', '/api/auth/wechat', { loginCode: reused, phoneCode: wechat.issuePhoneCode('13955551002') })
      .expect(400);
    expect(again.error.code).toBe('WECHAT_CODE_INVALID');
    expect((await signIn('o-hk', '91234567', '852').expect(400)).error.code).toBe('PHONE_NOT_SUPPORTED');
    const malformed = await t.client().call('POST', '/api/auth/wechat', { loginCode: 'a b', phoneCode: '' }).expect(400);
    expect(malformed.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 503 WECHAT_UNAVAILABLE while WeChat fails, and 429 at its per-user limit', async () => {
    wechat.failNext('phone', -1);
    const busy = await signIn('o-resident-3', '13955551003');
    expect(busy.status).toBe(503);
    expect(busy.body.error.code).toBe('WECHAT_UNAVAILABLE');
    wechat.failNext('login', 45011);
    const limited = await signIn('o-resident-3', '13955551003');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
  });
});

describe('POST /api/auth/wechat where no mini-program is configured', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t?.stop());

  it('answers 503 WECHAT_UNAVAILABLE (the H5 app signs in by SMS)', async () => {
    const answer = await t.client().call('POST', '/api/auth/wechat', { loginCode: 'abc', phoneCode: 'def' });
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('WECHAT_UNAVAILABLE');
  });
});
