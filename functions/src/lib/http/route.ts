import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Endpoint, routeKey } from '@green-shield/shared/api/endpoint';
import type { RouteId } from '@green-shield/shared/api/endpoints';
import { routeMatcher, type RouteTable } from '@green-shield/shared/api/route-spec';
import { ApiError } from '../errors';
import type { EdgeMiddleware, EdgeRequest, MatchedRoute } from './context';

/** The `$default` route: tell an unknown path (404) from a known path with the wrong method (405). */
function unmatched(event: APIGatewayProxyEventV2, matchRoute: ReturnType<typeof routeMatcher>): ApiError {
  const method = event.requestContext?.http?.method ?? 'GET';
  const match = matchRoute(method, event.rawPath ?? '/');
  if (match.kind === 'method-not-allowed') {
    return new ApiError('METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${match.allowed.join(', ')}`, undefined, { allow: match.allowed.join(', ') });
  }
  return new ApiError('ROUTE_NOT_FOUND', `No API route ${method} ${event.rawPath}`);
}

/**
 * Finds the route of the service's table (`routes`) for the event's route key (API Gateway has
 * matched the path already). Requests API Gateway sends to `$default`, or routes of another service,
 * are 404 or 405, by matching their path against `unmatchedAgainst` (the function's own routes unless
 * it serves `$default`).
 */
export function findRoute(routes: RouteTable, unmatchedAgainst: Record<string, Endpoint> = routes): EdgeMiddleware {
  const byRouteKey = new Map<string, MatchedRoute>(Object.entries(routes).map(([id, spec]) => [routeKey(spec), { id: id as RouteId, spec }]));
  let matchRoute: ReturnType<typeof routeMatcher> | undefined;
  const findRouteBefore = (request: EdgeRequest) => {
    const route = byRouteKey.get(request.event.routeKey);
    if (!route) {
      matchRoute ??= routeMatcher(unmatchedAgainst);
      throw unmatched(request.event, matchRoute);
    }
    request.context.route = route;
  };
  return { before: findRouteBefore };
}
