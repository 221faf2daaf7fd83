import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ErrorBody } from '@green-shield/shared/api/errors';
import { ApiError } from '../errors';
import type { Logger } from '../logger';
import type { EdgeMiddleware, EdgeRequest } from './context';
import { json } from './respond';

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side. Please try again.';

/** The one error shape: `{ error: { code, message, details? } }` with the code's status. */
export function errorResponse(error: ApiError): APIGatewayProxyStructuredResultV2 {
  const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  return json(error.status, body, error.headers);
}

/**
 * Turns any error into the one error shape. Only ApiErrors reach the client with their message;
 * anything else is a generic 500, its details in the log. `fallback` logs when the request logger
 * has not run.
 */
export function handleErrors(fallback: Logger): EdgeMiddleware {
  const handleErrorsOnError = (request: EdgeRequest) => {
    const { error } = request;
    const logger = request.context.logger ?? fallback;
    if (error instanceof ApiError) {
      logger.info('request refused', { errorCode: error.code, status: error.status });
      request.response = errorResponse(error);
      return;
    }
    logger.error('unhandled error', { error });
    request.response = errorResponse(new ApiError('INTERNAL', INTERNAL_ERROR_MESSAGE));
  };
  return { onError: handleErrorsOnError };
}
