import { describe, expect, it } from 'vitest';
import { ROUTES } from '@green-shield/shared/api/routes';
import { findRoute } from '../../../functions/src/lib/http/route';
import { fakeEvent, fakeRequest, refusal, runBefore } from './fake-request';

describe('route middleware', () => {
  it('finds the service’s route for the event’s route key', async () => {
    const request = await runBefore(findRoute('complaints'), fakeRequest(fakeEvent('GET /api/complaints/{id}')));
    expect(request.context.route).toEqual({ id: 'getComplaint', spec: ROUTES.getComplaint });
  });

  it('answers a path no route has with 404 ROUTE_NOT_FOUND', async () => {
    const error = await refusal(findRoute('platform'), fakeRequest(fakeEvent('$default', { rawPath: '/api/nowhere' })));
    expect(error).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404, message: 'No API route GET /api/nowhere' });
  });

  it('answers a known path with the wrong method with 405 and an Allow header', async () => {
    const event = fakeEvent('$default', { rawPath: '/api/complaints/mine', requestContext: { http: { method: 'DELETE' } } as never });
    const error = await refusal(findRoute('platform'), fakeRequest(event));
    expect(error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', status: 405, headers: { allow: 'GET' } });
  });

  it('does not serve another service’s route', async () => {
    const error = await refusal(findRoute('platform'), fakeRequest(fakeEvent('GET /api/me')));
    expect(error.code).toBe('ROUTE_NOT_FOUND');
  });
});
