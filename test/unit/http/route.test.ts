import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '@green-shield/shared/api/endpoints';
import { ROUTES } from '@green-shield/shared/api/routes';
import { COMPLAINTS_ROUTES } from '@green-shield/shared/api/routes/complaints';
import { PLATFORM_ROUTES } from '@green-shield/shared/api/routes/platform';
import { findRoute } from '../../../functions/src/lib/http/route';
import { fakeEvent, fakeRequest, refusal, runBefore } from './fake-request';

describe('route middleware', () => {
  it('finds the service’s route for the event’s route key', async () => {
    const request = await runBefore(findRoute(COMPLAINTS_ROUTES), fakeRequest(fakeEvent('GET /api/complaints/{id}')));
    expect(request.context.route).toEqual({ id: 'getComplaint', spec: ROUTES.getComplaint });
  });

  it('answers a path no route has with 404 ROUTE_NOT_FOUND', async () => {
    const error = await refusal(findRoute(PLATFORM_ROUTES, ENDPOINTS), fakeRequest(fakeEvent('$default', { rawPath: '/api/nowhere' })));
    expect(error).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404, message: 'No API route GET /api/nowhere' });
  });

  it('answers a known path with the wrong method with 405 and an Allow header', async () => {
    const event = fakeEvent('$default', { rawPath: '/api/complaints/mine', requestContext: { http: { method: 'DELETE' } } as never });
    const error = await refusal(findRoute(PLATFORM_ROUTES, ENDPOINTS), fakeRequest(event));
    expect(error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', status: 405, headers: { allow: 'GET' } });
  });

  it('without the whole API to match against, tells 404 from 405 by the function’s own routes', async () => {
    const wrongMethod = fakeEvent('$default', { rawPath: '/api/complaints/mine', requestContext: { http: { method: 'DELETE' } } as never });
    expect(await refusal(findRoute(COMPLAINTS_ROUTES), fakeRequest(wrongMethod))).toMatchObject({ code: 'METHOD_NOT_ALLOWED', headers: { allow: 'GET' } });
    const otherService = fakeEvent('$default', { rawPath: '/api/me', requestContext: { http: { method: 'POST' } } as never });
    expect((await refusal(findRoute(COMPLAINTS_ROUTES), fakeRequest(otherService))).code).toBe('ROUTE_NOT_FOUND');
    expect((await refusal(findRoute(PLATFORM_ROUTES, ENDPOINTS), fakeRequest(otherService))).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('does not serve another service’s route', async () => {
    const error = await refusal(findRoute(PLATFORM_ROUTES, ENDPOINTS), fakeRequest(fakeEvent('GET /api/me')));
    expect(error.code).toBe('ROUTE_NOT_FOUND');
  });
});
