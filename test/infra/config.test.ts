/** Context handling: defaults, parsing of command-line strings, and rejection of bad values. */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';

const config = (context: Record<string, unknown>, region?: string) => readConfig(new App({ context }).node, region);

describe('readConfig', () => {
  it('defaults to the dev stage of district 310106, data retained, hosting on', () => {
    expect(config({}, 'ap-east-1')).toEqual({
      stage: 'dev',
      districtCode: '310106',
      retainData: true,
      hosting: true,
      production: false,
      sms: { provider: 'console' },
      logRetentionDays: 180,
      evidenceRetentionDays: 1095,
    });
  });

  it('turns hosting off by default in China regions, unless asked for', () => {
    expect(config({}, 'cn-north-1').hosting).toBe(false);
    expect(config({ hosting: 'true' }, 'cn-north-1').hosting).toBe(true);
  });

  it('parses -c strings', () => {
    expect(config({ stage: 'test', districtCode: '310101', retainData: 'false', hosting: 'false' })).toEqual({
      stage: 'test',
      districtCode: '310101',
      retainData: false,
      hosting: false,
      production: false,
      sms: { provider: 'console' },
      logRetentionDays: 180,
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
    expect(() => config({ districtCode: 'jingan' })).toThrow(/districtCode/);
    expect(() => config({ retainData: 'yes' })).toThrow(/retainData/);
    for (const appOrigin of [
      'greenshield.example.cn',
      'http://greenshield.example.cn',
      'https://greenshield.example.cn/h5',
      'https://greenshield.example.cn/?x=1',
    ]) {
      expect(() => config({ appOrigin }), appOrigin).toThrow(/appOrigin/);
    }
  });
});

describe('retention', () => {
  it('keeps logs 180 days unless a longer period CloudWatch Logs offers is asked for', () => {
    expect(config({}).logRetentionDays).toBe(180);
    expect(config({ logRetentionDays: '365' }).logRetentionDays).toBe(365);
    expect(config({ logRetentionDays: 3653 }).logRetentionDays).toBe(3653);
  });

  it('refuses to keep logs less than six months (Cybersecurity Law, Art. 21), or for a period logs cannot have', () => {
    for (const days of ['90', 179, '150']) expect(() => config({ logRetentionDays: days }), String(days)).toThrow(/at least 180 days.*Art\. 21/);
    expect(() => config({ logRetentionDays: '200' })).toThrow(/one of the periods CloudWatch Logs offers: 180, 365, 400/);
    for (const days of ['half a year', '180.5', '-180']) expect(() => config({ logRetentionDays: days }), days).toThrow(/whole number of days/);
  });

  it('keeps replaced photos and monthly backups three years unless told, never under a year', () => {
    expect(config({}).evidenceRetentionDays).toBe(1095);
    expect(config({ evidenceRetentionDays: '3650' }).evidenceRetentionDays).toBe(3650);
    expect(() => config({ evidenceRetentionDays: '30' })).toThrow(/evidenceRetentionDays" must be at least 365/);
  });
});

describe('sign-in configuration', () => {
  const aliyun = { provider: 'aliyun', signName: '绿盾通', templateCode: 'SMS_154950909' };

  it('takes the SMS provider as an object (cdk.json) or JSON text (-c), with its defaults', () => {
    const expected = { ...aliyun, codeParam: 'code', region: 'cn-hangzhou' };
    expect(config({ sms: aliyun }).sms).toEqual(expected);
    expect(config({ sms: JSON.stringify(aliyun) }).sms).toEqual(expected);
  });

  it('treats prod and prod-* stages as production unless told, and refuses the development sender there', () => {
    expect(config({ stage: 'prod', sms: aliyun }).production).toBe(true);
    expect(config({ stage: 'prod-cn', sms: aliyun }).production).toBe(true);
    expect(config({ stage: 'product-demo' }).production).toBe(false);
    expect(() => config({ stage: 'prod' })).toThrow(/Stage "prod" is a production stage and would send sign-in codes to the function log/);
    expect(() => config({ stage: 'prod', sms: { provider: 'console' } })).toThrow(/production stage/);
    expect(() => config({ stage: 'district-a', production: 'true' })).toThrow(/production stage/);
    expect(config({ stage: 'prod', production: 'false' }).sms).toEqual({ provider: 'console' });
  });

  it('refuses incomplete SMS settings, and AWS SMS in China, at synth', () => {
    expect(() => config({ sms: '{"provider":' })).toThrow(/Context "sms" must be a JSON object/);
    expect(() => config({ sms: { provider: 'aliyun', signName: '绿盾通' } })).toThrow(/Context "sms" is not valid SMS settings \(templateCode/);
    const aws = { provider: 'aws', originationIdentityArn: 'arn:aws:sms-voice:ap-east-1:123456789012:sender-id/GREEN/CN', messageTemplate: '验证码 {code}' };
    expect(config({ sms: aws }, 'ap-east-1').sms).toEqual(aws);
    expect(() => config({ sms: aws }, 'cn-northwest-1')).toThrow(/not offered in the aws-cn partition/);
  });

  it('takes the WeChat AppID, and nothing else for it', () => {
    expect(config({}).wechat).toBeUndefined();
    expect(config({ wechat: '{"appId":"wx0123456789abcdef"}' }).wechat).toEqual({ appId: 'wx0123456789abcdef' });
    for (const wechat of [{ appId: 'wx123' }, { appId: 'wx0123456789abcdef', appSecret: 'x' }, 'null', '[]']) {
      expect(() => config({ wechat }), JSON.stringify(wechat)).toThrow(/Context "wechat"/);
    }
  });
});
