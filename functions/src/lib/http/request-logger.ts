import type { Logger } from '../logger';
import type { EdgeMiddleware, EdgeRequest } from './context';

/** Gives the request a child logger carrying its request id and route key, for every line it logs. */
export function requestLogger(base: Logger): EdgeMiddleware {
  const requestLoggerBefore = (request: EdgeRequest) => {
    request.context.logger = base.child({ requestId: request.context.awsRequestId, route: request.event.routeKey });
  };
  return { before: requestLoggerBefore };
}
