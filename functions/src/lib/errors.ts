import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from '@green-shield/shared/api/errors';

/** An error meant for the client: its code and message reach the caller. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new ApiError('FORBIDDEN', message);
