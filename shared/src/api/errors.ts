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
  /** The SMS provider refused the number (not a reachable mobile, opted out, blocked). */
  SMS_NUMBER_REJECTED: 400,
  /** A WeChat login or phone-number code that WeChat does not accept (expired, used, from another app). */
  WECHAT_CODE_INVALID: 400,
  /** Only mainland China mobile numbers sign in (WeChat may hold another country's number). */
  PHONE_NOT_SUPPORTED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CODE: 401,
  FORBIDDEN: 403,
  /** The API was called on its own address instead of through the app's domain (the CDN in front of it). */
  DIRECT_ACCESS_REFUSED: 403,
  /** A route for approved volunteers of a street, called by someone who is not one (a plain resident, a pending applicant). */
  NOT_A_VOLUNTEER: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  SOURCE_NOT_FOUND: 404,
  CLAIM_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ILLEGAL_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  FEEDBACK_WINDOW_CLOSED: 409,
  FEEDBACK_WINDOW_OPEN: 409,
  DEADLINE_PASSED: 409,
  REOPEN_LIMIT_REACHED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  ALREADY_EXISTS: 409,
  DUPLICATE_CREDIT_CODE: 409,
  RECTIFICATION_NOT_OPEN: 409,
  ALREADY_OPERATOR: 409,
  ALREADY_LINKED: 409,
  COMPLAINT_NOT_HANDLED: 409,
  CLAIM_ALREADY_DECIDED: 409,
  /** A joint inspection request closed or sent back before the bureau recorded a result. */
  RESULT_NOT_RECORDED: 409,
  /** A joint inspection result sent back more often than the once allowed. */
  SEND_BACK_LIMIT_REACHED: 409,
  /** A joint inspection result recorded before every source the request names was inspected. */
  INSPECTIONS_MISSING: 409,
  /** A patrol task whose places are all claimed. */
  TASK_FULL: 409,
  /** A patrol task that was cancelled or is over. */
  TASK_CLOSED: 409,
  /** A second look at something not yet resolved (a complaint not answered, a rectification not closed). */
  NOT_RESOLVED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** The SMS provider cannot send now (outage, account limit, configuration): nothing was sent. */
  SMS_UNAVAILABLE: 503,
  /** WeChat sign-in cannot complete now (WeChat's API failing, or not configured for this deployment). */
  WECHAT_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
