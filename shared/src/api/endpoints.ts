/**
 * The endpoint table: every HTTP route with everything about it but its schemas (method, path,
 * the function that serves it, who may call it, how it answers), declared per service in
 * ./endpoints/<service>.ts and joined here. Free of zod, so the mini-app's client reads it at
 * runtime; ./routes adds each route's zod schemas. A function loads only its own service's table
 * (./routes/<service>.ts), never this one.
 */
import { joinTables } from './join-tables';
import { COGOV_ENDPOINTS } from './endpoints/cogov';
import { COMMUNITY_ENDPOINTS } from './endpoints/community';
import { COMPLAINTS_ENDPOINTS } from './endpoints/complaints';
import { IDENTITY_ENDPOINTS } from './endpoints/identity';
import { NOTIFICATIONS_ENDPOINTS } from './endpoints/notifications';
import { PLATFORM_ENDPOINTS } from './endpoints/platform';
import { SOURCE_FILES_ENDPOINTS } from './endpoints/source-files';
import { SOURCES_ENDPOINTS } from './endpoints/sources';

export * from './endpoint';

/** In the order the OpenAPI document lists them. */
export const ENDPOINTS = joinTables(
  PLATFORM_ENDPOINTS,
  IDENTITY_ENDPOINTS,
  COMPLAINTS_ENDPOINTS,
  NOTIFICATIONS_ENDPOINTS,
  SOURCES_ENDPOINTS,
  SOURCE_FILES_ENDPOINTS,
  COGOV_ENDPOINTS,
  COMMUNITY_ENDPOINTS,
);

export type RouteId = keyof typeof ENDPOINTS;
