/**
 * Deployment settings of one stage: its file `infra/stages/<stage>.json` (if there is one) with CDK
 * context (`cdk.json` or `-c key=value`) on top — a setting given as context overrides the file's.
 * Both are checked with one schema (./stage-settings.ts); then how the settings fit together: the
 * partition, what a production stage needs, the domains and certificates each partition takes.
 */
import type { Node } from 'constructs';
import fs from 'node:fs';
import path from 'node:path';
import { DISTRICT_CODES } from '@green-shield/shared/districts/district';
import type { ThrottleClass } from '@green-shield/shared/api/endpoints';
import { parseSmsSettings, type SmsSettingsT } from '../functions/src/identity/sms-settings';
import { FUNCTIONS, type FunctionSpec } from '../functions/src/lambdas';
import { STAGES_DIR } from './paths';
import {
  type ApiDomainT,
  fromContext,
  type H5DomainT,
  type Partition,
  parseStageSettings,
  SETTING_NAMES,
  type StageSettingsT,
  type ThrottleT,
} from './stage-settings';

export type { Partition } from './stage-settings';

/** The H5 app's custom domain and the certificate its partition's CloudFront takes. */
export interface H5Domain {
  domain: string;
  certificate: { acmCertificateArn: string } | { iamCertificateId: string };
}

export interface DeploymentConfig {
  /** Suffix of the stack name, so several copies (dev, prod, a tester's own) can share an account. */
  stage: string;
  /** `aws` or `aws-cn`: decides what the partition's services offer (tracing, certificates, WAF, CloudFront). */
  partition: Partition;
  /** Which district configuration the functions load (shared/src/districts). */
  districtCode: string;
  /** Keep the table (deletion protection), the buckets and the logs when the stack is deleted. */
  retainData: boolean;
  /** CloudFront + S3 hosting of the H5 build. */
  hosting: boolean;
  /**
   * Public origin of the H5 app (`https://host[:port]`), which eco-code links on posters point at:
   * configured, or the H5 domain's; otherwise the functions get the CloudFront domain when hosting.
   */
  appOrigin?: string;
  /**
   * A production stage refuses to deploy the development SMS sender (codes in the function log) and
   * needs an app origin. Default: the stages named `prod` or `prod-<something>`.
   */
  production: boolean;
  /** How sign-in codes are sent (functions/src/identity/sms-settings.ts); default the development sender. */
  sms: SmsSettingsT;
  /** The WeChat mini-program whose users sign in the WeChat way; absent, WeChat sign-in is off. */
  wechat?: { appId: string };
  /** The API's custom domain (regional), with its imported ACM certificate. */
  api?: ApiDomainT;
  /** The H5 app's custom domain on CloudFront, with its certificate. */
  h5?: H5Domain;
  /**
   * Days every log is kept: the functions' logs, the API's access logs, the state machines', the
   * CDN's and the buckets' access logs. One of CloudWatch's periods from 180 days up (China's
   * Cybersecurity Law, Art. 21: network logs no less than six months; stage-settings.ts checks it).
   */
  logRetentionDays: number;
  /**
   * Days a photo that was deleted or overwritten stays recoverable in the bucket (its earlier
   * version), and days the monthly backups of the table and the bucket are kept.
   */
  evidenceRetentionDays: number;
  /** Route throttles of the API stage per throttle class (shared/src/api/endpoints.ts). */
  throttles: Record<ThrottleClass, ThrottleT>;
  /** Reserved concurrency of each function by name; undefined: none reserved. */
  reservedConcurrency: Record<string, number | undefined>;
  /** X-Ray active tracing: only where Lambda offers it (not in aws-cn). */
  tracing: boolean;
  /** Where alarms are mailed. */
  alarmEmail?: string;
  /** A CLOUDFRONT-scope WAFv2 web ACL for the distribution (aws only). */
  webAclArn?: string;
}

export const DEFAULT_DISTRICT_CODE = '310106';

/** Six months, the least China's Cybersecurity Law (Art. 21) allows for network logs. */
export const DEFAULT_LOG_RETENTION_DAYS = 180;
/**
 * Three years: the general limitation period of civil claims (Civil Code Art. 188), within which a
 * photo may be asked for as evidence. A floor the district's archive rules may raise (never below
 * MIN_EVIDENCE_RETENTION_DAYS, stage-settings.ts).
 */
export const DEFAULT_EVIDENCE_RETENTION_DAYS = 1095;

/**
 * Sign-in code requests send SMS (money, a stranger's phone): about two a second district-wide with
 * short bursts is far above what residents need. Code checks next; writes; reads the loosest (a few
 * requests per second from the district's residents and officers, bursts when a notice goes out).
 */
