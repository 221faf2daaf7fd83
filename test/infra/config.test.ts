/** Stage settings: defaults, stage files, context over files, parsing of command-line strings, and rejection of bad values. */
import { App } from 'aws-cdk-lib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { DEFAULT_RESERVED_CONCURRENCY, DEFAULT_THROTTLES, readConfig } from '../../infra/config';

/** A folder of stage files; empty unless given some. */
function stagesDir(files: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'green-shield-stages-'));
  for (const [stage, settings] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, `${stage}.json`), typeof settings === 'string' ? settings : JSON.stringify(settings));
  }
  return dir;
}

const NO_FILES = stagesDir();
const config = (context: Record<string, unknown>, region?: string, dir = NO_FILES) => readConfig(new App({ context }).node, { region, stagesDir: dir });

const aliyun = { provider: 'aliyun', signName: '绿盾通', templateCode: 'SMS_154950909' };
const ACM_HK = 'arn:aws:acm:ap-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const ACM_US_EAST_1 = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';
const ACM_CN = 'arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/green-shield-prod/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const defaultConcurrency = Object.fromEntries(FUNCTIONS.map((spec) => [spec.name, DEFAULT_RESERVED_CONCURRENCY[spec.trigger]]));

describe('readConfig', () => {
  it('defaults to the dev stage of district 310106 in aws: data retained, hosting and tracing on, 180 days of logs', () => {
    expect(config({}, 'ap-east-1')).toEqual({
      stage: 'dev',
      partition: 'aws',
      districtCode: '310106',
      retainData: true,
      hosting: true,
      production: false,
      sms: { provider: 'console' },
      logRetentionDays: 180,
      evidenceRetentionDays: 1095,
      throttles: DEFAULT_THROTTLES,
      reservedConcurrency: defaultConcurrency,
      tracing: true,
    });
  });

  it('throttles sign-in code requests far tighter than reads, and caps every function', () => {
    const { signInCode, signIn, write, read } = DEFAULT_THROTTLES;
    expect(signInCode.rateLimit * 10).toBeLessThanOrEqual(read.rateLimit);
    expect(signInCode.rateLimit).toBeLessThan(signIn.rateLimit);
    expect(signIn.rateLimit).toBeLessThan(write.rateLimit);
    expect(write.rateLimit).toBeLessThan(read.rateLimit);
    // Lambda keeps 100 of an account's usual 1000 unreserved.
    const reserved = Object.values(defaultConcurrency).reduce((sum, cap) => sum + cap, 0);
    expect(reserved).toBeLessThanOrEqual(900);
  });

  it('in China regions: aws-cn, no tracing, and no hosting unless an ICP-filed H5 domain is configured', () => {
    expect(config({}, 'cn-north-1')).toMatchObject({ partition: 'aws-cn', hosting: false, tracing: false });
    expect(() => config({ hosting: 'true' }, 'cn-north-1')).toThrow(/CloudFront in aws-cn serves only an ICP-filed domain/);
  });

  it('parses -c strings', () => {
    expect(config({ stage: 'test', districtCode: '310106', retainData: 'false', hosting: 'false', logRetentionDays: '365' })).toMatchObject({
      stage: 'test',
      districtCode: '310106',
      retainData: false,
      hosting: false,
      production: false,
      logRetentionDays: 365,
      evidenceRetentionDays: 1095,
    });
  });

  it('takes an optional https appOrigin, normalised to scheme://host[:port]', () => {
    expect(config({}).appOrigin).toBeUndefined();
    expect(config({ appOrigin: 'https://GreenShield.example.cn/' }).appOrigin).toBe('https://greenshield.example.cn');
    expect(config({ appOrigin: 'https://greenshield.example.cn:8443' }).appOrigin).toBe('https://greenshield.example.cn:8443');
  });

  it('rejects values that would make a broken stack', () => {
    expect(() => config({ stage: 'my stage' })).toThrow(/stage/);
    expect(() => config({ districtCode: 'jingan' })).toThrow(/districtCode: a 6-digit administrative code/);
    expect(() => config({ retainData: 'yes' })).toThrow(/retainData: expected a boolean/);
    for (const appOrigin of [
      'greenshield.example.cn',
      'http://greenshield.example.cn',
      'https://greenshield.example.cn/h5',
      'https://greenshield.example.cn/?x=1',
    ]) {
      expect(() => config({ appOrigin }), appOrigin).toThrow(/appOrigin/);
    }
  });

  it('accepts only the codes of the district files present', () => {
    expect(() => config({ districtCode: '310101' })).toThrow(/no district file has code 310101 \(shared\/src\/districts has 310106\)/);
  });
});

