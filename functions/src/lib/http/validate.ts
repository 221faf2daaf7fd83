import type { z } from 'zod/mini';
import { ApiError } from '../errors';
import { type EdgeMiddleware, type EdgeRequest, need } from './context';

function validationError(error: z.core.$ZodError, prefix: string): ApiError {
  const details = error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
  return new ApiError('VALIDATION_FAILED', `Invalid ${prefix}: ${details.map((d) => d.field).join(', ')}`, details);
}

function parseWith(schema: z.ZodMiniType | undefined, value: unknown, prefix: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}

/**
 * Parses body, query and path parameters with the route's zod schemas, in that order. The first part
 * that fails answers 400 VALIDATION_FAILED naming every bad field in it (`body.location.lat`, `path.id`).
 */
export function validateInput(): EdgeMiddleware {
  const validateInputBefore = (request: EdgeRequest) => {
    const { spec } = need(request.context, 'route');
    const { event, context } = request;
    context.input = {
      body: parseWith(spec.body, context.jsonBody, 'body'),
      query: parseWith(spec.query, event.queryStringParameters ?? {}, 'query'),
      params: parseWith(spec.params, event.pathParameters ?? {}, 'path'),
    };
  };
  return { before: validateInputBefore };
}
