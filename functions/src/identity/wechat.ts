/**
 * WeChat's server APIs for mini-program sign-in (../shared/reference/wechat.md): the `wx.login` code
 * becomes the user's openid (code2session, with the AppSecret), and the phone-number button's code
 * becomes the number (getuserphonenumber, with the access token). The calls, the AppSecret and the
 * access token's cache are lib/wechat-server.ts's.
 */
import { ApiError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { rateLimited } from '../lib/rate-limits';
import { failureOf, WECHAT_API_ORIGIN, WechatApiError, WechatServerClient } from '../lib/wechat-server';

export { WechatApiError, type WechatFailureKind } from '../lib/wechat-server';

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

export class WechatHttpApi implements WechatApi {
  private readonly server: WechatServerClient;

  constructor(appId: string, appSecret: () => Promise<string>, clock: Clock, origin = WECHAT_API_ORIGIN) {
    this.server = new WechatServerClient(appId, appSecret, clock, origin);
  }

  async openIdFor(loginCode: string): Promise<string> {
    const query = new URLSearchParams({ appid: this.server.appId, secret: await this.server.secret(), js_code: loginCode, grant_type: 'authorization_code' });
    const answer = await this.server.call<{ openid?: string }>(`/sns/jscode2session?${query}`);
    if (!answer.openid) throw new WechatApiError('unavailable', 'NoOpenId');
    return answer.openid;
  }

  async phoneFor(phoneCode: string): Promise<WechatPhone> {
    type PhoneAnswer = { phone_info?: { purePhoneNumber?: string; countryCode?: string; watermark?: { appid?: string } } };
    const answer = await this.server.callWithToken<PhoneAnswer>('/wxa/business/getuserphonenumber', { code: phoneCode });
    if (answer.errcode) throw failureOf(answer.errcode);
    const info = answer.phone_info;
    // The watermark says which mini-program the number was released to.
    if (!info?.purePhoneNumber || info.watermark?.appid !== this.server.appId) throw new WechatApiError('unavailable', 'UnexpectedPhoneInfo');
    return { phoneNumber: info.purePhoneNumber, countryCode: info.countryCode ?? '' };
  }
}
