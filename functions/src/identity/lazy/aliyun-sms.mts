/**
 * Alibaba Cloud SMS (短信服务) through its official SDK: SendSms with the configured signature and
 * verification-code template. Loaded only when a code is sent (a `lazy/` module; the SDK is about a
 * megabyte). The SDK does not retry: a send is not idempotent and a resident can ask again.
 */
import * as dysmsapi from '@alicloud/dysmsapi20170525';
import * as openapi from '@alicloud/openapi-core';
import type { SmsSender } from '../sms';
import { SmsDeliveryError } from '../sms-failure';
import type { AliyunCredentialsT, AliyunSmsSettingsT } from '../sms-settings';

/**
 * Both packages are CommonJS with their main class as `default`. Under Node's ESM interop the whole
 * `module.exports` is the namespace's `default`; bundled or under TypeScript's interop the namespace
 * is `module.exports` itself. Either way this returns `module.exports`.
 */
function commonJsExports<T extends object>(namespace: T): T {
  const inner = (namespace as { default?: unknown }).default;
  return (inner && typeof inner === 'object' && '__esModule' in inner ? inner : namespace) as T;
}

const sdk = commonJsExports(dysmsapi);
const { $OpenApiUtil } = commonJsExports(openapi);

/** Seconds until midnight in China (UTC+8 all year), when the provider's day limits start again. */
function secondsUntilChinaMidnight(now: Date): number {
  const day = 24 * 60 * 60;
  return day - ((Math.floor(now.getTime() / 1000) + 8 * 60 * 60) % day);
}

/** Seconds a resident waits after the provider's per-number flow control, by the window it names. */
function businessLimitWait(message: string | undefined): number {
  if (message?.includes('天级')) return secondsUntilChinaMidnight(new Date());
  if (message?.includes('小时级')) return 60 * 60;
  return 60;
}

/** SendSms answers 200 with a `Code`; anything but OK is a refusal, sorted by what the resident can do. */
function refusal(code: string | undefined, message: string | undefined): SmsDeliveryError {
  switch (code) {
    // Per-number flow control (by default 1 a minute, 5 an hour, 10 a day to one number).
    case 'isv.BUSINESS_LIMIT_CONTROL':
      return new SmsDeliveryError('throttled', code, businessLimitWait(message));
    case 'isv.MOBILE_NUMBER_ILLEGAL':
      return new SmsDeliveryError('number_rejected', code);
    // Everything else is the account or the configuration (arrears, day limit, signature or
    // template not approved, missing permission) or the provider itself: no resident can fix it.
    default:
      return new SmsDeliveryError('unavailable', code ?? 'NoCode');
  }
}

/** A call that failed before SendSms answered: the gateway's flow control, credentials, network, 5xx. */
function callFailure(error: unknown): SmsDeliveryError {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  if (name === 'ThrottlingError' || String(code).includes('Throttling')) return new SmsDeliveryError('throttled', String(code ?? name), 5);
  return new SmsDeliveryError('unavailable', String(code ?? name ?? 'NetworkError'));
}

export function createAliyunSmsSender(settings: AliyunSmsSettingsT, credentials: AliyunCredentialsT): SmsSender {
  const endpoint = settings.endpoint ? new URL(settings.endpoint) : undefined;
  const client = new sdk.default(
    new $OpenApiUtil.Config({
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      regionId: settings.region,
      endpoint: endpoint?.host,
      protocol: endpoint?.protocol.replace(':', ''),
      // A person waits on the answer: fail fast rather than hold the request (the function has 10 s).
      connectTimeout: 2000,
      readTimeout: 5000,
    }),
  );
  return {
    async sendSignInCode(phone, code) {
      let body: { code?: string; message?: string } | undefined;
      try {
        const response = await client.sendSms(
          new sdk.SendSmsRequest({
            phoneNumbers: phone,
            signName: settings.signName,
            templateCode: settings.templateCode,
            templateParam: JSON.stringify({ [settings.codeParam]: code }),
          }),
        );
        body = response.body;
      } catch (error) {
        throw callFailure(error);
      }
      if (body?.code !== 'OK') throw refusal(body?.code, body?.message);
    },
  };
}
