import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../functions/src/lib/errors';
import { handleErrors, INTERNAL_ERROR_MESSAGE } from '../../../functions/src/lib/http/errors';
import type { EdgeRequest } from '../../../functions/src/lib/http/context';
import { fakeEvent, fakeRequest, recordingLogger } from './fake-request';

async function fail(error: unknown, request: EdgeRequest = fakeRequest(fakeEvent('GET /api/health'))) {
  const fallback = recordingLogger();
  request.error = error as Error;
  await handleErrors(fallback.logger).onError!(request);
  return { response: request.response as { statusCode: number; headers: Record<string, string>; body: string }, fallbackLines: fallback.lines };
}

describe('errors middleware', () => {
  it('answers an ApiError with its status, code, message and details, in the one error shape', async () => {
    const details = [{ field: 'body.phone', message: 'too short' }];
    const { response } = await fail(new ApiError('VALIDATION_FAILED', 'Invalid body: body.phone', details));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'VALIDATION_FAILED', message: 'Invalid body: body.phone', details } });
  });

  it('leaves details out when there are none and passes on the error’s headers', async () => {
    const { response } = await fail(new ApiError('METHOD_NOT_ALLOWED', 'use GET', undefined, { allow: 'GET' }));
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET');
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: 'use GET' } });
  });

  it('hides anything else behind a generic 500 and logs it with the request logger', async () => {
    const { logger, lines } = recordingLogger();
    const request = fakeRequest(fakeEvent('GET /api/health'), { logger: logger.child({ requestId: 'req-1' }) });
    const { response, fallbackLines } = await fail(new Error('connection string postgres://secret'), request);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE } });
    expect(response.body).not.toContain('secret');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'unhandled error',
        requestId: 'req-1',
        error: expect.objectContaining({ message: 'connection string postgres://secret' }),
      }),
    ]);
    expect(fallbackLines).toEqual([]);
  });

  it('logs a refusal at info level, and with the fallback logger when no request logger ran', async () => {
    const { fallbackLines } = await fail(new ApiError('FORBIDDEN', 'no'));
    expect(fallbackLines).toEqual([expect.objectContaining({ level: 'info', message: 'request refused', errorCode: 'FORBIDDEN', status: 403 })]);
  });

  it('treats a thrown non-error like any other unexpected failure', async () => {
    const { response } = await fail('a string');
    expect(response.statusCode).toBe(500);
  });
});
