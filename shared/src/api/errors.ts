/** Machine-readable error codes of the API, with their HTTP status. One error shape: { error: { code, message, details? } }. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  MISSING_IDEMPOTENCY_KEY: 400,
  INVALID_UPLOAD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CODE: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ILLEGAL_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  FEEDBACK_WINDOW_CLOSED: 409,
  FEEDBACK_WINDOW_OPEN: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  ALREADY_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}
