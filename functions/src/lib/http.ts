/**
 * The HTTP edge of every API function: a middy chain that finds the route for the API Gateway
 * (payload v2) event in the shared route table, authenticates, validates body/query/path with the
 * route's schemas, calls the operation and shapes the answer. Operations only see parsed input.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { matchRoute, type ROUTES, routeKey, routesOf, type RouteId, type RouteSpec, type Service } from '@green-shield/shared/api/routes';
import type { ErrorBody } from '@green-shield/shared/api/errors';
import { IDEMPOTENCY_KEY_PATTERN } from '@green-shield/shared/api/limits';
import { ApiError } from './errors';
import { createLogger, type Logger } from './logger';
import { cachingVerifier, type Principal } from './tokens';
import type { VerificationKey } from './signing-keys';
import type { Clock } from './clock';
import { CORS_RESPONSE_HEADERS } from './cors';

export const MAX_BODY_BYTES = 1024 * 1024;

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface OperationInput<R extends RouteSpec> {
  body: Infer<R['body']>;
  query: Infer<R['query']>;
  params: Infer<R['params']>;
  /** Present on every route that is not public. */
  principal: R['auth'] extends 'public' ? Principal | undefined : Principal;
  idempotencyKey: string;
  sourceIp: string;
  logger: Logger;
  event: APIGatewayProxyEventV2;
}

type RoutesOf<S extends Service> = { [K in RouteId as (typeof ROUTES)[K]['service'] extends S ? K : never]: (typeof ROUTES)[K] };

export type Operations<S extends Service> = {
  [K in keyof RoutesOf<S>]: (input: OperationInput<RoutesOf<S>[K] & RouteSpec>) => Promise<unknown>;
};

export interface HttpDeps {
  clock: Clock;
  /** Public key for verifying tokens (the private part is only used by identity). */
  verificationKeys: () => Promise<VerificationKey | undefined>;
  logger?: Logger;
}

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...CORS_RESPONSE_HEADERS, ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function errorResponse(error: ApiError): APIGatewayProxyStructuredResultV2 {
  const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  return json(error.status, body, error.headers);
}

function validationError(error: z.ZodError, prefix: string): ApiError {
  const details = error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
  return new ApiError('VALIDATION_FAILED', `Invalid ${prefix}: ${details.map((d) => d.field).join(', ')}`, details);
}

function parseWith(schema: z.ZodType | undefined, value: unknown, prefix: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.byteLength > MAX_BODY_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError('BAD_JSON', 'The request body is not valid JSON');
  }
}

type Verifier = ReturnType<typeof cachingVerifier>;

async function authenticate(route: RouteSpec, event: APIGatewayProxyEventV2, deps: HttpDeps, verify: Verifier): Promise<Principal | undefined> {
  const header = event.headers.authorization ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  const key = token ? await deps.verificationKeys() : undefined;
  const principal = token && key ? await verify(token, key, deps.clock.now()) : undefined;
  if (route.auth === 'public') return principal;
  if (!principal) throw new ApiError('UNAUTHENTICATED', token ? 'The access token is invalid or expired' : 'Sign in first');
  if (!principal.roles.some((role) => (route.auth as readonly string[]).includes(role))) {
    throw new ApiError('FORBIDDEN', 'Your role may not use this endpoint');
  }
  return principal;
}

/** The `$default` route: tell an unknown path (404) from a known path with the wrong method (405). */
function unmatched(event: APIGatewayProxyEventV2): ApiError {
  const method = event.requestContext?.http?.method ?? 'GET';
  const match = matchRoute(method, event.rawPath ?? '/');
  if (match.kind === 'method-not-allowed') {
    return new ApiError('METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${match.allowed.join(', ')}`, undefined, { allow: match.allowed.join(', ') });
  }
  return new ApiError('ROUTE_NOT_FOUND', `No API route ${method} ${event.rawPath}`);
}

/** Maps errors to the one error shape; only ApiErrors (4xx) reach clients with their message. */
const errorMiddleware = (baseLogger: Logger): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    const { error } = request;
    const logger = () => baseLogger.child({ requestId: request.context.awsRequestId, route: request.event.routeKey });
    if (error instanceof ApiError) {
      logger().info('request refused', { errorCode: error.code, status: error.status });
      request.response = errorResponse(error);
      return;
    }
    logger().error('unhandled error', { error });
    request.response = errorResponse(new ApiError('INTERNAL', 'Something went wrong on our side. Please try again.'));
  },
});

export function createHttpHandler<S extends Service>(service: S, operations: Operations<S>, deps: HttpDeps): HttpHandler {
  const byRouteKey = new Map(routesOf(service).map(([id, route]) => [routeKey(route), { id, route }]));
  const baseLogger = deps.logger ?? createLogger({ service });
  const verify = cachingVerifier();

  const core = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const requestLogger = baseLogger.child({ requestId: context.awsRequestId, route: event.routeKey });
    const entry = byRouteKey.get(event.routeKey);
    if (!entry) throw unmatched(event);
    const { id, route } = entry;
    const principal = await authenticate(route, event, deps, verify);
    const idempotencyKey = event.headers['idempotency-key'] ?? '';
    if (route.idempotent && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new ApiError('MISSING_IDEMPOTENCY_KEY', 'Send an Idempotency-Key header (8–128 letters, digits, - or _)');
    }
    const input = {
      body: parseWith(route.body, readJsonBody(event), 'body'),
      query: parseWith(route.query, event.queryStringParameters ?? {}, 'query'),
      params: parseWith(route.params, event.pathParameters ?? {}, 'path'),
      principal,
      idempotencyKey,
      sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
      logger: requestLogger,
      event,
    };
    const operation = (operations as unknown as Record<string, (i: typeof input) => Promise<unknown>>)[id];
    const result = await operation(input);
    requestLogger.info('request served', { status: route.successStatus });
    if (route.produces) {
      return {
        statusCode: route.successStatus,
        headers: { 'content-type': `${route.produces}; charset=utf-8`, 'cache-control': 'no-store', ...CORS_RESPONSE_HEADERS },
        body: String(result),
      };
    }
    return json(route.successStatus, result);
  };

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().use(errorMiddleware(baseLogger)).handler(core) as unknown as HttpHandler;
}
