/**
 * Deployment settings, read from CDK context (cdk.json or `-c key=value`). Values given on the
 * command line arrive as strings, so booleans, origins and objects (JSON) are parsed rather than
 * trusted.
 */
import type { Node } from 'constructs';
import { parseSmsSettings, type SmsSettingsT } from '../functions/src/identity/sms-settings';

export interface DeploymentConfig {
  /** Suffix of the stack name, so several copies (dev, prod, a tester's own) can share an account. */
  stage: string;
  /** Which district configuration the functions load (shared/src/districts). */
  districtCode: string;
  /** Keep the table (deletion protection), the buckets and the logs when the stack is deleted. */
  retainData: boolean;
  /** CloudFront + S3 hosting of the H5 build. */
  hosting: boolean;
  /**
   * Public origin of the H5 app (`https://host[:port]`), which eco-code links on posters point at.
   * Set it for a custom domain; otherwise the functions get the CloudFront domain when hosting.
   */
  appOrigin?: string;
  /**
   * A production stage refuses to deploy the development SMS sender (codes in the function log).
   * Default: the stages named `prod` or `prod-<something>`.
   */
  production: boolean;
  /** How sign-in codes are sent (functions/src/identity/sms-settings.ts); default the development sender. */
  sms: SmsSettingsT;
  /** The WeChat mini-program whose users sign in the WeChat way; absent, WeChat sign-in is off. */
  wechat?: { appId: string };
  /** Subscribed by email to the stage's alarm topic (docs/runbook.md, "Who gets the alarms"). */
  alarmEmail?: string;
}

export const DEFAULT_DISTRICT_CODE = '310106';

/** An https origin, normalised (`https://Host.cn/` → `https://host.cn`); a path or query is refused. */
function parseOrigin(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`Context "${name}" must be an https origin such as https://greenshield.example.cn (no path), got ${JSON.stringify(value)}`);
  }
  return url.origin;
}

function parseBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Context "${name}" must be true or false, got ${JSON.stringify(value)}`);
}

/** A context value that is an object: given as one in cdk.json, or as JSON text with `-c`. */
function parseObject(name: string, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new Error(`Context "${name}" must be a JSON object, got ${JSON.stringify(value)}`);
  }
}

function parseSms(value: unknown, production: boolean, stage: string, inChina: boolean): SmsSettingsT {
  const sms = parseSmsSettings(parseObject('sms', value) ?? { provider: 'console' }, 'Context "sms"');
  if (production && sms.provider === 'console') {
    throw new Error(
      `Stage "${stage}" is a production stage and would send sign-in codes to the function log (the development SMS sender): ` +
        `configure a provider with -c sms='{"provider":"aliyun","signName":"…","templateCode":"SMS_…"}' (see README, Deploy).`,
    );
  }
  if (sms.provider === 'aws' && (inChina || sms.originationIdentityArn.startsWith('arn:aws-cn:'))) {
    throw new Error('Context "sms": AWS End User Messaging SMS is not offered in the aws-cn partition; use "aliyun" there.');
  }
  return sms;
}

function parseEmail(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
    throw new Error(`Context "${name}" must be an email address, got ${JSON.stringify(value)}`);
  return value;
}

function parseWechat(value: unknown): { appId: string } | undefined {
  const wechat = parseObject('wechat', value) as { appId?: unknown } | null | undefined;
  if (wechat === undefined) return undefined;
  const appId = typeof wechat === 'object' ? wechat?.appId : undefined;
  if (typeof appId !== 'string' || !/^wx[0-9a-f]{16}$/.test(appId) || Object.keys(wechat ?? {}).length !== 1) {
    throw new Error(`Context "wechat" must be {"appId":"wx<16 hex digits>"} (the mini-program's AppID), got ${JSON.stringify(value)}`);
  }
  return { appId };
}

/**
 * `region` is only used to pick the hosting default: in the aws-cn partition CloudFront needs an
 * ICP-licensed custom domain and certificate, which this app does not manage, so hosting is off there
 * unless asked for explicitly.
 */
export function readConfig(node: Node, region = process.env.CDK_DEFAULT_REGION): DeploymentConfig {
  const stage = String(node.tryGetContext('stage') ?? 'dev');
  if (!/^[A-Za-z0-9-]{1,32}$/.test(stage)) throw new Error(`Context "stage" must be 1-32 letters, digits or dashes, got "${stage}"`);
  const districtCode = String(node.tryGetContext('districtCode') ?? DEFAULT_DISTRICT_CODE);
  if (!/^\d{6}$/.test(districtCode)) throw new Error(`Context "districtCode" must be a 6-digit administrative code, got "${districtCode}"`);
  const inChina = (region ?? '').startsWith('cn-');
  const production = parseBoolean('production', node.tryGetContext('production'), /^prod(-|$)/.test(stage));
  const wechat = parseWechat(node.tryGetContext('wechat'));
  const alarmEmail = parseEmail('alarmEmail', node.tryGetContext('alarmEmail'));
  return {
    stage,
    districtCode,
    retainData: parseBoolean('retainData', node.tryGetContext('retainData'), true),
    hosting: parseBoolean('hosting', node.tryGetContext('hosting'), !inChina),
    appOrigin: parseOrigin('appOrigin', node.tryGetContext('appOrigin')),
    production,
    sms: parseSms(node.tryGetContext('sms'), production, stage, inChina),
    ...(wechat ? { wechat } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}
