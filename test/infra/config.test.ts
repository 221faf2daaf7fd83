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

describe('alarm subscriber', () => {
  it('takes an optional email address for the alarm topic, and refuses anything else', () => {
    expect(config({}).alarmEmail).toBeUndefined();
    expect(config({ alarmEmail: 'oncall@example.cn' }).alarmEmail).toBe('oncall@example.cn');
    for (const alarmEmail of ['oncall', 'on call@example.cn', 'oncall@example', 42]) {
      expect(() => config({ alarmEmail }), String(alarmEmail)).toThrow(/Context "alarmEmail" must be an email address/);
    }
  });
});