export const DEFAULT_THROTTLES: Record<ThrottleClass, ThrottleT> = {
  signInCode: { rateLimit: 2, burstLimit: 10 },
  signIn: { rateLimit: 5, burstLimit: 20 },
  write: { rateLimit: 20, burstLimit: 50 },
  read: { rateLimit: 50, burstLimit: 100 },
};

/**
 * Reserved concurrency by trigger: a cap on each function so one flooded route cannot take the
 * account's concurrency from the others (and a guaranteed share for each). 6 × 50 + 2 × 10 + 3 × 5 =
 * 335 of an account's usual 1000, leaving Lambda's required 100 unreserved.
 */
export const DEFAULT_RESERVED_CONCURRENCY: Record<FunctionSpec['trigger'], number> = { http: 50, 'table-stream': 10, schedule: 5 };

/** The origins the H5 app is served from, for CORS on the API and the upload bucket (none: any origin, development only). */
export function appOrigins(config: Pick<DeploymentConfig, 'appOrigin' | 'h5'>): string[] {
  return [...new Set([config.appOrigin, config.h5 && `https://${config.h5.domain}`].filter((origin): origin is string => Boolean(origin)))];
}

/** An https origin, normalised (`https://Host.cn/` → `https://host.cn`); a path or query is refused. */
function parseOrigin(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`Setting "appOrigin" must be an https origin such as https://greenshield.example.cn (no path), got ${JSON.stringify(value)}`);
  }
  return url.origin;
}

export interface ReadConfigOptions {
  /** The deployment region when known (`CDK_DEFAULT_REGION`): a `cn-*` region means the aws-cn partition. */
  region?: string;
  /** Where the stage files are (default infra/stages). */
  stagesDir?: string;
}

/** The stage file's settings, or none when the stage has no file. */
function readStageFile(stage: string, stagesDir: string): StageSettingsT {
  const file = path.join(stagesDir, `${stage}.json`);
  if (!fs.existsSync(file)) return {};
  const source = path.relative(process.cwd(), file) || file;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  // `$schema`-style comments are allowed in a file; they mean nothing to the deployment.
  const { $comment: _comment, ...settings } = (json ?? {}) as Record<string, unknown>;
  return parseStageSettings(settings, source);
}

function readContext(node: Node): StageSettingsT {
  const given = Object.fromEntries(
    SETTING_NAMES.map((name) => [name, node.tryGetContext(name)] as const)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([name, value]) => [name, fromContext(name, value)]),
  );
  return parseStageSettings(given, 'Context (-c)');
}

function partitionOf(settings: StageSettingsT, region: string | undefined): Partition {
  const fromRegion: Partition | undefined = region ? (region.startsWith('cn-') ? 'aws-cn' : 'aws') : undefined;
  const partition = settings.partition ?? fromRegion ?? 'aws';
  if (fromRegion && fromRegion !== partition) {
    throw new Error(`Partition "${partition}" does not match the region ${region} (partition ${fromRegion}): deploy the stage to a region of its partition.`);
  }
  return partition;
}

function parseSms(value: unknown, production: boolean, stage: string, partition: Partition): SmsSettingsT {
  const sms = parseSmsSettings(value ?? { provider: 'console' }, 'Setting "sms"');
  if (production && sms.provider === 'console') {
    throw new Error(
      `Stage "${stage}" is a production stage and would send sign-in codes to the function log (the development SMS sender): ` +
        `configure a provider in infra/stages/${stage}.json or with -c sms='{"provider":"aliyun","signName":"…","templateCode":"SMS_…"}' (see README, Deploy).`,
    );
  }
  if (sms.provider === 'aws' && (partition === 'aws-cn' || sms.originationIdentityArn.startsWith('arn:aws-cn:'))) {
    throw new Error('Setting "sms": AWS End User Messaging SMS is not offered in the aws-cn partition; use "aliyun" there.');
  }
  return sms;
}

/** The ACM ARN's partition must be the stage's; CloudFront's certificate in aws must be in us-east-1. */
function checkCertificates(settings: StageSettingsT, partition: Partition): H5Domain | undefined {
  const acmPartition = (arn: string) => arn.split(':')[1];
  if (settings.api && acmPartition(settings.api.certificateArn) !== partition) {
    throw new Error(
      `Setting "api": the certificate ${settings.api.certificateArn} is not in the ${partition} partition (import it into ACM in the stack's region).`,
    );
  }
  const h5: H5DomainT | undefined = settings.h5;
  if (!h5) return undefined;
  if (partition === 'aws-cn') {
    if (!h5.iamCertificateId || h5.certificateArn) {
      throw new Error(
        'Setting "h5": CloudFront in aws-cn takes no ACM certificate; upload the ICP-filed domain\'s certificate to IAM (path /cloudfront/) and give its "iamCertificateId".',
      );
    }
    return { domain: h5.domain, certificate: { iamCertificateId: h5.iamCertificateId } };
  }
  if (!h5.certificateArn || h5.iamCertificateId || !h5.certificateArn.startsWith('arn:aws:acm:us-east-1:')) {
    throw new Error('Setting "h5": CloudFront takes an ACM certificate from us-east-1; give its "certificateArn" (arn:aws:acm:us-east-1:…).');
  }
  return { domain: h5.domain, certificate: { acmCertificateArn: h5.certificateArn } };
}

