/**
 * A local stand-in for WeChat's server API (api.weixin.qq.com) as the mini-program's server uses it:
 * code2session, stable_token, getuserphonenumber and subscribeMessage.send. Codes are registered by
 * the test (`issueLoginCode`, `issuePhoneCode`), each accepted once as WeChat does; access tokens
 * expire when the test says (`expireTokens`); `failNext` makes the next call of a path answer an
 * errcode; subscribe messages sent with a valid token are kept (`messages`).
 */
import { randomBytes } from 'node:crypto';
import { type FakeHttp, startFakeHttp } from './fake-http';

export const FAKE_APP_ID = 'wx0123456789abcdef';
export const FAKE_APP_SECRET = 'fake-app-secret-0123456789abcdef';

const PATHS = {
  login: '/sns/jscode2session',
  token: '/cgi-bin/stable_token',
  phone: '/wxa/business/getuserphonenumber',
  send: '/cgi-bin/message/subscribe/send',
} as const;

export interface FakeWechat extends FakeHttp {
  /** A wx.login code for this openid. */
  issueLoginCode(openId: string): string;
  /** A phone-number button code for this number (pure number, country code). */
  issuePhoneCode(phoneNumber: string, countryCode?: string, appId?: string): string;
  /** Every access token issued so far stops working. */
  expireTokens(): void;
  /** The next call of `path` answers `{ errcode }`. */
  failNext(path: keyof typeof PATHS, errcode: number): void;
  tokenFetches(): number;
  /** The subscribe messages WeChat accepted, as their bodies. */
  messages(): Array<Record<string, unknown>>;
}

export async function startFakeWechat(tokenLifetimeSeconds = 7200): Promise<FakeWechat> {
  const loginCodes = new Map<string, string>();
  const phoneCodes = new Map<string, { phoneNumber: string; countryCode: string; appId: string }>();
  const failures = new Map<string, number>();
  const accepted: Array<Record<string, unknown>> = [];
  let validTokens = new Set<string>();
  let current: string | undefined;
  const error = (errcode: number) => ({ body: { errcode, errmsg: `fake error ${errcode}` } });
  const code = () => randomBytes(16).toString('hex');

  const server = await startFakeHttp((request) => {
    const path = request.url.pathname;
    const failure = failures.get(path);
    if (failure !== undefined) {
      failures.delete(path);
      return error(failure);
    }
    if (path === PATHS.login) {
      const query = request.url.searchParams;
      if (query.get('appid') !== FAKE_APP_ID || query.get('secret') !== FAKE_APP_SECRET) return error(40125);
      const openId = loginCodes.get(query.get('js_code') ?? '');
      if (!openId) return error(40029);
      loginCodes.delete(query.get('js_code') ?? '');
      // WeChat answers this one as text/plain.
      return { headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ openid: openId, session_key: 'fake-session-key' }) };
    }
    if (path === PATHS.token && request.method === 'POST') {
      const body = JSON.parse(request.body) as Record<string, unknown>;
      if (body.appid !== FAKE_APP_ID || body.secret !== FAKE_APP_SECRET || body.grant_type !== 'client_credential') return error(40125);
      // stable_token hands out the same token while it is valid.
      if (!current || !validTokens.has(current)) {
        current = code();
        validTokens.add(current);
      }
      return { body: { access_token: current, expires_in: tokenLifetimeSeconds } };
    }
    if (path === PATHS.phone && request.method === 'POST') {
      if (!validTokens.has(request.url.searchParams.get('access_token') ?? '')) return error(40001);
      const phoneCode = (JSON.parse(request.body) as { code?: string }).code ?? '';
      const phone = phoneCodes.get(phoneCode);
      if (!phone) return error(40029);
      phoneCodes.delete(phoneCode);
      const { phoneNumber, countryCode, appId } = phone;
      return {
        body: {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: `+${countryCode}${phoneNumber}`, purePhoneNumber: phoneNumber, countryCode, watermark: { timestamp: 1, appid: appId } },
        },
      };
    }
    if (path === PATHS.send && request.method === 'POST') {
      if (!validTokens.has(request.url.searchParams.get('access_token') ?? '')) return error(40001);
      accepted.push(JSON.parse(request.body) as Record<string, unknown>);
      return { body: { errcode: 0, errmsg: 'ok' } };
    }
    return { status: 404, body: { errcode: 404, errmsg: 'no such fake path' } };
  });

  return {
    ...server,
    issueLoginCode: (openId) => {
      const issued = code();
      loginCodes.set(issued, openId);
      return issued;
    },
    issuePhoneCode: (phoneNumber, countryCode = '86', appId = FAKE_APP_ID) => {
      const issued = code();
      phoneCodes.set(issued, { phoneNumber, countryCode, appId });
      return issued;
    },
    expireTokens: () => {
      validTokens = new Set();
    },
    failNext: (path, errcode) => failures.set(PATHS[path], errcode),
    tokenFetches: () => server.requests.filter((request) => request.url.pathname === PATHS.token).length,
    messages: () => [...accepted],
  };
}