describe('retention', () => {
  it('keeps logs 180 days unless a longer period CloudWatch Logs offers is asked for', () => {
    expect(config({}).logRetentionDays).toBe(180);
    expect(config({ logRetentionDays: '365' }).logRetentionDays).toBe(365);
    expect(config({ logRetentionDays: 3653 }).logRetentionDays).toBe(3653);
  });

  it('refuses to keep logs less than six months (Cybersecurity Law, Art. 21), or for a period logs cannot have', () => {
    for (const days of ['90', 179, '150'])
      expect(() => config({ logRetentionDays: days }), String(days)).toThrow(/logRetentionDays: one of 180, 365, .* \(at least 180\)/);
    expect(() => config({ logRetentionDays: '200' })).toThrow(/logRetentionDays: one of 180, 365, 400/);
    for (const days of ['half a year', '180.5', '-180']) expect(() => config({ logRetentionDays: days }), days).toThrow(/logRetentionDays: /);
  });

  it('keeps replaced photos and monthly backups three years unless told, never under a year', () => {
    expect(config({}).evidenceRetentionDays).toBe(1095);
    expect(config({ evidenceRetentionDays: '3650' }).evidenceRetentionDays).toBe(3650);
    expect(() => config({ evidenceRetentionDays: '30' })).toThrow(/evidenceRetentionDays: at least 365 days/);
  });
});

