/**
 * A route: an endpoint (./endpoint) with the zod schemas of what it takes and answers, validated by
 * its function and documented in the OpenAPI document. Each service's routes are declared in
 * ./routes/<service>.ts; a function loads only its own.
 */
import type { z } from 'zod/mini';
import type { Endpoint } from './endpoint';

export interface RouteSchemas {
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  response: z.ZodMiniType;
}

export interface RouteSpec extends Endpoint, RouteSchemas {}

/** A table of routes by id. */
export type RouteTable = Record<string, RouteSpec>;

/** A service's endpoints with their schemas: exactly one entry per endpoint (the compiler refuses a missing or an unknown id). */
export function withSchemas<const Endpoints extends Record<string, Endpoint>, const Schemas extends { [Id in keyof Endpoints]: RouteSchemas }>(
  endpoints: Endpoints,
  schemas: Schemas & Record<Exclude<keyof Schemas, keyof Endpoints>, never>,
): { [Id in keyof Endpoints]: Endpoints[Id] & Schemas[Id] } {
  return Object.fromEntries(Object.entries(endpoints).map(([id, endpoint]) => [id, { ...endpoint, ...schemas[id] }])) as {
    [Id in keyof Endpoints]: Endpoints[Id] & Schemas[Id];
  };
}

/**
 * A request path as API Gateway (HTTP API) routes it: percent-decoded once, so `%2F` separates
 * segments and parameters arrive decoded (`rawPath` and `pathParameters` of the event are decoded
 * too). A path with a malformed escape (`%`, `%E0%A4%A`) cannot be decoded and is kept as sent:
 * it still routes by its segments, and the route's parameter schema or lookup refuses it.
 */
export function requestPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export type RouteMatch<Id extends string, Spec extends Pick<Endpoint, 'method' | 'path'>> =
  | { kind: 'match'; id: Id; route: Spec; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

/**
 * Matches decoded paths (see `requestPath`) against a table as API Gateway does: literal segments
 * win over {params}. Never throws: whatever the path holds, the answer is a match, 404 or 405.
 */
export function routeMatcher<Table extends Record<string, Pick<Endpoint, 'method' | 'path'>>>(
  table: Table,
): (method: string, path: string) => RouteMatch<Extract<keyof Table, string>, Table[keyof Table]> {
  type Id = Extract<keyof Table, string>;
  // Each route's path split into segments once: a {param} segment names the parameter, any other is literal.
  const patterns = (Object.entries(table) as Array<[Id, Table[Id]]>).map(([id, route]) => ({
    id,
    route,
    segments: route.path
      .split('/')
      .filter(Boolean)
      .map((part): { param: string } | { literal: string } => (part.startsWith('{') && part.endsWith('}') ? { param: part.slice(1, -1) } : { literal: part })),
  }));
  return (method, path) => {
    const segments = path.split('/').filter(Boolean);
    const candidates: Array<{ id: Id; route: Table[Id]; params: Record<string, string>; literals: number }> = [];
    for (const { id, route, segments: pattern } of patterns) {
      if (pattern.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      const matches = pattern.every((part, i) => {
        if ('param' in part) {
          params[part.param] = segments[i];
          return true;
        }
        literals++;
        return part.literal === segments[i];
      });
      if (matches) candidates.push({ id, route, params, literals });
    }
    if (candidates.length === 0) return { kind: 'not-found' };
    const forMethod = candidates.filter((c) => c.route.method === method).sort((a, b) => b.literals - a.literals);
    if (forMethod.length === 0) return { kind: 'method-not-allowed', allowed: [...new Set(candidates.map((c) => c.route.method))] };
    const best = forMethod[0];
    return { kind: 'match', id: best.id, route: best.route, pathParameters: best.params };
  };
}
