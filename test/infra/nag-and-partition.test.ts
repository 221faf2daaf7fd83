/**
 * cdk-nag (AwsSolutions + Serverless) must have nothing unacknowledged, in every shape the stack
 * takes, and no ARN may hard-code the `aws` partition.
 */
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { appContentSecurityPolicy } from '../../functions/src/lib/security-headers';
import { build, fakeSiteBuild, nagFindings, type BuildOptions } from './support';

const variants: Array<[string, BuildOptions]> = [
  ['default (hosting, no H5 build yet)', {}],
  ['hosting with an H5 build to deploy', { siteDistDir: fakeSiteBuild() }],
  ['no hosting, disposable data', { context: { hosting: 'false', retainData: 'false', stage: 'scratch' } }],
  ['pinned to an aws-cn region', { region: 'cn-northwest-1' }],
];

describe.each(variants)('%s', (_name, options) => {
  const built = build(options);

  it('raises no unacknowledged cdk-nag finding', () => {
    expect(nagFindings(built)).toEqual([]);
  });

  it('contains no literal arn:aws: partition', () => {
    const json = JSON.stringify(built.template.toJSON());
    expect(json.match(/arn:aws:[^"]*/g)).toBeNull();
    // Environment-agnostic: resolved at deploy time. Pinned: CDK writes the region's own partition.
    if (options.region) expect(json).toContain('arn:aws-cn:');
    else expect(json).toContain('{"Ref":"AWS::Partition"}');
  });
});

describe('cdk-nag registration', () => {
  it('catches what is not acknowledged', () => {
    // A bucket added without logging or TLS enforcement must be reported, proving the packs run.
    const built = build();
    new s3.Bucket(built.stack, 'Careless');
    const rules = nagFindings(built).map((finding) => finding.rule);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });
});

describe('hosting', () => {
  it('serves the site bucket through OAC and forwards /api/* uncached to the API', () => {
    const { template } = build();
    const resources = template.toJSON().Resources;
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as any[];
    const config = distribution.Properties.DistributionConfig;
    const api = config.CacheBehaviors.find((behavior: any) => behavior.PathPattern === '/api/*');
    // CachingDisabled and AllViewerExceptHostHeader managed policies.
    expect(api).toMatchObject({
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      AllowedMethods: expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']),
      ViewerProtocolPolicy: 'https-only',
    });
    const origin = (id: string) => config.Origins.find((candidate: any) => candidate.Id === id);
    expect(origin(api.TargetOriginId).CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    const site = origin(config.DefaultCacheBehavior.TargetOriginId);
    expect(site.OriginAccessControlId).toBeDefined();
    expect(resources[site.DomainName['Fn::GetAtt'][0]].Type).toBe('AWS::S3::Bucket');
    expect(config.DefaultRootObject).toBe('index.html');
  });

  it("compresses the app's files with gzip or brotli, as the browser accepts", () => {
    const { template } = build();
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as any[];
    // CachingOptimized: gzip and brotli in the cache key, so each encoding is cached apart.
    expect(distribution.Properties.DistributionConfig.DefaultCacheBehavior).toMatchObject({
      Compress: true,
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    });
  });

  it("sends the app's content security policy and nosniff with its files, and nosniff with the API (edge-stages.test.ts: the rest)", () => {
    const { template } = build();
    const resources = template.toJSON().Resources;
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as any[];
    const config = distribution.Properties.DistributionConfig;
    const policyOf = (behavior: any) => resources[behavior.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const app = policyOf(config.DefaultCacheBehavior);
    expect(app.ContentTypeOptions).toEqual({ Override: true });
    expect(app.ContentSecurityPolicy.Override).toBe(true);
    // The policy names the upload bucket's own domain (a token resolved at deploy time) for photos.
    const policy = app.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Join'][1];
    const text = policy.map((part: unknown) => (typeof part === 'string' ? part : '<bucket>')).join('');
    expect(text).toBe(appContentSecurityPolicy('https://<bucket>'));
    const bucket = policy.find((part: any) => part['Fn::GetAtt'])['Fn::GetAtt'];
    expect(bucket[1]).toBe('RegionalDomainName');
    expect(resources[bucket[0]].Properties.LifecycleConfiguration).toBeDefined();
    expect(text).toContain("script-src 'self';");
    const api = policyOf(config.CacheBehaviors.find((behavior: any) => behavior.PathPattern === '/api/*'));
    expect(api.ContentTypeOptions).toEqual({ Override: true });
    // The poster's own policy wins over the CDN's.
    expect(api.ContentSecurityPolicy.Override).toBe(false);
  });

  it('deploys the H5 build only when it exists', () => {
    expect(Object.keys(build().template.findResources('Custom::CDKBucketDeployment'))).toHaveLength(0);
    expect(Object.keys(build({ siteDistDir: fakeSiteBuild() }).template.findResources('Custom::CDKBucketDeployment'))).toHaveLength(1);
  });

  it('is skipped with hosting=false, and by default in aws-cn regions', () => {
    for (const built of [build({ context: { hosting: 'false' } }), build({ region: 'cn-north-1' })]) {
      built.template.resourceCountIs('AWS::CloudFront::Distribution', 0);
      expect(built.template.toJSON().Outputs.SiteUrl).toBeUndefined();
    }
    build({ region: 'eu-west-1' }).template.resourceCountIs('AWS::CloudFront::Distribution', 1);
  });
});
