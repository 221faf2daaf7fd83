/**
 * OpenAPI 3.1 document generated from the route table and its zod schemas.
 */
import * as z from 'zod/mini';
import { SUMMARIES } from '@green-shield/shared/api/endpoint-summaries';
import { ROUTES, type RouteId, type RouteSpec } from '@green-shield/shared/api/routes';
import { ERROR_STATUS } from '@green-shield/shared/api/errors';
import { IDEMPOTENCY_KEY_PATTERN } from '@green-shield/shared/api/limits';
import { RATE_LIMITS } from '@green-shield/shared/rules/rate-limits';

const toSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

function parameters(route: RouteSpec) {
  const params: unknown[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      params.push({ name, in: location, required: location === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  if (route.idempotent)
    params.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source } });
  return params;
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

/** The 429 of a route that counts against a per-account rate limit, naming each role's limit. */
function rateLimitResponse(id: RouteId) {
  const action = Object.values(RATE_LIMITS.actions).find((candidate) => candidate.routes.includes(id));
  if (!action) return {};
  const limits = Object.entries(action.limits).map(([role, limit]) => `${role}: ${limit.count} per ${limit.windowSeconds} s`);
  return {
    429: {
      description: `Rate limited (${limits.join('; ')})`,
      headers: { 'Retry-After': { description: 'Seconds until the window turns', schema: { type: 'integer', minimum: 1 } } },
      content: errorContent,
    },
  };
}

export function buildOpenApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, route] of Object.entries(ROUTES) as Array<[RouteId, RouteSpec]>) {
    const operation: Record<string, unknown> = {
      operationId: id,
      summary: SUMMARIES[id],
      tags: [route.service],
      parameters: parameters(route),
      security: route.auth === 'public' ? [] : [{ bearer: [] }],
      responses: {
        [route.successStatus]: { description: 'Success', content: { [route.produces ?? 'application/json']: { schema: toSchema(route.response, 'output') } } },
        ...rateLimitResponse(id),
        '4XX': { description: 'Client error', content: errorContent },
        '5XX': { description: 'Server error, or a provider the route needs is unavailable (503, with Retry-After)', content: errorContent },
      },
    };
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } };
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Green Shield API (绿盾通)', version: '0.1.0' },
    servers: [{ url: serverUrl }],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: { Error: errorSchema } },
  };
}
