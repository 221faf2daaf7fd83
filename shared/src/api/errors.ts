/**
 * Error codes of the API. Free of zod at runtime (stream and scheduled functions throw ApiErrors
 * too): the error body's schema is in schemas.ts, its types are inferred from it here.
 */
import type { z } from 'zod/mini';
import type { ErrorBody as ErrorBodySchema, ErrorDetail as ErrorDetailSchema } from './schemas';

/** Machine-readable error codes of the API, with their HTTP status. One error shape: { error: { code, message, details? } }. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  MISSING_IDEMPOTENCY_KEY: 400,
  INVALID_UPLOAD: 400,
  ECO_CODE_FORGED: 400,
  UNKNOWN_CHECKLIST_ITEM: 400,
  IMPORT_FILE_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CODE: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  SOURCE_NOT_FOUND: 404,
  CLAIM_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ILLEGAL_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  FEEDBACK_WINDOW_CLOSED: 409,
  FEEDBACK_WINDOW_OPEN: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  ALREADY_EXISTS: 409,
  DUPLICATE_CREDIT_CODE: 409,
  RECTIFICATION_NOT_OPEN: 409,
  ALREADY_OPERATOR: 409,
  ALREADY_LINKED: 409,
  CLAIM_ALREADY_DECIDED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
