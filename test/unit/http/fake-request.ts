/** Fake API Gateway (payload v2) events and middy requests for testing one middleware at a time, without a chain. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ROUTES, type RouteId } from '@green-shield/shared/api/routes';
import type { EdgeContext, EdgeMiddleware, EdgeRequest } from '../../../functions/src/lib/http/context';
import { ApiError } from '../../../functions/src/lib/errors';
import { createLogger, type Logger } from '../../../functions/src/lib/logger';
import type { RateCount, RateCounter } from '../../../functions/src/lib/rate-limits';

/** An event for `routeKey` ("GET /api/health", or "$default" for a GET of `rawPath` unless overridden). */
export function fakeEvent(routeKey: string, overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  const [method, path] = routeKey === '$default' ? ['GET', '/'] : routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path ?? '/',
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method, sourceIp: '127.0.0.1' } },
    isBase64Encoded: false,
    ...overrides,
  } as APIGatewayProxyEventV2;
}

export function fakeRequest(event: APIGatewayProxyEventV2, context: Partial<EdgeContext> = {}): EdgeRequest {
  return { event, context: { awsRequestId: 'req-1', ...context } as EdgeContext, response: null, error: null, internal: {} };
}

/** The context a request has once the route middleware found route `id`. */
export function routed(id: RouteId): Pick<EdgeContext, 'route'> {
  return { route: { id, spec: ROUTES[id] } };
}

/** A logger that keeps its lines as parsed objects. */
export function recordingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { logger: createLogger({}, (line) => lines.push(JSON.parse(line))), lines };
}

export async function runBefore(middleware: EdgeMiddleware, request: EdgeRequest): Promise<EdgeRequest> {
  await middleware.before!(request);
  return request;
}

/** The ApiError a `before` throws, or a failure when it throws nothing or something else. */
export async function refusal(middleware: EdgeMiddleware, request: EdgeRequest): Promise<ApiError> {
  try {
    await middleware.before!(request);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the middleware to refuse the request');
}

/**
 * A rate counter in memory, counting as the table's does (per scope, subject and window; an act
 * key counted once), that keeps every count it was asked for.
 */
export function memoryRateCounter(): RateCounter & { asked: RateCount[] } {
  const hits = new Map<string, number>();
  const acts = new Set<string>();
  const asked: RateCount[] = [];
  return {
    asked,
    take: async (count) => {
      asked.push(count);
      const act = count.actKey === undefined ? undefined : `${count.scope}|${count.subject}|${count.actKey}`;
      if (act && acts.has(act)) return true;
      const window = `${count.scope}|${count.subject}|${count.window.label}`;
      const taken = hits.get(window) ?? 0;
      if (taken >= count.limit) return false;
      hits.set(window, taken + 1);
      if (act) acts.add(act);
      return true;
    },
  };
}
