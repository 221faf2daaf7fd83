/**
 * The HTTP API, built from ROUTES: one route per entry, integrated with the function serving its
 * service, plus `$default` to the function that answers unknown routes and methods in the API's own
 * 404/405 shape. Each route is throttled by its class (shared/src/api/endpoints.ts), browsers may call
 * it from the app's own origins only, and with a custom domain the execute-api address is switched
 * off, so the domain (and the CDN in front of it) is the only way in.
 */
import { type CfnResource, Duration, Fn, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { throttleClassOf, type ThrottleClass } from '@green-shield/shared/api/endpoints';
import { ROUTES, routeKey, type RouteSpec, type Service } from '@green-shield/shared/api/routes';
import { CORS_POLICY } from '../../functions/src/lib/cors';
import type { ApiDomainT, ThrottleT } from '../stage-settings';
import { logGroupProps } from './defaults';

export interface HttpApiProps {
  /** The function serving each service. */
  handlers: Record<Service, lambda.IFunction>;
  /** Serves `$default`. */
  fallback: lambda.IFunction;
  retainLogs: boolean;
  /** Days the access logs are kept (logRetentionDays). */
  logRetentionDays: number;
  /** Steady requests per second and burst of each throttle class, across all callers. */
  throttles: Record<ThrottleClass, ThrottleT>;
  /** Origins browsers may call the API from; empty: any (development only). */
  corsOrigins: string[];
  /** The API's own domain with its (imported) certificate; the execute-api address is then off. */
  domain?: ApiDomainT;
}

/** The loosest class is the stage's default; routes of the others get their own route settings. */
const STAGE_DEFAULT_CLASS: ThrottleClass = 'read';

/** One JSON object per request (structured, so Logs Insights can query fields). HTTP API variables only. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    requestTime: '$context.requestTime',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

const METHODS: Record<RouteSpec['method'], apigw.HttpMethod> = {
  GET: apigw.HttpMethod.GET,
  POST: apigw.HttpMethod.POST,
  PUT: apigw.HttpMethod.PUT,
  PATCH: apigw.HttpMethod.PATCH,
  DELETE: apigw.HttpMethod.DELETE,
};

export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** The custom domain, when configured: point its DNS name at `regionalDomainName`. */
  readonly domainName?: apigw.DomainName;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: HttpApiProps,
  ) {
    super(scope, id);
    const integration = (name: string, fn: lambda.IFunction) =>
      new HttpLambdaIntegration(name, fn, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 });

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Green Shield API',
      // The stage below replaces the default one, to carry throttling and access logs.
      createDefaultStage: false,
      disableExecuteApiEndpoint: props.domain !== undefined,
      defaultIntegration: integration('Fallback', props.fallback),
      corsPreflight: {
        allowOrigins: props.corsOrigins.length > 0 ? props.corsOrigins : [...CORS_POLICY.allowOrigins],
        allowMethods: CORS_POLICY.allowMethods.map((method) => apigw.CorsHttpMethod[method]),
        allowHeaders: [...CORS_POLICY.allowHeaders],
        maxAge: Duration.seconds(CORS_POLICY.maxAgeSeconds),
      },
    });

    // One integration per function, shared by all of its routes.
    const integrations = new Map<Service, HttpLambdaIntegration>();
    for (const [service, fn] of Object.entries(props.handlers) as Array<[Service, lambda.IFunction]>) {
      integrations.set(service, integration(`${service}Integration`, fn));
    }
    const throttledRoutes: Array<{ route: apigw.HttpRoute; key: string; throttle: ThrottleT }> = [];
    for (const [routeId, spec] of Object.entries(ROUTES) as Array<[string, RouteSpec]>) {
      const target = integrations.get(spec.service);
      if (!target) throw new Error(`No function serves ${spec.service} (route ${routeId})`);
      const route = new apigw.HttpRoute(this, `Route-${routeId}`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(spec.path, METHODS[spec.method]),
        integration: target,
      });
      const throttleClass = throttleClassOf(spec);
      if (throttleClass !== STAGE_DEFAULT_CLASS) throttledRoutes.push({ route, key: routeKey(spec), throttle: props.throttles[throttleClass] });
    }

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', logGroupProps(props.logRetentionDays, props.retainLogs));
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttles[STAGE_DEFAULT_CLASS],
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });
    // Route settings name routes by key, so the stage is made after them.
    const cfnStage = this.stage.node.defaultChild as apigw.CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      throttledRoutes.map(({ key, throttle }) => [key, { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit }]),
    );
    for (const { route } of throttledRoutes) cfnStage.addResourceDependency(route.node.defaultChild as CfnResource);

    if (props.domain) {
      this.domainName = new apigw.DomainName(this, 'Domain', {
        domainName: props.domain.domain,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        endpointType: apigw.EndpointType.REGIONAL,
        securityPolicy: apigw.SecurityPolicy.TLS_1_2,
      });
      new apigw.ApiMapping(this, 'Mapping', { api: this.api, domainName: this.domainName, stage: this.stage });
    }

    // On this construct, so it covers every route, including $default.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorisation is done in the functions: each route declares its roles in ROUTES and the function verifies the ES256 access token it issued itself (SMS sign-in), returning 401/403 in the API error shape. Public routes (health, district, sign-in) must stay open.',
    });
  }

  /** Where clients reach the API, ending in "/": its custom domain when configured, else the stage URL. */
  get url(): string {
    return this.props.domain ? `https://${this.props.domain.domain}/` : this.stage.url;
  }

  /** The host name CloudFront forwards `/api/*` to: the custom domain (made first), else the execute-api host. */
  get originDomain(): string {
    return this.domainName ? this.domainName.name : Fn.select(2, Fn.split('/', this.stage.url));
  }
}
