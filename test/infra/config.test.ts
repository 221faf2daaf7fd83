/** Context handling: defaults, parsing of command-line strings, and rejection of bad values. */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';

const config = (context: Record<string, unknown>, region?: string) => readConfig(new App({ context }).node, region);

describe('readConfig', () => {
  it('defaults to the dev stage of district 310106, data retained, hosting on', () => {
    expect(config({}, 'ap-east-1')).toEqual({ stage: 'dev', districtCode: '310106', retainData: true, hosting: true });
  });

  it('turns hosting off by default in China regions, unless asked for', () => {
    expect(config({}, 'cn-north-1').hosting).toBe(false);
    expect(config({ hosting: 'true' }, 'cn-north-1').hosting).toBe(true);
  });

  it('parses -c strings', () => {
    expect(config({ stage: 'prod', districtCode: '310101', retainData: 'false', hosting: 'false' })).toEqual({
      stage: 'prod',
      districtCode: '310101',
      retainData: false,
      hosting: false,
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
