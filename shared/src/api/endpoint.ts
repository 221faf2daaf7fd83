/**
 * What an endpoint is: its roles, the services (one Lambda function each) and throttle classes it is
 * declared with. Free of zod, and of the tables themselves (./endpoints/<service>.ts, joined in
 * ./endpoints.ts), so a function's table is all it loads.
 */

export const ROLES = ['resident', 'street_officer', 'bureau_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const OFFICER_ROLES: readonly Role[] = ['street_officer', 'bureau_officer'];

/** One Lambda function per bounded context. */
export const SERVICES = ['identity', 'complaints', 'notifications', 'platform', 'sources', 'sourceFiles', 'cogov', 'community'] as const;
export type Service = (typeof SERVICES)[number];

/**
 * How hard API Gateway throttles a route, across all callers (the stage's route settings; the rates of
 * each class are stage configuration, infra/config.ts). Asking for a sign-in code sends an SMS that
 * costs money and reaches a phone, so it is the tightest; checking a code or a WeChat login is next;
 * then writes; reads are the loosest. Per caller, the functions' own limits apply on top.
 */
export const THROTTLE_CLASSES = ['signInCode', 'signIn', 'write', 'read'] as const;
export type ThrottleClass = (typeof THROTTLE_CLASSES)[number];

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  service: Service;
  /** Roles allowed; `public` routes need no token. */
  auth: 'public' | readonly Role[];
  /** Needs an Idempotency-Key header. */
  idempotent?: boolean;
  successStatus: number;
  /** Routes answering with a file instead of JSON (the response schema then describes nothing). */
  produces?: 'image/svg+xml';
  /** Default: `read` for GET, `write` for the other methods (throttleClassOf). */
  throttle?: ThrottleClass;
}

export function throttleClassOf(endpoint: Pick<Endpoint, 'method' | 'throttle'>): ThrottleClass {
  return endpoint.throttle ?? (endpoint.method === 'GET' ? 'read' : 'write');
}

export function routeKey(route: Pick<Endpoint, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
