/**
 * WeChat's server API (api.weixin.qq.com) for one mini-program, as sign-in and subscribe messages
 * use it (../shared/reference/wechat.md): calls that answer 200 with an `errcode` on failure, the
 * AppSecret from Secrets Manager (it never reaches the client), and the access token.
 *
 * The access token comes from `stable_token`, which, unlike `token`, hands every caller the same
 * token while it is valid instead of invalidating the last one: each Lambda container (identity's,
 * the table-events consumer's) keeps its own copy and refreshes it shortly before expiry without
 * signing the others out; when WeChat says it is stale anyway, a call is made once more with a new one.
 */
import type { Clock } from './clock';

export const WECHAT_API_ORIGIN = 'https://api.weixin.qq.com';

/** How a WeChat call failed, in the kinds callers answer differently. */
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

/** errcodes of a code the user's client sent: invalid, already used, missing. */
const INVALID_CODE = new Set([40029, 40163, 41008]);
/** The per-user minute limit of code2session and the phone-number API. */
const THROTTLED = new Set([45011]);
/** The access token is invalid or expired (another party forced a new one): fetch it again once. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

export interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
}

export function failureOf(errcode: number): WechatApiError {
  if (INVALID_CODE.has(errcode)) return new WechatApiError('invalid_code', String(errcode));
  if (THROTTLED.has(errcode)) return new WechatApiError('throttled', String(errcode));
  // -1 (busy), a wrong AppID or AppSecret, an IP allow-list, a blocked account: nothing a user can fix.
  return new WechatApiError('unavailable', String(errcode));
}

/** Refresh the token this long before WeChat says it expires (clocks differ; a request takes time). */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
const TIMEOUT_MS = 5000;

export class WechatServerClient {
  private token?: Promise<{ value: string; refreshAtMs: number }>;

  constructor(
    readonly appId: string,
    private readonly appSecret: () => Promise<string>,
    private readonly clock: Clock,
    private readonly origin = WECHAT_API_ORIGIN,
  ) {}

  /** The AppSecret, for the calls that take it (code2session). */
  async secret(): Promise<string> {
    try {
      return (await this.appSecret()).trim();
    } catch {
      throw new WechatApiError('unavailable', 'AppSecretNotConfigured');
    }
  }

  /**
   * A POST that takes the access token, made with the cached one and, if WeChat says it is stale,
   * once more with a new one. The answer keeps its errcode for the caller to read.
   */
  async callWithToken<T>(path: string, body: object): Promise<T & WechatAnswer> {
    const attempt = async () => this.call<T>(`${path}?access_token=${encodeURIComponent(await this.accessToken())}`, body, { keepErrcode: true });
    const answer = await attempt();
    if (!answer.errcode || !STALE_TOKEN.has(answer.errcode)) return answer;
    this.token = undefined;
    return attempt();
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

  /**
   * One call: GET without a body, POST JSON with one. WeChat answers 200 with an errcode on failure,
   * which becomes a WechatApiError unless `keepErrcode`.
   */
  async call<T>(path: string, body?: object, options: { keepErrcode?: boolean } = {}): Promise<T & WechatAnswer> {
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
