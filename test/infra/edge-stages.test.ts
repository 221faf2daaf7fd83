/**
 * The public edge of the two example production stages (infra/stages/prod.json in aws,
 * infra/stages/prod-cn.json in aws-cn), asserted on their synthesized templates: custom domains and
 * certificates, tracing only where Lambda offers it, route throttles by class, reserved concurrency,
 * the CDN as the API's only way in (origin-verify header, WAF where it can be had), security headers,
 * CORS limited to the app's origins, and nothing the other partition lacks. Each stage is synthesized
 * once for the whole file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { THROTTLE_CLASSES, throttleClassOf } from '@green-shield/shared/api/endpoints';
import { ROUTES, routeKey, type RouteSpec } from '@green-shield/shared/api/routes';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { ENV_NAMES } from '../../functions/src/lib/config';
import { ORIGIN_VERIFY_HEADER } from '../../functions/src/lib/http/front-door';
import {
  API_CONTENT_SECURITY_POLICY,
  appContentSecurityPolicy,
  FRAME_OPTIONS,
  HSTS_MAX_AGE_SECONDS,
  REFERRER_POLICY,
} from '../../functions/src/lib/security-headers';
import type { DeploymentConfig } from '../../infra/config';
import { build, logicalId, nagFindings, type Built } from './support';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;

interface StageCase {
  stage: string;
  partition: 'aws' | 'aws-cn';
  appOrigin: string;
  /** ARNs the stage file names (certificates, web ACL): the only partition literals allowed. */
  configuredArns: string[];
  /** Service principals the stack may name: each checked to exist in the partition. */
  principals: string[];
}

/**
 * Service principals the stacks may name in aws-cn, each checked to exist there (Amazon Web Services
 * in China documentation). A new one fails this test until it is checked and added.
 */
const PRINCIPALS_IN_AWS_CN = [
  'lambda.amazonaws.com',
  'events.amazonaws.com',
  'apigateway.amazonaws.com',
  'logging.s3.amazonaws.com',
  'cloudwatch.amazonaws.com',
  // Step Functions runs the chunked jobs; offered in cn-north-1 and cn-northwest-1.
  'states.amazonaws.com',
  // AWS Backup copies the table and the upload bucket; offered in both China regions (its China guide).
  'backup.amazonaws.com',
];

/**
 * AWS managed policies the stacks may attach, each checked to exist in aws-cn under the same name
 * (Amazon Backup Developer Guide for China, "Managed policies for Amazon Backup"): the backup role's
 * (infra/constructs/data-backup.ts). Any other managed policy fails this test until it is checked and added.
 */
const MANAGED_POLICIES_IN_AWS_CN = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

