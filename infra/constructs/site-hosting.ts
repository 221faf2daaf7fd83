/**
 * H5 hosting: the Taro H5 build in a private bucket behind CloudFront, with `/api/*` forwarded to the
 * HTTP API so the page and the API share one origin, and eco-code links (`/e/<code>`) redirected to
 * the app's public profile page by a CloudFront Function. CloudFront adds the origin-verify header to
 * every API request (the API refuses requests without it: functions/src/lib/http/front-door.ts) and
 * forwards the viewer's address. The app's files go out with its content security policy, HSTS,
 * nosniff, frame and referrer policies (functions/src/lib/security-headers.ts, which the local gateway
 * sends too); API answers bring their own headers, and the CDN adds the rest where they lack them.
 *
 * Partitions: in `aws` the site bucket is reached by origin access control, a custom domain takes an
 * ACM certificate from us-east-1, and a WAF web ACL can be attached. CloudFront in `aws-cn` serves
 * only an ICP-filed alternate domain with an IAM server certificate, has no origin access control
 * (an origin access identity instead) and no WAF (infra/README.md, China regions).
 */
import { DefaultStackSynthesizer, Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as deployment from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ORIGIN_VERIFY_HEADER } from '../../functions/src/lib/http/front-door';
import { API_CONTENT_SECURITY_POLICY, appContentSecurityPolicy, HSTS_MAX_AGE_SECONDS, REFERRER_POLICY } from '../../functions/src/lib/security-headers';
import type { H5Domain, Partition } from '../config';
import { logGroupProps } from './defaults';
import { secureBucket } from './secure-bucket';

/** Plain JavaScript for the CloudFront Functions runtime; test/infra evaluates the same file. */
export const ECO_LINK_REDIRECT_FILE = fileURLToPath(new URL('../edge/eco-link-redirect.js', import.meta.url));

export interface SiteHostingProps {
  /** Host name `/api/*` is forwarded to: the API's custom domain, else its execute-api host. */
  apiOriginDomain: string;
  /** What CloudFront sends in the origin-verify header (a secret's dynamic reference, resolved at deploy time). */
  originVerifyValue: string;
  /** Origin of the upload bucket's presigned URLs (`https://<bucket regional domain>`): the app uploads and shows photos there. */
  objectStoreOrigin: string;
  accessLogs: s3.IBucket;
  retain: boolean;
  /** Days the deployment's log is kept (logRetentionDays). */
  logRetentionDays: number;
  /** The H5 build; uploaded only if it exists when the app is synthesized. */
  distDir: string;
  partition: Partition;
  /** The app's custom domain and its certificate; required in aws-cn. */
  domain?: H5Domain;
  /** A CLOUDFRONT-scope WAFv2 web ACL (aws only). */
  webAclArn?: string;
}

/** The referrer policy as CloudFront's enum names it (the same text). */
const REFERRER = REFERRER_POLICY as cloudfront.HeadersReferrerPolicy;

/** HSTS, no framing, the referrer policy and nosniff: on every answer, the app's and the API's. */
const TRANSPORT_AND_FRAMING: Omit<cloudfront.ResponseSecurityHeadersBehavior, 'contentSecurityPolicy'> = {
  strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS), includeSubdomains: true, override: true },
  frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
  referrerPolicy: { referrerPolicy: REFERRER, override: true },
  contentTypeOptions: { override: true },
};

