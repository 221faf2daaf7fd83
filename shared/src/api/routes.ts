/**
 * The route table: the one list of HTTP routes, each service's (./routes/<service>.ts: its endpoints
 * from ./endpoints/<service>.ts with their zod schemas) joined here. The CDK app turns it into API
 * Gateway routes and Lambda integrations, the local gateway routes with it, the OpenAPI document is
 * generated from it and the mini-app's client takes its types from it. Each function dispatches and
 * validates with its own service's table only, so it carries no other service's schemas.
 */
import { joinTables } from './join-tables';
import { routeMatcher } from './route-spec';
import { COGOV_ROUTES } from './routes/cogov';
import { COMMUNITY_ROUTES } from './routes/community';
import { COMPLAINTS_ROUTES } from './routes/complaints';
import { IDENTITY_ROUTES } from './routes/identity';
import { NOTIFICATIONS_ROUTES } from './routes/notifications';
import { PLATFORM_ROUTES } from './routes/platform';
import { SOURCE_FILES_ROUTES } from './routes/source-files';
import { SOURCES_ROUTES } from './routes/sources';

export { OFFICER_ROLES, routeKey, SERVICES, type Service } from './endpoint';
export type { RouteId } from './endpoints';
export { requestPath, type RouteSpec } from './route-spec';

/** In the endpoint table's order (the OpenAPI document lists paths in it). */
export const ROUTES = joinTables(
  PLATFORM_ROUTES,
  IDENTITY_ROUTES,
  COMPLAINTS_ROUTES,
  NOTIFICATIONS_ROUTES,
  SOURCES_ROUTES,
  SOURCE_FILES_ROUTES,
  COGOV_ROUTES,
  COMMUNITY_ROUTES,
);

/** The whole API's routes, matched as API Gateway does (see `routeMatcher`). */
export const matchRoute = routeMatcher(ROUTES);