const STAGES: StageCase[] = [
  {
    stage: 'prod',
    partition: 'aws',
    appOrigin: 'https://greenshield.example.com',
    configuredArns: [
      'arn:aws:acm:ap-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
      'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000',
      'arn:aws:wafv2:us-east-1:123456789012:global/webacl/green-shield-prod/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    ],
    // CloudFront's origin access control reads the app's bucket; aws-cn hosting uses an origin access identity instead.
    principals: [...PRINCIPALS_IN_AWS_CN, 'cloudfront.amazonaws.com'],
  },
  {
    stage: 'prod-cn',
    partition: 'aws-cn',
    appOrigin: 'https://greenshield.example.cn',
    configuredArns: ['arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'],
    principals: PRINCIPALS_IN_AWS_CN,
  },
];

/** The AllViewerExceptHostHeader managed origin request policy: every viewer header but Host, and CloudFront's headers. */
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe.each(STAGES)('$stage ($partition)', (expected) => {
  let built: Built;
  let config: DeploymentConfig;
  let resources: Resources;
  let json: string;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const one = (type: string) => {
    const found = ofType(type);
    expect(found, type).toHaveLength(1);
    return found[0];
  };
  const fnId = (name: string) => logicalId(built, built.stack.functions[name].fn);
  const distributionConfig = () => one('AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
  const apiBehavior = () => distributionConfig().CacheBehaviors.find((behavior: any) => behavior.PathPattern === '/api/*');

  beforeAll(() => {
    built = build({ context: { stage: expected.stage } });
    config = built.stack.config;
    resources = built.template.toJSON().Resources;
    json = JSON.stringify(built.template.toJSON());
  });

  it('is built from its stage file, for its partition', () => {
    expect(config).toMatchObject({ stage: expected.stage, partition: expected.partition, production: true, hosting: true });
  });

  it('raises no unacknowledged cdk-nag finding', () => {
    expect(nagFindings(built)).toEqual([]);
  });

  it('refuses to deploy to the other partition', () => {
    expect(built.template.toJSON().Rules.PartitionMatches.Assertions).toEqual([
      { Assert: { 'Fn::Equals': [{ Ref: 'AWS::Partition' }, expected.partition] }, AssertDescription: expect.stringContaining(expected.partition) },
    ]);
  });

  it('writes no partition into an ARN itself: the only literal ARNs are those the stage file names', () => {
    const literals = [...new Set(json.match(/arn:aws(-cn)?:[^"]*/g) ?? [])].sort();
    expect(literals).toEqual([...expected.configuredArns].sort());
    expect(json).toContain('{"Ref":"AWS::Partition"}');
  });

  it('attaches no AWS managed policy (whose names differ or are missing in aws-cn) but those checked to exist there', () => {
    for (const [id, resource] of Object.entries(resources)) {
      for (const arn of resource.Properties?.ManagedPolicyArns ?? []) {
        const text = JSON.stringify(arn);
        expect(text, id).toContain('{"Ref":"AWS::Partition"}');
        const name = /:iam::aws:policy\/([\w/-]+)"/.exec(text)?.[1];
        expect(MANAGED_POLICIES_IN_AWS_CN, `${id}: ${text}`).toContain(name);
      }
    }
  });

  it('names only service principals known to exist in its partition', () => {
    const principals = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) {
        for (const child of node) visit(child);
        return;
      }
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Service') for (const principal of [value].flat()) principals.add(JSON.stringify(principal));
        visit(value);
      }
    };
    visit(resources);
    for (const [, permission] of ofType('AWS::Lambda::Permission')) principals.add(JSON.stringify(permission.Properties.Principal));
    expect(principals.size).toBeGreaterThan(0);
    for (const principal of principals) expect(expected.principals, principal).toContain(JSON.parse(principal));
  });

  describe('API', () => {
    it('has its custom domain with the imported certificate, mapped to the stage, and no execute-api address', () => {
      const [domainId, domain] = one('AWS::ApiGatewayV2::DomainName');
      expect(domain.Properties).toEqual({
        DomainName: config.api!.domain,
        DomainNameConfigurations: [{ CertificateArn: config.api!.certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
      });
      const [apiId, api] = one('AWS::ApiGatewayV2::Api');
      const [stageId] = one('AWS::ApiGatewayV2::Stage');
      const [, mapping] = one('AWS::ApiGatewayV2::ApiMapping');
      expect(mapping.Properties).toEqual({ ApiId: { Ref: apiId }, DomainName: { Ref: domainId }, Stage: '$default' });
      expect(mapping.DependsOn).toContain(stageId);
      expect(api.Properties.DisableExecuteApiEndpoint).toBe(true);
      const outputs = built.template.toJSON().Outputs;
      expect(outputs.ApiUrl.Value).toBe(`https://${config.api!.domain}/`);
      expect(outputs.ApiDomainTarget.Value).toEqual({ 'Fn::GetAtt': [domainId, 'RegionalDomainName'] });
    });

    it('throttles each route by its class: the stage default for reads, route settings for the rest, sign-in codes the tightest', () => {
      const [, stage] = one('AWS::ApiGatewayV2::Stage');
      const { DefaultRouteSettings, RouteSettings } = stage.Properties;
      expect(DefaultRouteSettings).toMatchObject({
        ThrottlingRateLimit: config.throttles.read.rateLimit,
        ThrottlingBurstLimit: config.throttles.read.burstLimit,
      });
      for (const spec of Object.values(ROUTES) as RouteSpec[]) {
        const throttleClass = throttleClassOf(spec);
        const settings = RouteSettings[routeKey(spec)];
        if (throttleClass === 'read') expect(settings, routeKey(spec)).toBeUndefined();
        else {
          const { rateLimit, burstLimit } = config.throttles[throttleClass];
          expect(settings, routeKey(spec)).toEqual({ ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit });
        }
      }
      const otp = RouteSettings['POST /api/auth/otp'];
      expect(otp.ThrottlingRateLimit * 10).toBeLessThanOrEqual(DefaultRouteSettings.ThrottlingRateLimit);
      expect(otp.ThrottlingBurstLimit * 10).toBeLessThanOrEqual(DefaultRouteSettings.ThrottlingBurstLimit);
      // Route settings name existing routes: the stage is created after them.
      const routeIds = new Map(ofType('AWS::ApiGatewayV2::Route').map(([id, route]) => [route.Properties.RouteKey, id]));
      expect(stage.DependsOn).toEqual(expect.arrayContaining(Object.keys(RouteSettings).map((key) => routeIds.get(key))));
      expect(Object.keys(RouteSettings).length).toBeGreaterThan(THROTTLE_CLASSES.length);
    });

    it("answers CORS preflights for the app's origin only", () => {
      const [, api] = one('AWS::ApiGatewayV2::Api');
      expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([expected.appOrigin]);
    });
  });

  describe('functions', () => {
    it(`trace with X-Ray only where Lambda offers it (${expected.partition === 'aws' ? 'on' : 'off'})`, () => {
      for (const spec of FUNCTIONS) {
        const tracing = resources[fnId(spec.name)].Properties.TracingConfig;
        if (expected.partition === 'aws') expect(tracing, spec.name).toEqual({ Mode: 'Active' });
        else expect(tracing?.Mode, spec.name).not.toBe('Active');
      }
      expect(json.includes('xray:PutTraceSegments')).toBe(expected.partition === 'aws');
    });

    it('each have their reserved concurrency cap', () => {
      for (const spec of FUNCTIONS) {
        expect(resources[fnId(spec.name)].Properties.ReservedConcurrentExecutions, spec.name).toBe(config.reservedConcurrency[spec.name]);
      }
      expect(resources[fnId('identity')].Properties.ReservedConcurrentExecutions).toBe(20);
    });

    it('print eco-code links with the configured app origin', () => {
      for (const spec of FUNCTIONS) expect(resources[fnId(spec.name)].Properties.Environment.Variables[ENV_NAMES.appOrigin]).toBe(expected.appOrigin);
    });
  });

  describe('the CDN, the only way in', () => {
    it('serves the H5 domain with its certificate and TLS 1.2 at least', () => {
      const distribution = distributionConfig();
      expect(distribution.Aliases).toEqual([config.h5!.domain]);
      const certificate = config.h5!.certificate;
      expect(distribution.ViewerCertificate).toEqual(
        'acmCertificateArn' in certificate
          ? { AcmCertificateArn: certificate.acmCertificateArn, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' }
          : { IamCertificateId: certificate.iamCertificateId, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
      );
      expect(built.template.toJSON().Outputs.SiteUrl.Value).toBe(expected.appOrigin);
    });

    it('reaches the site bucket the way its partition offers (origin access control in aws, an identity in aws-cn)', () => {
      const site = distributionConfig().Origins.find((origin: any) => origin.S3OriginConfig);
      if (expected.partition === 'aws') {
        expect(site.OriginAccessControlId).toBeDefined();
        expect(ofType('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toHaveLength(0);
      } else {
        expect(site.OriginAccessControlId).toBeUndefined();
        expect(site.S3OriginConfig.OriginAccessIdentity).toBeDefined();
        expect(ofType('AWS::CloudFront::OriginAccessControl')).toHaveLength(0);
      }
    });

    it("forwards /api/* to the API's own domain with the origin-verify secret, which every API function (and no other) requires", () => {
      const origin = distributionConfig().Origins.find((candidate: any) => candidate.Id === apiBehavior().TargetOriginId);
      const domainId = one('AWS::ApiGatewayV2::DomainName')[0];
      expect(origin.DomainName).toEqual({ Ref: domainId });
      expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
      const [header] = origin.OriginCustomHeaders;
      expect(header.HeaderName).toBe(ORIGIN_VERIFY_HEADER);
      // A dynamic reference to the generated secret: resolved at deploy time, never in the template.
      const [, [prefix, secret, suffix]] = header.HeaderValue['Fn::Join'];
      expect([prefix, suffix]).toEqual(['{{resolve:secretsmanager:', ':SecretString:::}}']);
      expect(resources[secret.Ref]).toMatchObject({ Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { PasswordLength: 48 } } });
      for (const spec of FUNCTIONS) {
        const value = resources[fnId(spec.name)].Properties.Environment.Variables[ENV_NAMES.originVerifySecret];
        expect(value, spec.name).toEqual(spec.trigger === 'http' ? header.HeaderValue : undefined);
      }
    });

    it("hands the API the viewer's headers (CloudFront-Viewer-Address among them) but not Host", () => {
      expect(apiBehavior()).toMatchObject({ OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER, ViewerProtocolPolicy: 'https-only' });
    });

    it(expected.partition === 'aws' ? 'is protected by the configured WAF web ACL' : 'has no WAF (aws-cn offers regional WAF only)', () => {
      expect(distributionConfig().WebACLId).toBe(config.webAclArn);
      if (expected.partition === 'aws') expect(config.webAclArn).toMatch(/^arn:aws:wafv2:us-east-1:/);
    });

    it('sends HSTS, nosniff, frame and referrer policies and the content security policy with the app', () => {
      const policyOf = (behavior: any) => resources[behavior.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      const transport = {
        StrictTransportSecurity: { AccessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, IncludeSubdomains: true, Override: true },
        FrameOptions: { FrameOption: FRAME_OPTIONS, Override: true },
        ReferrerPolicy: { ReferrerPolicy: REFERRER_POLICY, Override: true },
        ContentTypeOptions: { Override: true },
      };
      const app = policyOf(distributionConfig().DefaultCacheBehavior);
      expect(app).toMatchObject(transport);
      const csp = app.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Join'][1]
        .map((part: unknown) => (typeof part === 'string' ? part : '<bucket>'))
        .join('');
      expect(csp).toBe(appContentSecurityPolicy('https://<bucket>'));
      expect(app.ContentSecurityPolicy.Override).toBe(true);
      // API answers keep their own policy (the poster's); the CDN's closed one fills in where there is none.
      expect(policyOf(apiBehavior())).toEqual({ ...transport, ContentSecurityPolicy: { ContentSecurityPolicy: API_CONTENT_SECURITY_POLICY, Override: false } });
    });
  });

  it("lets browsers upload photos from the app's origin only", () => {
    const [[, uploads]] = ofType('AWS::S3::Bucket').filter(([, bucket]) => bucket.Properties.CorsConfiguration);
    const [rule] = uploads.Properties.CorsConfiguration.CorsRules;
    expect(rule.AllowedOrigins).toEqual([expected.appOrigin]);
    expect([...rule.AllowedMethods].sort()).toEqual(['GET', 'POST', 'PUT']);
  });
});
