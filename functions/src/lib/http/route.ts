import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { matchRoute, routeKey, routesOf, type Service } from '@green-shield/shared/api/routes';
import { ApiError } from '../errors';
import type { EdgeMiddleware, EdgeRequest, MatchedRoute } from './context';

/** The `$default` route: tell an unknown path (404) from a known path with the wrong method (405). */
function unmatched(event: APIGatewayProxyEventV2): ApiError {
  const method = event.requestContext?.http?.method ?? 'GET';
  const match = matchRoute(method, event.rawPath ?? '/');
  if (match.kind === 'method-not-allowed') {
    return new ApiError('METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${match.allowed.join(', ')}`, undefined, { allow: match.allowed.join(', ') });
  }
  return new ApiError('ROUTE_NOT_FOUND', `No API route ${method} ${event.rawPath}`);
}

/**
 * Finds the service's route for the event's route key (API Gateway has matched the path already).
 * Requests API Gateway sends to `$default`, or routes of another service, are 404 or 405.
 */
export function findRoute(service: Service): EdgeMiddleware {
  const byRouteKey = new Map<string, MatchedRoute>(routesOf(service).map(([id, spec]) => [routeKey(spec), { id, spec }]));
  const findRouteBefore = (request: EdgeRequest) => {
    const route = byRouteKey.get(request.event.routeKey);
    if (!route) throw unmatched(request.event);
    request.context.route = route;
  };
  return { before: findRouteBefore };
}
