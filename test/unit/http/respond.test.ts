import { describe, expect, it } from 'vitest';
import type { RouteId } from '@green-shield/shared/api/routes';
import { json, respond } from '../../../functions/src/lib/http/respond';
import { fakeEvent, fakeRequest, recordingLogger, routed } from './fake-request';

async function answer(id: RouteId, result: unknown) {
  const { logger, lines } = recordingLogger();
  const request = fakeRequest(fakeEvent('GET /x'), { ...routed(id), logger });
  request.response = result;
  await respond().after!(request);
  return { response: request.response as { statusCode: number; headers: Record<string, string>; body: string }, lines };
}

describe('respond middleware', () => {
  it('answers JSON with the route’s success status, CORS header and nosniff, and logs the request as served', async () => {
    const { response, lines } = await answer('provisionOfficer', { id: 'u1', roles: ['admin'] });
    expect(response).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' },
      body: '{"id":"u1","roles":["admin"]}',
    });
    expect(lines).toEqual([expect.objectContaining({ level: 'info', message: 'request served', status: 201 })]);
  });

  it('answers a file route with its content type, not cached, allowed to draw and nothing else', async () => {
    const { response } = await answer('sourcePoster', '<svg/>');
    expect(response).toEqual({
      statusCode: 200,
      headers: {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'access-control-allow-origin': '*',
        'x-content-type-options': 'nosniff',
      },
      body: '<svg/>',
    });
  });

  it('sends an empty body for an operation that returns nothing', async () => {
    expect(json(200, undefined).body).toBe('');
    expect(json(200, null).body).toBe('null');
  });
});
