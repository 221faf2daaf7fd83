/**
 * What eco-codes need from the deployment: the signing key secret (readable only where granted),
 * APP_ORIGIN for the links printed on posters, and the CDN turning `/e/<code>` into the H5 app's
 * public profile page.
 */
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import fs from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecoCodeUrl } from '@green-shield/shared/sources/eco-code';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { ENV_NAMES } from '../../functions/src/lib/config';
import { ECO_LINK_REDIRECT_FILE } from '../../infra/constructs/site-hosting';
import { build, logicalId, type Built } from './support';

let built: Built;
beforeAll(() => {
  built = build();
});

const resourcesOfType = (target: Built, type: string) => Object.entries(target.template.findResources(type)) as Array<[string, any]>;
const appOrigins = (target: Built) =>
  resourcesOfType(target, 'AWS::Lambda::Function').map(([, fn]) => fn.Properties.Environment.Variables[ENV_NAMES.appOrigin]);

describe('eco-code key', () => {
  it('is a generated 48-character alphanumeric secret, retained with the data', () => {
    const secretId = logicalId(built, built.stack.ecoCodeKey);
    expect(built.template.toJSON().Resources[secretId]).toMatchObject({
      Type: 'AWS::SecretsManager::Secret',
      Properties: { GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    const disposable = build({ context: { retainData: 'false', stage: 'scratch' } });
    expect(disposable.template.toJSON().Resources[logicalId(disposable, disposable.stack.ecoCodeKey)].DeletionPolicy).toBe('Delete');
  });

  it('is named in the policies of the granted functions only, and only for reading', () => {
    const secretRef = { Ref: logicalId(built, built.stack.ecoCodeKey) };
    const granted = FUNCTIONS.filter((spec) => spec.grants.ecoCodeKey).map((spec) => logicalId(built, built.stack.functions[spec.name].role));
    expect(granted.length).toBeGreaterThan(0);
    const naming = resourcesOfType(built, 'AWS::IAM::Policy').filter(([, policy]) => JSON.stringify(policy).includes(JSON.stringify(secretRef)));
    expect(naming.flatMap(([, policy]) => policy.Properties.Roles.map((role: any) => role.Ref)).sort()).toEqual([...granted].sort());
    for (const [, policy] of naming) {
      const statements = (policy.Properties.PolicyDocument.Statement as any[]).filter((statement) =>
        JSON.stringify(statement.Resource).includes(JSON.stringify(secretRef)),
      );
      expect(statements.flatMap((statement) => [statement.Action].flat()).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
      expect(statements.every((statement) => JSON.stringify(statement.Resource) === JSON.stringify(secretRef))).toBe(true);
    }
  });
});

describe('APP_ORIGIN', () => {
  it('is the CDN domain when hosting and nothing is configured', () => {
    const distributionId = resourcesOfType(built, 'AWS::CloudFront::Distribution')[0][0];
    expect(new Set(appOrigins(built).map((origin) => JSON.stringify(origin)))).toEqual(
      new Set([JSON.stringify({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] })]),
    );
  });

  it('is the configured origin (a custom domain), normalised, with or without hosting', () => {
    for (const hosting of ['true', 'false']) {
      const custom = build({ context: { hosting, appOrigin: 'https://GreenShield.example.cn/' } });
      expect(new Set(appOrigins(custom))).toEqual(new Set(['https://greenshield.example.cn']));
      Annotations.fromStack(custom.stack).hasNoWarning('*', Match.stringLikeRegexp(ENV_NAMES.appOrigin));
    }
  });

  it('is left out, with a synth warning, when there is neither hosting nor a configured origin', () => {
    const bare = build({ context: { hosting: 'false' } });
    expect(new Set(appOrigins(bare))).toEqual(new Set([undefined]));
    Annotations.fromStack(bare.stack).hasWarning('*', Match.stringLikeRegexp(`No ${ENV_NAMES.appOrigin}`));
  });
});

describe('eco-code links on the CDN', () => {
  const distributionConfig = () => resourcesOfType(built, 'AWS::CloudFront::Distribution')[0][1].Properties.DistributionConfig;

  it('run the redirect function on viewer requests of the H5 behaviour only, leaving /api/* alone', () => {
    const config = distributionConfig();
    const [association] = config.DefaultCacheBehavior.FunctionAssociations;
    expect(association.EventType).toBe('viewer-request');
    const fn = built.template.toJSON().Resources[association.FunctionARN['Fn::GetAtt'][0]];
    expect(fn).toMatchObject({
      Type: 'AWS::CloudFront::Function',
      Properties: { AutoPublish: true, FunctionCode: fs.readFileSync(ECO_LINK_REDIRECT_FILE, 'utf8'), FunctionConfig: { Runtime: 'cloudfront-js-2.0' } },
    });
    const api = config.CacheBehaviors.find((behavior: any) => behavior.PathPattern === '/api/*');
    expect(api.FunctionAssociations).toBeUndefined();
  });

  describe('the redirect function', () => {
    type Request = { method: string; uri: string; querystring: Record<string, unknown>; headers: Record<string, unknown> };
    // The file as CloudFront runs it: a script defining `handler`, nothing imported.
    const handler = vm.runInNewContext(`${fs.readFileSync(ECO_LINK_REDIRECT_FILE, 'utf8')}\n;handler`) as (event: unknown) => any;
    const request = (uri: string): Request => ({ method: 'GET', uri, querystring: {}, headers: { host: { value: 'd111111abcdef8.cloudfront.net' } } });
    const run = (uri: string) => {
      const incoming = request(uri);
      return { incoming, result: handler({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '203.0.113.7' }, request: incoming }) };
    };
    const code = '01J9ZK3Q7M8N2P4R6S8T0V1W2X-ABCDEFGH12';

    it('sends a printed eco-code URL to the public profile page', () => {
      const { result } = run(new URL(ecoCodeUrl('https://greenshield.example.cn', code)).pathname);
      expect(result).toEqual({ statusCode: 302, statusDescription: 'Found', headers: { location: { value: `/#/pages/eco/index?code=${code}` } } });
    });

    it('accepts the trailing slash some scanners add', () => {
      expect(run(`/e/${code}/`).result.headers.location.value).toBe(`/#/pages/eco/index?code=${code}`);
    });

    it('keeps the code as given (the app and API normalise and verify it)', () => {
      expect(run('/e/abc-123').result.headers.location.value).toBe('/#/pages/eco/index?code=abc-123');
    });

    it.each(['/', '/index.html', '/e', '/e/', '/e//', '/e/abc/def', '/e/abc.js', '/e/a_b', '/e/abc%3Cscript%3E', '/E/abc', '/api/eco/abc', '/x/e/abc'])(
      'passes %s through untouched',
      (uri) => {
        const { incoming, result } = run(uri);
        expect(result).toBe(incoming);
        expect(result).toEqual(request(uri));
      },
    );
  });
});
