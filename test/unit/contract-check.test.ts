import { describe, expect, it } from 'vitest';
import { ROUTES } from '@green-shield/shared/api/routes';
import { checkApiResponse, summarizeChecks, type ObservedResponse } from '../support/contract';

const JSON_TYPE = 'application/json; charset=utf-8';
const observed = (overrides: Partial<ObservedResponse>): ObservedResponse => ({
  method: 'GET',
  url: '/api/health',
  status: 200,
  contentType: JSON_TYPE,
  body: { ok: true },
  ...overrides,
});
const SOURCE_ID = '01J00000000000000000000000';

describe('the contract check of one response', () => {
  it('accepts a success that matches its route’s response schema, and an error in the one error shape', () => {
    expect(checkApiResponse(observed({}))).toEqual({ route: 'health', status: 200 });
    const error = { error: { code: 'VALIDATION_FAILED', message: 'Invalid query: query.lat', details: [{ field: 'query.lat', message: 'bad' }] } };
    expect(checkApiResponse(observed({ url: '/api/district/locate?lat=x', status: 400, body: error }))).toEqual({ route: 'locateStreet', status: 400 });
    expect(checkApiResponse(observed({ url: '/api/nowhere', status: 404, body: { error: { code: 'ROUTE_NOT_FOUND', message: 'No' } } }))).toEqual({
      route: 'GET /api/nowhere',
      status: 404,
    });
  });

  it('names the request, the route and the zod issues of a body its schema refuses', () => {
    const { problem } = checkApiResponse(observed({ body: { ok: 'yes' } }))!;
    expect(problem).toBe(
      'Contract broken by GET /api/health → 200, route health (GET /api/health): body does not match the declared response schema: ok: Invalid input: expected boolean, received string',
    );
  });

  it('refuses fields the response schema does not declare, however deep', () => {
    expect(checkApiResponse(observed({ body: { ok: true, secret: 1 } }))!.problem).toContain('does not declare: secret');
    const officers = {
      items: [
        { id: 'u1', name: '王', role: 'street_officer' },
        { id: 'u2', name: '李', role: 'admin', phone: '13800000000' },
      ],
    };
    expect(checkApiResponse(observed({ url: '/api/officers', body: officers }))!.problem).toContain('does not declare: items[1].phone');
  });

  it('refuses a success status other than the declared one, and a success where no route is declared', () => {
    expect(checkApiResponse(observed({ status: 201 }))!.problem).toContain('status 201, but the route declares 200');
    expect(checkApiResponse(observed({ url: '/api/nowhere' }))!.problem).toContain('no route declares');
  });

  it('refuses errors outside the one error shape: unknown code, extra fields, no message, not JSON', () => {
    const bad = [
      { error: { code: 'TEAPOT', message: 'x' } },
      { error: { code: 'NOT_FOUND', message: 'x', stack: 'at …' } },
      { error: { code: 'NOT_FOUND', message: '' } },
      { message: 'Not Found' },
    ];
    for (const body of bad) expect(checkApiResponse(observed({ status: 404, body }))!.problem, JSON.stringify(body)).toContain('one error shape');
    expect(checkApiResponse(observed({ status: 500, contentType: 'text/plain', body: 'oops' }))!.problem).toContain('not JSON');
  });

  it('checks the content type of a route that answers with a file', () => {
    const poster = { url: `/api/sources/${SOURCE_ID}/poster`, body: '<svg/>' };
    expect(checkApiResponse(observed({ ...poster, contentType: 'image/svg+xml; charset=utf-8' }))).toEqual({ route: 'sourcePoster', status: 200 });
    expect(checkApiResponse(observed({ ...poster, contentType: JSON_TYPE }))!.problem).toContain('produces image/svg+xml');
  });

  it('leaves alone what is not the API and CORS preflights', () => {
    expect(checkApiResponse(observed({ url: 'http://127.0.0.1:3000/e/abc', contentType: 'text/html', body: '' }))).toBeUndefined();
    expect(checkApiResponse(observed({ method: 'OPTIONS', status: 204, contentType: '' }))).toBeUndefined();
  });
});

describe('the contract coverage of a run', () => {
  it('counts checks per route and status apart from unread bodies, and lists routes with a checked success and routes never called', () => {
    const coverage = summarizeChecks('integration', [
      { route: 'health', status: 200 },
      { route: 'health', status: 200 },
      { route: 'me', status: 401 },
      { route: 'GET /api/nowhere', status: 404 },
      { route: 'district', status: 200, problem: 'broken' },
      { route: 'getSource', status: 200, unread: true },
    ]);
    expect(coverage).toMatchObject({
      project: 'integration',
      checkedResponses: 5,
      mismatches: 1,
      unread: 1,
      routes: { health: { 200: 2 }, me: { 401: 1 }, 'GET /api/nowhere': { 404: 1 }, district: { 200: 1 } },
      successChecked: ['health', 'district'],
    });
    expect(coverage.untouched).toHaveLength(Object.keys(ROUTES).length - 3);
    expect(coverage.untouched).not.toContain('me');
  });
});
