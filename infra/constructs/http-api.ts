/**
 * The HTTP API, built from ROUTES: one route per entry, integrated with the function serving its
 * service, plus `$default` to the function that answers unknown routes and methods in the API's own
 * 404/405 shape.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES, type RouteSpec, type Service } from '@green-shield/shared/api/routes';
import { logGroupProps } from './defaults';

export interface HttpApiProps {
  /** The function serving each service. */
  handlers: Record<Service, lambda.IFunction>;
  /** Serves `$default`. */
  fallback: lambda.IFunction;
  retainLogs: boolean;
  /** Days the access logs are kept (logRetentionDays). */
  logRetentionDays: number;
  /** Steady requests per second and burst for the whole stage. */
  throttle?: { rateLimit: number; burstLimit: number };
}

/** Headers the mini-app sends; `Idempotency-Key` guards complaint submission. */
export const CORS_ALLOW_HEADERS = ['Content-Type', 'Authorization', 'Idempotency-Key'];

/** A district's residents and officers: a few requests per second, bursts when a notice goes out. */
const DEFAULT_THROTTLE = { rateLimit: 50, burstLimit: 100 };

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

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const integration = (name: string, fn: lambda.IFunction) =>
      new HttpLambdaIntegration(name, fn, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 });

    const routes = Object.values(ROUTES) as RouteSpec[];
    const methods = [...new Set(routes.map((route) => route.method))];

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Green Shield API',
      // The stage below replaces the default one, to carry throttling and access logs.
      createDefaultStage: false,
      defaultIntegration: integration('Fallback', props.fallback),
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [...methods.map((method) => apigw.CorsHttpMethod[method]), apigw.CorsHttpMethod.OPTIONS],
        allowHeaders: CORS_ALLOW_HEADERS,
        maxAge: Duration.days(1),
      },
    });

    // One integration per function, shared by all of its routes.
    const integrations = new Map<Service, HttpLambdaIntegration>();
    for (const [service, fn] of Object.entries(props.handlers) as Array<[Service, lambda.IFunction]>) {
      integrations.set(service, integration(`${service}Integration`, fn));
    }
    for (const [routeId, route] of Object.entries(ROUTES) as Array<[string, RouteSpec]>) {
      const target = integrations.get(route.service);
      if (!target) throw new Error(`No function serves ${route.service} (route ${routeId})`);
      new apigw.HttpRoute(this, `Route-${routeId}`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(route.path, METHODS[route.method]),
        integration: target,
      });
    }

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', logGroupProps(props.logRetentionDays, props.retainLogs));
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });

    // On this construct, so it covers every route, including $default.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorisation is done in the functions: each route declares its roles in ROUTES and the function verifies the ES256 access token it issued itself (SMS sign-in), returning 401/403 in the API error shape. Public routes (health, district, sign-in) must stay open.',
    });
  }

  /** The stage URL, ending in "/". */
  get url(): string {
    return this.stage.url;
  }
}
