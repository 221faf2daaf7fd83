/**
 * The real SMS adapters, each through its provider's official SDK pointed at a local fake of the
 * provider's HTTP API: what they send, how each provider refusal becomes one of our answers (429
 * with Retry-After, 400, 503 — never a 500), and that neither the code nor the number reaches the log.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type SmsSender, smsSenderFor } from '../../functions/src/identity/sms';
import type { SmsSettingsT } from '../../functions/src/identity/sms-settings';
import { createLogger } from '../../functions/src/lib/logger';
import { aliyunGatewayError, aliyunRefusal, awsError, type FakeSmsProvider, startFakeAliyunSms, startFakeAwsSms } from '../support/fake-sms-providers';
import { startTestSystem, type TestSystem } from '../support/system';

const ALIYUN_KEY = { accessKeyId: 'LTAI-fake-key-id', accessKeySecret: 'fake-key-secret' };
const ORIGINATION = 'arn:aws:sms-voice:ap-east-1:123456789012:sender-id/GREENSHIELD/CN';

const aliyunSettings = (endpoint: string): SmsSettingsT => ({
  provider: 'aliyun',
  signName: '绿盾通',
  templateCode: 'SMS_154950909',
  codeParam: 'code',
  region: 'cn-hangzhou',
  endpoint,
});
const awsSettings = (endpoint: string): SmsSettingsT => ({
  provider: 'aws',
  originationIdentityArn: ORIGINATION,
  messageTemplate: '【绿盾通】您的登录验证码是 {code}，5 分钟内有效。',
  configurationSetName: 'green-shield',
  endpoint,
});

function senderFor(settings: SmsSettingsT, credentials = JSON.stringify(ALIYUN_KEY)) {
  const lines: string[] = [];
  const sender = smsSenderFor(
    settings,
    async () => credentials,
    createLogger({}, (line) => lines.push(line)),
  );
  return { sender, lines };
}

/** What a failed send threw, as the service sees it. */
async function failureOf(sender: SmsSender, phone = '13912340000', code = '246810') {
  const failure = await sender.sendSignInCode(phone, code).then(
    () => undefined,
    (error: unknown) => error as { name: string; kind: string; providerCode: string; retryAfterSeconds?: number },
  );
  expect(failure?.name).toBe('SmsDeliveryError');
  return failure!;
}

