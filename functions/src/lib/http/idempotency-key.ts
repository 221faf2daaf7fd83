import { IDEMPOTENCY_KEY_PATTERN } from '@green-shield/shared/api/limits';
import { ApiError } from '../errors';
import { type EdgeMiddleware, type EdgeRequest, need } from './context';

/** Reads the Idempotency-Key header; routes declared `idempotent` refuse a request without a well-formed one. */
export function idempotencyKey(): EdgeMiddleware {
  const idempotencyKeyBefore = (request: EdgeRequest) => {
    const key = request.event.headers['idempotency-key'] ?? '';
    if (need(request.context, 'route').spec.idempotent && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new ApiError('MISSING_IDEMPOTENCY_KEY', 'Send an Idempotency-Key header (8–128 letters, digits, - or _)');
    }
    request.context.idempotencyKey = key;
  };
  return { before: idempotencyKeyBefore };
}