export class SiteHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<custom domain>` when configured, else `https://<distribution domain>`. */
  readonly url: string;
  /** Whether the H5 build was found and is deployed by this synth. */
  readonly deploysBuild: boolean;

  constructor(scope: Construct, id: string, props: SiteHostingProps) {
    super(scope, id);
    this.bucket = secureBucket(this, 'Bucket', { retain: props.retain, accessLogs: props.accessLogs, accessLogsPrefix: 'site-bucket/' });
    const inChina = props.partition === 'aws-cn';

    const ecoLinkRedirect = new cloudfront.Function(this, 'EcoLinkRedirect', {
      comment: 'Redirects eco-code links /e/<code> to the H5 public profile page',
      code: cloudfront.FunctionCode.fromFile({ filePath: ECO_LINK_REDIRECT_FILE }),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    const appHeaders = new cloudfront.ResponseHeadersPolicy(this, 'AppHeaders', {
      comment: 'Green Shield H5: content security policy, HSTS, nosniff, frame and referrer policies',
      securityHeadersBehavior: {
        ...TRANSPORT_AND_FRAMING,
        contentSecurityPolicy: { contentSecurityPolicy: appContentSecurityPolicy(props.objectStoreOrigin), override: true },
      },
    });
    // The API sets its own headers (the poster its own policy, kept: override off); this adds the rest,
    // also where API Gateway answers itself (throttling, oversized bodies).
    const apiHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Green Shield API: HSTS, nosniff, frame and referrer policies; a closed content security policy where the answer has none',
      securityHeadersBehavior: {
        ...TRANSPORT_AND_FRAMING,
        contentSecurityPolicy: { contentSecurityPolicy: API_CONTENT_SECURITY_POLICY, override: false },
      },
    });

    const certificate =
      props.domain && 'acmCertificateArn' in props.domain.certificate
        ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificate.acmCertificateArn)
        : undefined;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Green Shield H5',
      defaultRootObject: 'index.html',
      // Global: includes the Hong Kong, Taiwan and other Asian edges closest to the district's residents.
      // China's CloudFront has its own mainland edges only, and one price class.
      priceClass: inChina ? undefined : cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: inChina ? cloudfront.HttpVersion.HTTP2 : cloudfront.HttpVersion.HTTP2_AND_3,
      ...(certificate && props.domain
        ? { domainNames: [props.domain.domain], certificate, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cdn/',
      defaultBehavior: {
        // Origin access control is not offered by CloudFront in aws-cn: an origin access identity there.
        origin: inChina ? origins.S3BucketOrigin.withOriginAccessIdentity(this.bucket) : origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: appHeaders,
        functionAssociations: [{ function: ecoLinkRedirect, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiOriginDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerifyValue },
          }),
          // POSTs must not be redirected; HTTPS only.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Authorization, Idempotency-Key, query strings... everything but Host, which must stay the
          // API's own; with the CloudFront headers, CloudFront-Viewer-Address among them (the
          // per-address sign-in limit counts the phone, not the CDN).
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
        },
      },
    });
    if (props.domain && 'iamCertificateId' in props.domain.certificate) {
      // The CDK's Distribution takes ACM certificates only; CloudFront in China takes IAM ones.
      const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.domain.domain]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: props.domain.certificate.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      });
    }
    this.url = props.domain ? `https://${props.domain.domain}` : `https://${this.distribution.distributionDomainName}`;
    this.acknowledgeDistributionFindings(props);

    this.deploysBuild = fs.existsSync(props.distDir);
    if (this.deploysBuild) this.deployBuild(props);
  }

  private acknowledgeDistributionFindings(props: SiteHostingProps): void {
    const validations = Validations.of(this.distribution);
    validations.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: residents report problems from wherever they are (including travelling abroad), and every write goes through the authenticated API.',
    });
    if (!props.webAclArn) {
      validations.acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          props.partition === 'aws-cn'
            ? 'AWS WAF in aws-cn is regional only and cannot protect CloudFront; the API behind it is throttled per route and refuses requests that bypass the CDN.'
            : 'No WAF web ACL configured for this stage (webAclArn); the API behind the CDN is throttled per route and refuses requests that bypass the CDN.',
      });
    }
    if (!props.domain) {
      validations.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          "No custom domain configured for this stage (h5): the distribution uses its default *.cloudfront.net certificate, whose TLS policy CloudFront fixes. With one, it takes the domain's certificate and TLSv1.2_2021.",
      });
    } else if ('iamCertificateId' in props.domain.certificate) {
      validations.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'The IAM server certificate and TLSv1.2_2021 are set by a property override (the CDK takes ACM certificates only), which the check does not read.',
      });
    }
    if (props.partition === 'aws-cn') {
      validations.acknowledge({
        id: 'AwsSolutions-CFR7',
        reason: 'CloudFront in aws-cn offers no origin access control; the site bucket is reached by an origin access identity and stays private.',
      });
    }
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
