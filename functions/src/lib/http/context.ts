/**
 * What the middlewares of the HTTP edge hand on to each other and to the operation. As in middy's
 * own packages, each one sets its result on the request's context; the chain in ../http.ts runs
 * them in the order listed here.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { RouteId } from '@green-shield/shared/api/endpoints';
import type { RouteSpec } from '@green-shield/shared/api/route-spec';
import type { Logger } from '../logger';
import type { Principal } from '../tokens';

export interface MatchedRoute {
  id: RouteId;
  spec: RouteSpec;
}

/** Body, query and path parameters as parsed by the route's schemas (undefined where it has none). */
export interface ValidInput {
  body: unknown;
  query: unknown;
  params: unknown;
}

export interface EdgeContext extends Context {
  /** request-logger: a child logger carrying the request id and the route key. */
  logger?: Logger;
  /** front-door: the caller's IP address (the viewer's behind the verified CDN). */
  clientAddress?: string;
  /** route: the entry of the route table this request is for. */
  route?: MatchedRoute;
  /** authenticate: the caller; undefined on a public route called without a valid token. */
  principal?: Principal;
  /** idempotency-key: the Idempotency-Key header ('' when absent on a route that does not need it). */
  idempotencyKey?: string;
  /** json-body: the parsed JSON body; undefined when none was sent. */
  jsonBody?: unknown;
  /** validate: the input the operation receives. */
  input?: ValidInput;
}

/** Until `respond` shapes it, the response is whatever the operation returned. */
export type EdgeRequest = Request<APIGatewayProxyEventV2, unknown, Error, EdgeContext>;
export type EdgeMiddleware = MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, EdgeContext>;

/** What a middleware needs from one that ran before it; its absence is a wiring mistake (a 500). */
export function need<K extends 'logger' | 'route' | 'input'>(context: EdgeContext, key: K): NonNullable<EdgeContext[K]> {
  const value = context[key];
  if (value === undefined) throw new Error(`HTTP edge miswired: no ${key} on the context yet`);
  return value as NonNullable<EdgeContext[K]>;
}