describe('Aliyun SMS (dysmsapi SendSms through @alicloud/dysmsapi20170525)', () => {
  let fake: FakeSmsProvider;
  beforeAll(async () => {
    fake = await startFakeAliyunSms();
  });
  afterAll(() => fake?.stop());

  it('sends the code with the configured signature and template, signed with the access key from the secret', async () => {
    const { sender } = senderFor(aliyunSettings(fake.url));
    await sender.sendSignInCode('13912340001', '135790');
    const [message] = fake.messages().slice(-1);
    expect(message.phone).toBe('13912340001');
    expect(JSON.parse(message.text)).toEqual({ code: '135790' });
    expect(message.fields).toMatchObject({ SignName: '绿盾通', TemplateCode: 'SMS_154950909' });
    expect(message.fields.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI-fake-key-id,/);
  });

  it('turns per-number flow control into a wait as long as the window it names', async () => {
    const { sender } = senderFor(aliyunSettings(fake.url));
    fake.answerNext(aliyunRefusal('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1'));
    expect(await failureOf(sender)).toMatchObject({ kind: 'throttled', providerCode: 'isv.BUSINESS_LIMIT_CONTROL', retryAfterSeconds: 60 });
    fake.answerNext(aliyunRefusal('isv.BUSINESS_LIMIT_CONTROL', '触发小时级流控Permits:5'));
    expect((await failureOf(sender)).retryAfterSeconds).toBe(3600);
    fake.answerNext(aliyunRefusal('isv.BUSINESS_LIMIT_CONTROL', '触发天级流控Permits:10'));
    const daily = (await failureOf(sender)).retryAfterSeconds!;
    expect(daily).toBeGreaterThan(0);
    expect(daily).toBeLessThanOrEqual(86_400);
  });

  it('sorts the other refusals: a bad number, the account or configuration, the gateway', async () => {
    const { sender } = senderFor(aliyunSettings(fake.url));
    fake.answerNext(aliyunRefusal('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号'));
    expect(await failureOf(sender)).toMatchObject({ kind: 'number_rejected' });
    for (const code of ['isv.AMOUNT_NOT_ENOUGH', 'isv.SMS_TEMPLATE_ILLEGAL', 'isv.SMS_SIGNATURE_ILLEGAL', 'isv.DAY_LIMIT_CONTROL', 'isp.SYSTEM_ERROR']) {
      fake.answerNext(aliyunRefusal(code, 'refused'));
      expect(await failureOf(sender), code).toMatchObject({ kind: 'unavailable', providerCode: code });
    }
    fake.answerNext(aliyunGatewayError(400, 'Throttling.User', 'Request was denied due to user flow control.'));
    expect(await failureOf(sender)).toMatchObject({ kind: 'throttled', providerCode: 'Throttling.User' });
    fake.answerNext(aliyunGatewayError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'));
    expect(await failureOf(sender)).toMatchObject({ kind: 'unavailable', providerCode: 'InvalidAccessKeyId.NotFound' });
    fake.answerNext(aliyunGatewayError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'));
    expect(await failureOf(sender)).toMatchObject({ kind: 'unavailable', providerCode: 'ServiceUnavailable' });
  });

  it('is unavailable, sending nothing, while its credentials secret still holds the placeholder', async () => {
    const before = fake.messages().length;
    const { sender, lines } = senderFor(aliyunSettings(fake.url), 'AUTO-GENERATED-placeholder');
    expect(await failureOf(sender)).toMatchObject({ kind: 'unavailable', providerCode: 'CredentialsNotConfigured' });
    expect(fake.messages()).toHaveLength(before);
    expect(lines.at(-1)).toContain('"level":"error"');
  });

  it('is unavailable when the provider cannot be reached', async () => {
    const { sender } = senderFor(aliyunSettings('http://127.0.0.1:9'));
    expect(await failureOf(sender)).toMatchObject({ kind: 'unavailable' });
  });
});

describe('AWS End User Messaging SMS (SendTextMessage through @aws-sdk/client-pinpoint-sms-voice-v2)', () => {
  let fake: FakeSmsProvider;
  beforeAll(async () => {
    // The function's role in Lambda; any key here (the fake does not check signatures).
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFAKE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake-secret');
    fake = await startFakeAwsSms();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await fake?.stop();
  });

  it('sends the configured text, transactional, from the origination identity, in its region', async () => {
    const { sender } = senderFor(awsSettings(fake.url));
    await sender.sendSignInCode('13912340002', '975310');
    const [message] = fake.messages().slice(-1);
    expect(message.phone).toBe('+8613912340002');
    expect(message.text).toBe('【绿盾通】您的登录验证码是 975310，5 分钟内有效。');
    expect(message.fields).toMatchObject({ OriginationIdentity: ORIGINATION, MessageType: 'TRANSACTIONAL', ConfigurationSetName: 'green-shield' });
    expect(message.fields.authorization).toMatch(/Credential=AKIDFAKE\/\d{8}\/ap-east-1\/sms-voice\/aws4_request/);
  });

  it('sorts refusals: throttling, a number that cannot receive, quotas and configuration', async () => {
    const { sender } = senderFor(awsSettings(fake.url));
    // The SDK retries a throttle once; both answers throttle.
    fake.answerNext(awsError(400, 'ThrottlingException'), awsError(400, 'ThrottlingException'));
    expect(await failureOf(sender)).toMatchObject({ kind: 'throttled', providerCode: 'ThrottlingException' });
    fake.answerNext(awsError(402, 'ServiceQuotaExceededException', { Reason: 'DAILY_DESTINATION_CALL_LIMIT' }));
    expect(await failureOf(sender)).toMatchObject({ kind: 'throttled', retryAfterSeconds: 86_400 });
    fake.answerNext(awsError(400, 'ConflictException', { Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT', ResourceType: 'phone-number', ResourceId: 'x' }));
    expect(await failureOf(sender)).toMatchObject({ kind: 'number_rejected', providerCode: 'ConflictException:DESTINATION_PHONE_NUMBER_OPTED_OUT' });
    fake.answerNext(awsError(400, 'ValidationException', { Reason: 'INVALID_PARAMETER', Fields: [{ Name: 'DestinationPhoneNumber', Message: 'bad' }] }));
    expect(await failureOf(sender)).toMatchObject({ kind: 'number_rejected' });
    fake.answerNext(awsError(400, 'ValidationException', { Reason: 'DESTINATION_COUNTRY_BLOCKED', Fields: [] }));
    expect(await failureOf(sender)).toMatchObject({ kind: 'unavailable' });
    fake.answerNext(awsError(402, 'ServiceQuotaExceededException', { Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT' }));
    expect(await failureOf(sender)).toMatchObject({ kind: 'unavailable' });
    fake.answerNext(awsError(403, 'AccessDeniedException', { Reason: 'ACCOUNT_DISABLED' }));
    expect(await failureOf(sender)).toMatchObject({ kind: 'unavailable' });
    fake.answerNext(awsError(500, 'InternalServerException'), awsError(500, 'InternalServerException'));
    expect(await failureOf(sender)).toMatchObject({ kind: 'unavailable', providerCode: 'InternalServerException' });
  });
});

describe('sign-in codes through a real adapter', () => {
  let fake: FakeSmsProvider;
  let t: TestSystem;
  /** What the sender logged; the rest of the system logs to `t.logs`. */
  const senderLines: string[] = [];
  beforeAll(async () => {
    fake = await startFakeAliyunSms();
    const sms = smsSenderFor(
      aliyunSettings(fake.url),
      async () => JSON.stringify(ALIYUN_KEY),
      createLogger({}, (line) => senderLines.push(line)),
    );
    t = await startTestSystem({ sms });
  });
  afterAll(async () => {
    await t?.stop();
    await fake?.stop();
  });

  const requestCode = (phone: string) => t.client().call('POST', '/api/auth/otp', { phone });

  it('signs in with the code the provider delivered', async () => {
    const phone = '13912340010';
    await requestCode(phone).expect(202);
    const { text } = fake.messages().findLast((message) => message.phone === phone)!;
    const { code } = JSON.parse(text) as { code: string };
    const signedIn = await t.client().call('POST', '/api/auth/token', { phone, code }).expect(200);
    expect(signedIn.user.phoneMasked).toBe('139****0010');
  });

  it('answers each provider refusal with its own code, never a 500, and lets the number ask again at once', async () => {
    t.clock.advanceToNextHour();
    const phone = '13912340011';
    fake.answerNext(aliyunRefusal('isv.BUSINESS_LIMIT_CONTROL', '触发小时级流控Permits:5'));
    const throttled = await requestCode(phone);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('RATE_LIMITED');
    expect(throttled.headers.get('retry-after')).toBe('3600');

    fake.answerNext(aliyunRefusal('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号'));
    const rejected = await requestCode(phone).expect(400);
    expect(rejected.error).toMatchObject({ code: 'SMS_NUMBER_REJECTED', details: [{ field: 'body.phone' }] });

    fake.answerNext(aliyunRefusal('isv.AMOUNT_NOT_ENOUGH', '账户余额不足'));
    const down = await requestCode(phone);
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('SMS_UNAVAILABLE');
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);

    // Nothing was sent those three times, so nothing holds the number to the one-a-minute rule.
    await requestCode(phone).expect(202);
  });

  it('never writes a code or a full number to the log', async () => {
    const sent = fake.messages();
    expect(sent.length).toBeGreaterThan(0);
    const log = [...senderLines, ...t.logs].join('\n');
    for (const { phone, text } of sent) {
      expect(log).not.toContain(phone);
      expect(log).not.toContain((JSON.parse(text) as { code: string }).code);
    }
    expect(log).toContain('"providerCode":"isv.AMOUNT_NOT_ENOUGH"');
  });
});
