/**
 * H5 hosting: the Taro H5 build in a private bucket behind CloudFront (origin access control), with
 * `/api/*` forwarded to the HTTP API so the page and the API share one origin, and eco-code links
 * (`/e/<code>`) redirected to the app's public profile page by a CloudFront Function. The app's
 * files go out with its content security policy and nosniff (functions/src/lib/security-headers.ts,
 * which the local gateway sends too); API answers bring their own headers, and nosniff is added to
 * those API Gateway makes itself (throttling, oversized bodies).
 */
import { DefaultStackSynthesizer, Fn, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as deployment from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appContentSecurityPolicy } from '../../functions/src/lib/security-headers';
import { logGroupProps } from './defaults';
import { secureBucket } from './secure-bucket';

/** Plain JavaScript for the CloudFront Functions runtime; test/infra evaluates the same file. */
export const ECO_LINK_REDIRECT_FILE = fileURLToPath(new URL('../edge/eco-link-redirect.js', import.meta.url));

export interface SiteHostingProps {
  /** URL of the API stage (`https://{id}.execute-api.{region}.{suffix}/`). */
  apiUrl: string;
  /** Origin of the upload bucket's presigned URLs (`https://<bucket regional domain>`): the app uploads and shows photos there. */
  objectStoreOrigin: string;
  accessLogs: s3.IBucket;
  retain: boolean;
  /** Days the deployment's log is kept (logRetentionDays). */
  logRetentionDays: number;
  /** The H5 build; uploaded only if it exists when the app is synthesized. */
  distDir: string;
}

export class SiteHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`. */
  readonly url: string;
  /** Whether the H5 build was found and is deployed by this synth. */
  readonly deploysBuild: boolean;

  constructor(scope: Construct, id: string, props: SiteHostingProps) {
    super(scope, id);
    this.bucket = secureBucket(this, 'Bucket', { retain: props.retain, accessLogs: props.accessLogs, accessLogsPrefix: 'site-bucket/' });

    // execute-api host name out of the stage URL: "https:", "", host, "".
    const apiDomain = Fn.select(2, Fn.split('/', props.apiUrl));

    const ecoLinkRedirect = new cloudfront.Function(this, 'EcoLinkRedirect', {
      comment: 'Redirects eco-code links /e/<code> to the H5 public profile page',
      code: cloudfront.FunctionCode.fromFile({ filePath: ECO_LINK_REDIRECT_FILE }),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    const appHeaders = new cloudfront.ResponseHeadersPolicy(this, 'AppHeaders', {
      comment: 'Green Shield H5: content security policy and nosniff',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: appContentSecurityPolicy(props.objectStoreOrigin), override: true },
        contentTypeOptions: { override: true },
      },
    });
    // The API sets its own headers (the poster its own policy); this only adds nosniff where API Gateway answers itself.
    const apiHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Green Shield API: nosniff',
      securityHeadersBehavior: { contentTypeOptions: { override: true } },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Green Shield H5',
      defaultRootObject: 'index.html',
      // Includes the Hong Kong, Taiwan and other Asian edges closest to the district's residents.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cdn/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: appHeaders,
        functionAssociations: [{ function: ecoLinkRedirect, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
          // POSTs must not be redirected; HTTPS only.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Authorization, Idempotency-Key, query strings... everything but Host, which must stay the API's own.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: residents report problems from wherever they are (including travelling abroad), and every write goes through the authenticated API.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL: the CDN serves static files and forwards /api/* to an HTTP API whose stage is throttled and whose functions authenticate every write; a WAF can be attached when traffic warrants its cost.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses its default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; a custom domain with an ACM certificate and TLSv1.2_2021 is a deployment-time choice outside this stack.',
      },
    );

    this.deploysBuild = fs.existsSync(props.distDir);
    if (this.deploysBuild) this.deployBuild(props);
  }

  private deployBuild(props: SiteHostingProps): void {
    const logGroup = new logs.LogGroup(this, 'DeployLogs', logGroupProps(props.logRetentionDays, props.retain));
    // Own role instead of the default one with the AWS managed AWSLambdaBasicExecutionRole.
    const role = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the H5 build into the site bucket and invalidates the CDN',
    });
    logGroup.grantWrite(role);
    new deployment.BucketDeployment(this, 'Deploy', {
      sources: [deployment.Source.asset(props.distDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      role,
      logGroup,
    });

    this.acknowledgeDeploymentFindings(role);
  }

  /** BucketDeployment's handler is CDK's own (a Python Lambda behind a custom resource). */
  private acknowledgeDeploymentFindings(role: iam.Role): void {
    const stack = Stack.of(this);
    const grantsReason =
      'Grants CDK makes for BucketDeployment: it syncs the H5 build into the site bucket (get, list, put, delete every object of that bucket), reads the zipped build from the CDK bootstrap asset bucket, and creates CloudFront invalidations, an action with no resource-level permissions.';
    const synthesizer = stack.synthesizer;
    const qualifier =
      (synthesizer instanceof DefaultStackSynthesizer ? synthesizer.bootstrapQualifier : undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const findings = [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      `Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*`,
      `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*`,
      'Resource::*',
    ];
    for (const finding of findings) Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: grantsReason });

    // The handler is a singleton at stack level, shared by all BucketDeployments of the stack.
    const handlers = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handlers.length === 0) throw new Error('BucketDeployment handler not found; its acknowledgements below would not apply');
    const runtimeReason = "CDK's BucketDeployment handler: its runtime (Python) is pinned by aws-cdk-lib and moves with CDK upgrades, not configurable here.";
    for (const handler of handlers) {
      Validations.of(handler).acknowledge(
        { id: 'AwsSolutions-L1', reason: runtimeReason },
        { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
        {
          id: 'Serverless-LambdaDLQ',
          reason:
            'Invoked synchronously by CloudFormation through the custom-resource provider: a failure fails (and rolls back) the deployment, so there is no event to keep.',
        },
        {
          id: 'Serverless-LambdaTracing',
          reason: 'Deploy-time handler owned by CDK (no tracing option); it runs once per deployment and its log group holds its output.',
        },
      );
    }
  }
}
