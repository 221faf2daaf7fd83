/**
 * What a stage may set, in its file (`infra/stages/<stage>.json`) or as CDK context (`-c key=value`):
 * one schema for both, so a setting means the same wherever it is given. Each value is checked on its
 * own here; infra/config.ts merges the two (context wins) and checks how the settings fit together
 * (partition, production, domains).
 */
import * as z from 'zod/mini';
import { THROTTLE_CLASSES } from '@green-shield/shared/api/endpoints';

export const PARTITIONS = ['aws', 'aws-cn'] as const;
export type Partition = (typeof PARTITIONS)[number];

/** The retention periods CloudWatch Logs offers from six months up (China's Cybersecurity Law, Art. 21: at least six months). */
export const LOG_RETENTION_DAYS = [180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
/** A year: a deleted photo must outlive the yearly review of the complaints and sources it belongs to. */
export const MIN_EVIDENCE_RETENTION_DAYS = 365;

const hostName = z
  .string()
  .check(z.regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case domain name such as api.greenshield.example.cn'));

const acmCertificateArn = z.string().check(z.regex(/^arn:aws(-cn)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, 'the ARN of an ACM certificate'));

/** The API's custom domain (API Gateway regional domain name): an ACM certificate in the stack's own region. */
const ApiDomain = z.strictObject({ domain: hostName, certificateArn: acmCertificateArn });

/**
 * The H5 app's custom domain on CloudFront: in `aws` an ACM certificate in us-east-1; in `aws-cn`
 * CloudFront takes no ACM certificate, only one uploaded to IAM (its server certificate id).
 */
const H5Domain = z.strictObject({
  domain: hostName,
  certificateArn: z.optional(acmCertificateArn),
  iamCertificateId: z.optional(z.string().check(z.regex(/^[A-Z0-9]{16,32}$/, 'an IAM server certificate id such as ASCACKCEVSQ6C2EXAMPLE'))),
});

const Throttle = z.strictObject({
  rateLimit: z.int().check(z.minimum(1, 'at least 1 request per second'), z.maximum(10_000, 'at most 10000 (the account limit)')),
  burstLimit: z.int().check(z.minimum(1, 'at least 1'), z.maximum(5_000, 'at most 5000 (the account limit)')),
});

export const StageSettings = z.strictObject({
  partition: z.optional(z.enum(PARTITIONS)),
  /** A district file's code (shared/src/districts). */
  districtCode: z.optional(z.string().check(z.regex(/^\d{6}$/, 'a 6-digit administrative code'))),
  retainData: z.optional(z.boolean()),
  hosting: z.optional(z.boolean()),
  production: z.optional(z.boolean()),
  /** The H5 app's public origin; checked and normalised by infra/config.ts. */
  appOrigin: z.optional(z.string()),
  /** Checked by the SMS settings' own schema (functions/src/identity/sms-settings.ts). */
  sms: z.optional(z.unknown()),
  wechat: z.optional(z.strictObject({ appId: z.string().check(z.regex(/^wx[0-9a-f]{16}$/, 'wx and 16 hex digits (the AppID)')) })),
  api: z.optional(ApiDomain),
  h5: z.optional(H5Domain),
  logRetentionDays: z.optional(
    z.int().check(z.refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), `one of ${LOG_RETENTION_DAYS.join(', ')} (at least 180)`)),
  ),
  /** Days earlier versions of photos and the monthly backups are kept (infra/config.ts, DEFAULT_EVIDENCE_RETENTION_DAYS). */
  evidenceRetentionDays: z.optional(z.int().check(z.minimum(MIN_EVIDENCE_RETENTION_DAYS, `at least ${MIN_EVIDENCE_RETENTION_DAYS} days`))),
  /** Per throttle class (shared/src/api/endpoints.ts); the classes not named keep their defaults. */
  throttles: z.optional(z.partialRecord(z.enum(THROTTLE_CLASSES), Throttle)),
  /** Per function name (functions/src/lambdas.ts): a cap, or null for none; the functions not named keep their defaults. */
  reservedConcurrency: z.optional(z.record(z.string(), z.nullable(z.int().check(z.minimum(1, 'at least 1'), z.maximum(1000, 'at most 1000'))))),
  /** Where alarms are mailed (the operations slice subscribes it). */
  alarmEmail: z.optional(z.email({ error: 'an email address' })),
  /** A WAFv2 web ACL of CLOUDFRONT scope (made in us-east-1), attached to the distribution. */
  webAclArn: z.optional(
    z
      .string()
      .check(
        z.regex(/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/, 'the ARN of a CLOUDFRONT-scope WAFv2 web ACL (us-east-1)'),
      ),
  ),
});
export type StageSettingsT = z.infer<typeof StageSettings>;
export type SettingName = keyof StageSettingsT;
export type ThrottleT = z.infer<typeof Throttle>;
export type ApiDomainT = z.infer<typeof ApiDomain>;
export type H5DomainT = z.infer<typeof H5Domain>;

/** What each setting's value is, so a `-c key=value` string can be read as one. */
const KINDS: Record<SettingName, 'string' | 'boolean' | 'number' | 'object'> = {
  partition: 'string',
  districtCode: 'string',
  retainData: 'boolean',
  hosting: 'boolean',
  production: 'boolean',
  appOrigin: 'string',
  sms: 'object',
  wechat: 'object',
  api: 'object',
  h5: 'object',
  logRetentionDays: 'number',
  evidenceRetentionDays: 'number',
  throttles: 'object',
  reservedConcurrency: 'object',
  alarmEmail: 'string',
  webAclArn: 'string',
};
export const SETTING_NAMES = Object.keys(KINDS) as SettingName[];

/**
 * A context value as the setting's kind: `-c` gives strings, cdk.json gives JSON values. Text that is
 * no boolean or number is passed on as it came, for the schema to refuse with the setting's name.
 */
export function fromContext(name: SettingName, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  switch (KINDS[name]) {
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'number':
      return /^\d+$/.test(value) ? Number(value) : value;
    case 'object':
      try {
        return JSON.parse(value);
      } catch {
        throw new Error(`Context "${name}" must be a JSON object, got ${JSON.stringify(value)}`);
      }
    default:
      return value;
  }
}

/** An issue in words: the schema's own messages for the checks above, plain ones for the shapes (whatever zod's locale). */
function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.join('.') || '(top level)';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${where}: unknown setting ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    case 'invalid_type':
      return `${where}: expected ${issue.expected === 'object' ? 'a JSON object' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `${where}: one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** The settings, or an error naming every bad one and where it was given. */
export function parseStageSettings(value: unknown, source: string): StageSettingsT {
  const parsed = StageSettings.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(`${source}: ${parsed.error.issues.map(describeIssue).join('; ')}`);
}
