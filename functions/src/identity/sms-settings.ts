/**
 * Which SMS provider sends sign-in codes, and its settings: one schema for the deployment's
 * configuration (infra/config.ts validates it at synth) and for the identity function (which reads it
 * from SMS_SETTINGS). Templates, signatures and sender ids are configuration registered with the
 * provider, never literals in code; access keys are not here but in Secrets Manager
 * (SMS_CREDENTIALS_SECRET).
 */
import '@green-shield/shared/api/zod-messages';
import * as z from 'zod/mini';

/** A URL the SDK is pointed at instead of the provider's public endpoint (a VPC endpoint; tests' fakes). */
const endpoint = z.optional(z.url({ protocol: /^https?$/ }));

/** Codes go to the function log: development only (a production stage refuses it at synth). */
const ConsoleSmsSettings = z.strictObject({ provider: z.literal('console') });

/** Alibaba Cloud SMS (短信服务, API 2017-05-25 SendSms): a signature and a template approved in its console. */
const AliyunSmsSettings = z.strictObject({
  provider: z.literal('aliyun'),
  /** 短信签名, e.g. 绿盾通. */
  signName: z.string().check(z.minLength(2), z.maxLength(32)),
  /** 模板 CODE of an approved verification-code template, e.g. SMS_154950909. */
  templateCode: z.string().check(z.regex(/^SMS_\d+$/, 'an Aliyun template code such as SMS_154950909')),
  /** The template's variable that holds the code: `${code}` in the template text. */
  codeParam: z._default(z.string().check(z.regex(/^[A-Za-z]\w{0,31}$/)), 'code'),
  /** Region of the SMS endpoint (dysmsapi): mainland messages go through cn-hangzhou. */
  region: z._default(z.string().check(z.regex(/^[a-z]{2}-[a-z0-9-]+$/)), 'cn-hangzhou'),
  endpoint,
});

/**
 * AWS End User Messaging SMS (pinpoint-sms-voice-v2 SendTextMessage): sends from one origination
 * identity (a sender id, pool or phone number of the account, by ARN), which is also all the function
 * may send through. Not offered in the aws-cn partition.
 */
const AwsSmsSettings = z.strictObject({
  provider: z.literal('aws'),
  originationIdentityArn: z
    .string()
    .check(z.regex(/^arn:aws(-[a-z]+)*:sms-voice:[a-z0-9-]+:\d{12}:(sender-id|pool|phone-number)\/\S+$/, 'the ARN of a sender id, pool or phone number')),
  /** The registered message text with `{code}` where the code goes, e.g. 【绿盾通】验证码 {code}，5 分钟内有效。 */
  messageTemplate: z.string().check(z.maxLength(300), z.includes('{code}', { message: 'must contain {code}' })),
  /** A configuration set (delivery events, protect rules). */
  configurationSetName: z.optional(z.string().check(z.regex(/^[\w-]{1,64}$/))),
  endpoint,
});

export const SmsSettings = z.discriminatedUnion('provider', [ConsoleSmsSettings, AliyunSmsSettings, AwsSmsSettings]);
export type SmsSettingsT = z.infer<typeof SmsSettings>;
export type AliyunSmsSettingsT = z.infer<typeof AliyunSmsSettings>;
export type AwsSmsSettingsT = z.infer<typeof AwsSmsSettings>;
export type SmsProvider = SmsSettingsT['provider'];

/** What the credentials secret of a provider that needs one holds (JSON). */
export const AliyunCredentials = z.strictObject({ accessKeyId: z.string().check(z.minLength(1)), accessKeySecret: z.string().check(z.minLength(1)) });
export type AliyunCredentialsT = z.infer<typeof AliyunCredentials>;

/** Providers whose access key lives in the credentials secret; AWS's own uses the function's role. */
export const needsCredentialsSecret = (settings: SmsSettingsT): boolean => settings.provider === 'aliyun';

/** Parses settings, naming every bad field in one message (for a synth error or a start-up failure). */
export function parseSmsSettings(value: unknown, where: string): SmsSettingsT {
  const parsed = SmsSettings.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'provider'}: ${issue.message}`).join('; ');
  throw new Error(`${where} is not valid SMS settings (${problems})`);
}