describe('sign-in configuration', () => {
  const production = { appOrigin: 'https://greenshield.example.cn' };

  it('takes the SMS provider as an object (cdk.json) or JSON text (-c), with its defaults', () => {
    const expected = { ...aliyun, codeParam: 'code', region: 'cn-hangzhou' };
    expect(config({ sms: aliyun }).sms).toEqual(expected);
    expect(config({ sms: JSON.stringify(aliyun) }).sms).toEqual(expected);
  });

  it('treats prod and prod-* stages as production unless told, and refuses the development sender there', () => {
    expect(config({ stage: 'prod', sms: aliyun, ...production }).production).toBe(true);
    expect(config({ stage: 'prod-cn', sms: aliyun, ...production }).production).toBe(true);
    expect(config({ stage: 'product-demo' }).production).toBe(false);
    expect(() => config({ stage: 'prod', ...production })).toThrow(/Stage "prod" is a production stage and would send sign-in codes to the function log/);
    expect(() => config({ stage: 'prod', sms: { provider: 'console' }, ...production })).toThrow(/production stage/);
    expect(() => config({ stage: 'district-a', production: 'true', ...production })).toThrow(/production stage/);
    expect(config({ stage: 'prod', production: 'false' }).sms).toEqual({ provider: 'console' });
  });

  it('refuses incomplete SMS settings, and AWS SMS in China, at synth', () => {
    expect(() => config({ sms: '{"provider":' })).toThrow(/Context "sms" must be a JSON object/);
    expect(() => config({ sms: { provider: 'aliyun', signName: '绿盾通' } })).toThrow(/Setting "sms" is not valid SMS settings \(templateCode/);
    const aws = { provider: 'aws', originationIdentityArn: 'arn:aws:sms-voice:ap-east-1:123456789012:sender-id/GREEN/CN', messageTemplate: '验证码 {code}' };
    expect(config({ sms: aws }, 'ap-east-1').sms).toEqual(aws);
    expect(() => config({ sms: aws }, 'cn-northwest-1')).toThrow(/not offered in the aws-cn partition/);
  });

  it('takes the WeChat AppID, and nothing else for it', () => {
    expect(config({}).wechat).toBeUndefined();
    expect(config({ wechat: '{"appId":"wx0123456789abcdef"}' }).wechat).toEqual({ appId: 'wx0123456789abcdef' });
    for (const wechat of [{ appId: 'wx123' }, { appId: 'wx0123456789abcdef', appSecret: 'x' }, 'null', '[]']) {
      expect(() => config({ wechat }), JSON.stringify(wechat)).toThrow(/wechat/);
    }
  });
});

describe('stage files', () => {
  const examples = (stage: string, region?: string) => readConfig(new App({ context: { stage } }).node, { region });

  it('reads the example aws production stage (infra/stages/prod.json)', () => {
    expect(examples('prod')).toMatchObject({
      stage: 'prod',
      partition: 'aws',
      production: true,
      hosting: true,
      tracing: true,
      appOrigin: 'https://greenshield.example.com',
      sms: { provider: 'aliyun' },
      wechat: { appId: 'wx0123456789abcdef' },
      api: { domain: 'api.greenshield.example.com', certificateArn: ACM_HK },
      h5: { domain: 'greenshield.example.com', certificate: { acmCertificateArn: ACM_US_EAST_1 } },
      logRetentionDays: 365,
      throttles: DEFAULT_THROTTLES,
      reservedConcurrency: { ...defaultConcurrency, identity: 20 },
      alarmEmail: 'ops@greenshield.example.com',
      webAclArn: WEB_ACL,
    });
  });

  it('reads the example aws-cn production stage (infra/stages/prod-cn.json): its app origin is the H5 domain', () => {
    expect(examples('prod-cn', 'cn-northwest-1')).toMatchObject({
      stage: 'prod-cn',
      partition: 'aws-cn',
      production: true,
      hosting: true,
      tracing: false,
      appOrigin: 'https://greenshield.example.cn',
      api: { domain: 'api.greenshield.example.cn', certificateArn: ACM_CN },
      h5: { domain: 'greenshield.example.cn', certificate: { iamCertificateId: 'ASCACKCEVSQ6C2EXAMPLE' } },
      logRetentionDays: 180,
    });
    expect(examples('prod-cn').webAclArn).toBeUndefined();
  });

  it('lets context override the file, setting by setting', () => {
    const dir = stagesDir({
      district: { districtCode: '310106', logRetentionDays: 365, throttles: { read: { rateLimit: 80, burstLimit: 160 } }, retainData: false },
    });
    const merged = config({ stage: 'district', logRetentionDays: '731', throttles: '{"signInCode":{"rateLimit":1,"burstLimit":3}}' }, undefined, dir);
    expect(merged).toMatchObject({ districtCode: '310106', retainData: false, logRetentionDays: 731 });
    // An object setting is replaced whole by its context value; classes not named keep the defaults.
    expect(merged.throttles).toEqual({ ...DEFAULT_THROTTLES, signInCode: { rateLimit: 1, burstLimit: 3 } });
  });

  it('finds the partition from -c partition, the file, or a cn-* region, and refuses a region of the other one', () => {
    const dir = stagesDir({ china: { partition: 'aws-cn', hosting: false } });
    expect(config({ stage: 'china' }, undefined, dir).partition).toBe('aws-cn');
    expect(config({ partition: 'aws-cn' }).partition).toBe('aws-cn');
    expect(config({}, 'cn-northwest-1').partition).toBe('aws-cn');
    expect(() => config({ stage: 'china' }, 'eu-west-1', dir)).toThrow(/Partition "aws-cn" does not match the region eu-west-1/);
    expect(() => config({ partition: 'aws-us-gov' })).toThrow(/partition: one of "aws", "aws-cn"/);
  });

  describe('refuses, naming the file and the setting', () => {
    const cnBase = { partition: 'aws-cn', api: { domain: 'api.greenshield.example.cn', certificateArn: ACM_CN } };
    const cases: Array<[string, Record<string, unknown> | string, RegExp]> = [
      ['an unknown setting', { retention: 180 }, /bad\.json: \(top level\): unknown setting "retention"/],
      ['logs kept under six months', { logRetentionDays: 90 }, /logRetentionDays: one of 180, 365, .* \(at least 180\)/],
      ['a retention CloudWatch does not offer', { logRetentionDays: 200 }, /logRetentionDays: one of 180/],
      ['a district without a file', { districtCode: '310101' }, /no district file has code 310101/],
      [
        'an H5 ACM certificate in aws-cn',
        { ...cnBase, h5: { domain: 'greenshield.example.cn', certificateArn: ACM_CN } },
        /CloudFront in aws-cn takes no ACM certificate/,
      ],
      ['an H5 certificate outside us-east-1', { h5: { domain: 'greenshield.example.com', certificateArn: ACM_HK } }, /ACM certificate from us-east-1/],
      ['an IAM certificate in aws', { h5: { domain: 'greenshield.example.com', iamCertificateId: 'ASCACKCEVSQ6C2EXAMPLE' } }, /ACM certificate from us-east-1/],
      ['an API certificate of the other partition', { api: { domain: 'api.greenshield.example.com', certificateArn: ACM_CN } }, /not in the aws partition/],
      ['a domain that is no host name', { api: { domain: 'https://api.example.com', certificateArn: ACM_HK } }, /api\.domain: a lower-case domain name/],
      ['an H5 domain without hosting', { hosting: false, h5: { domain: 'greenshield.example.com', certificateArn: ACM_US_EAST_1 } }, /hosting is off/],
      ['a CloudFront WAF in aws-cn', { ...cnBase, hosting: false, webAclArn: WEB_ACL }, /regional WAF only/],
      ['a regional web ACL', { webAclArn: 'arn:aws:wafv2:ap-east-1:123456789012:regional/webacl/x/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' }, /CLOUDFRONT-scope/],
      [
        'an aws-cn production stage without the API domain',
        { partition: 'aws-cn', hosting: false, production: true, appOrigin: 'https://a.example.cn', sms: aliyun },
        /needs its ICP-filed custom domain/,
      ],
      ['a production stage without an app origin', { production: true, sms: aliyun }, /production stage without an app origin/],
      ['a cap for a function that does not exist', { reservedConcurrency: { identiti: 5 } }, /no function named identiti/],
      ['a cap of zero', { reservedConcurrency: { identity: 0 } }, /reservedConcurrency\.identity: at least 1/],
      ['an unknown throttle class', { throttles: { uploads: { rateLimit: 1, burstLimit: 1 } } }, /throttles: unknown setting "uploads"/],
      ['a throttle of zero', { throttles: { signInCode: { rateLimit: 0, burstLimit: 1 } } }, /throttles\.signInCode\.rateLimit: at least 1 request per second/],
      ['an alarm address that is none', { alarmEmail: 'ops at example' }, /alarmEmail: an email address/],
      ['a file that is not JSON', '{"districtCode": ', /bad\.json is not valid JSON/],
    ];
    it.each(cases)('%s', (_name, settings, message) => {
      expect(() => config({ stage: 'bad' }, undefined, stagesDir({ bad: settings }))).toThrow(message);
    });
  });
});