function reservedConcurrencyOf(overrides: Record<string, number | null> = {}): Record<string, number | undefined> {
  const names = FUNCTIONS.map((spec) => spec.name);
  const unknown = Object.keys(overrides).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`Setting "reservedConcurrency": no function named ${unknown.join(', ')} (functions: ${names.join(', ')})`);
  return Object.fromEntries(
    FUNCTIONS.map((spec) => {
      const override = overrides[spec.name];
      return [spec.name, override === null ? undefined : (override ?? DEFAULT_RESERVED_CONCURRENCY[spec.trigger])];
    }),
  );
}

export function readConfig(node: Node, options: ReadConfigOptions = {}): DeploymentConfig {
  const region = options.region ?? process.env.CDK_DEFAULT_REGION;
  const stage = String(node.tryGetContext('stage') ?? 'dev');
  if (!/^[A-Za-z0-9-]{1,32}$/.test(stage)) throw new Error(`Context "stage" must be 1-32 letters, digits or dashes, got "${stage}"`);
  const settings: StageSettingsT = { ...readStageFile(stage, options.stagesDir ?? STAGES_DIR), ...readContext(node) };

  const partition = partitionOf(settings, region);
  const districtCode = settings.districtCode ?? DEFAULT_DISTRICT_CODE;
  if (!DISTRICT_CODES.includes(districtCode)) {
    throw new Error(`Setting "districtCode": no district file has code ${districtCode} (shared/src/districts has ${DISTRICT_CODES.join(', ')})`);
  }
  const production = settings.production ?? /^prod(-|$)/.test(stage);
  const h5 = checkCertificates(settings, partition);
  // CloudFront in China serves only an ICP-filed alternate domain, never its own *.cloudfront.cn.
  const hosting = settings.hosting ?? (partition === 'aws' || h5 !== undefined);
  if (hosting && partition === 'aws-cn' && !h5) {
    throw new Error(
      'Setting "hosting": CloudFront in aws-cn serves only an ICP-filed domain; configure "h5" {"domain","iamCertificateId"} or set hosting to false.',
    );
  }
  // In China the execute-api address is not served publicly without an ICP filing, so the API needs its own domain.
  if (partition === 'aws-cn' && (production || hosting) && !settings.api) {
    throw new Error('Setting "api": in aws-cn the API needs its ICP-filed custom domain {"domain","certificateArn"} (and CloudFront reaches it there).');
  }
  if (h5 && !hosting)
    throw new Error('Setting "h5": the H5 domain is served by the CloudFront distribution; hosting is off (for an H5 app hosted elsewhere, set "appOrigin").');
  if (settings.webAclArn && partition !== 'aws') {
    throw new Error('Setting "webAclArn": AWS WAF protects CloudFront only in the aws partition (aws-cn offers regional WAF only).');
  }
  if (settings.webAclArn && !hosting) throw new Error('Setting "webAclArn": the web ACL protects the CloudFront distribution; hosting is off.');

  const appOrigin = parseOrigin(settings.appOrigin) ?? (h5 ? `https://${h5.domain}` : undefined);
  if (production && !appOrigin) {
    throw new Error(
      `Stage "${stage}" is a production stage without an app origin: eco-code posters would print the CDN's generated address. Set "appOrigin" (or the "h5" domain).`,
    );
  }

  return {
    stage,
    partition,
    districtCode,
    retainData: settings.retainData ?? true,
    hosting,
    ...(appOrigin ? { appOrigin } : {}),
    production,
    sms: parseSms(settings.sms, production, stage, partition),
    ...(settings.wechat ? { wechat: settings.wechat } : {}),
    ...(settings.api ? { api: settings.api } : {}),
    ...(h5 ? { h5 } : {}),
    logRetentionDays: settings.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    evidenceRetentionDays: settings.evidenceRetentionDays ?? DEFAULT_EVIDENCE_RETENTION_DAYS,
    throttles: { ...DEFAULT_THROTTLES, ...settings.throttles },
    reservedConcurrency: reservedConcurrencyOf(settings.reservedConcurrency),
    tracing: partition === 'aws',
    ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    ...(settings.webAclArn ? { webAclArn: settings.webAclArn } : {}),
  };
}
