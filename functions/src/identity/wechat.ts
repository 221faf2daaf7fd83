/**
 * WeChat's server APIs for mini-program sign-in (../shared/reference/wechat.md): the `wx.login` code
 * becomes the user's openid (code2session, with the AppSecret), and the phone-number button's code
 * becomes the number (getuserphonenumber, with the access token). The AppSecret never reaches the
 * client; it comes from Secrets Manager.
 *
 * The access token comes from `stable_token`, which, unlike `token`, hands every caller the same
 * token while it is valid instead of invalidating the last one: each Lambda container keeps its own
 * copy and refreshes it shortly before expiry without signing the other containers out.
 */
import { ApiError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { rateLimited } from '../lib/rate-limits';

export const WECHAT_API_ORIGIN = 'https://api.weixin.qq.com';

export interface WechatPhone {
  /** Without country code, e.g. 13800138000. */
  phoneNumber: string;
  countryCode: string;
}

/** The seam for WeChat's sign-in APIs. */
export interface WechatApi {
  /** The user's openid for a `wx.login` code (one use, five minutes). */
  openIdFor(loginCode: string): Promise<string>;
  /** The number behind a phone-number button's code (one use, five minutes). */
  phoneFor(phoneCode: string): Promise<WechatPhone>;
}

/** How a WeChat call failed, in the kinds the API answers differently. */
export type WechatFailureKind = 'invalid_code' | 'throttled' | 'unavailable';

export class WechatApiError extends Error {
  constructor(
    readonly kind: WechatFailureKind,
    /** WeChat's errcode (or the HTTP status / error name when there was no answer). */
    readonly wechatCode: string,
  ) {
    super(`WeChat call failed (${kind}): ${wechatCode}`);
    this.name = 'WechatApiError';
  }
}

export function wechatFailureAnswer(failure: WechatApiError): ApiError {
  switch (failure.kind) {
    case 'invalid_code':
      return new ApiError('WECHAT_CODE_INVALID', 'WeChat did not accept the sign-in; tap to sign in again');
    case 'throttled':
      return rateLimited('WeChat is limiting sign-ins; try again in a minute', 60);
    case 'unavailable':
      return new ApiError('WECHAT_UNAVAILABLE', 'WeChat sign-in is not available right now; try again later', undefined, { 'retry-after': '60' });
  }
}

/** errcodes of a code the user's client sent: invalid, already used, missing. */
const INVALID_CODE = new Set([40029, 40163, 41008]);
/** The per-user minute limit of code2session and the phone-number API. */
const THROTTLED = new Set([45011]);
/** The access token is invalid or expired (another party forced a new one): fetch it again once. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
}

function failureOf(errcode: number): WechatApiError {
  if (INVALID_CODE.has(errcode)) return new WechatApiError('invalid_code', String(errcode));
  if (THROTTLED.has(errcode)) return new WechatApiError('throttled', String(errcode));
  // -1 (busy), a wrong AppID or AppSecret, an IP allow-list, a blocked account: nothing a user can fix.
  return new WechatApiError('unavailable', String(errcode));
}

/** Refresh the token this long before WeChat says it expires (clocks differ; a request takes time). */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
const TIMEOUT_MS = 5000;

export class WechatHttpApi implements WechatApi {
  private token?: Promise<{ value: string; refreshAtMs: number }>;

  constructor(
    private readonly appId: string,
    private readonly appSecret: () => Promise<string>,
    private readonly clock: Clock,
    private readonly origin = WECHAT_API_ORIGIN,
  ) {}

  async openIdFor(loginCode: string): Promise<string> {
    const query = new URLSearchParams({ appid: this.appId, secret: await this.secret(), js_code: loginCode, grant_type: 'authorization_code' });
    const answer = await this.call<{ openid?: string }>(`/sns/jscode2session?${query}`);
    if (!answer.openid) throw new WechatApiError('unavailable', 'NoOpenId');
    return answer.openid;
  }

  async phoneFor(phoneCode: string): Promise<WechatPhone> {
    let answer = await this.phoneNumberCall(phoneCode, await this.accessToken());
    if (answer.errcode && STALE_TOKEN.has(answer.errcode)) {
      this.token = undefined;
      answer = await this.phoneNumberCall(phoneCode, await this.accessToken());
    }
    if (answer.errcode) throw failureOf(answer.errcode);
    const info = answer.phone_info;
    // The watermark says which mini-program the number was released to.
    if (!info?.purePhoneNumber || info.watermark?.appid !== this.appId) throw new WechatApiError('unavailable', 'UnexpectedPhoneInfo');
    return { phoneNumber: info.purePhoneNumber, countryCode: info.countryCode ?? '' };
  }

  private phoneNumberCall(code: string, accessToken: string) {
    type PhoneAnswer = { phone_info?: { purePhoneNumber?: string; countryCode?: string; watermark?: { appid?: string } } };
    return this.call<PhoneAnswer>(`/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(accessToken)}`, { code }, { keepErrcode: true });
  }

  /** The cached access token, fetched once for all concurrent callers and refreshed before it expires. */
  private async accessToken(): Promise<string> {
    const cached = this.token && (await this.token.catch(() => undefined));
    if (cached && this.clock.now().getTime() < cached.refreshAtMs) return cached.value;
    const pending = this.fetchToken();
    this.token = pending;
    pending.catch(() => {
      if (this.token === pending) this.token = undefined;
    });
    return (await pending).value;
  }

  private async fetchToken() {
    const requestedAt = this.clock.now().getTime();
    const answer = await this.call<{ access_token?: string; expires_in?: number }>('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: this.appId,
      secret: await this.secret(),
      force_refresh: false,
    });
    if (!answer.access_token || !answer.expires_in) throw new WechatApiError('unavailable', 'NoAccessToken');
    return { value: answer.access_token, refreshAtMs: requestedAt + answer.expires_in * 1000 - TOKEN_MARGIN_MS };
  }

  private async secret(): Promise<string> {
    try {
      return (await this.appSecret()).trim();
    } catch {
      throw new WechatApiError('unavailable', 'AppSecretNotConfigured');
    }
  }

  /** One call: GET without a body, POST JSON with one. WeChat answers 200 with an errcode on failure. */
  private async call<T>(path: string, body?: object, options: { keepErrcode?: boolean } = {}): Promise<T & WechatAnswer> {
    let response: Response;
    try {
      response = await fetch(`${this.origin}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: body ? { 'content-type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new WechatApiError('unavailable', error instanceof Error ? error.name : 'NetworkError');
    }
    if (!response.ok) throw new WechatApiError('unavailable', `HTTP ${response.status}`);
    let answer: T & WechatAnswer;
    try {
      // Some of these APIs answer JSON as text/plain.
      answer = JSON.parse(await response.text());
    } catch {
      throw new WechatApiError('unavailable', 'NotJson');
    }
    if (answer.errcode && !options.keepErrcode) throw failureOf(answer.errcode);
    return answer;
  }
}
