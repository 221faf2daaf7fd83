import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ENDPOINTS } from '@green-shield/shared/api/endpoints';
import { matchRoute, requestPath } from '@green-shield/shared/api/routes';
import { PLATFORM_ROUTES } from '@green-shield/shared/api/routes/platform';
import { createHttpHandler } from '../../functions/src/lib/http';
import { createLogger } from '../../functions/src/lib/logger';
import { signCursor, verifyCursor } from '../../functions/src/store/pagination';
import { ApiError } from '../../functions/src/lib/errors';
import { memoryRateCounter } from './http/fake-request';

const context = { awsRequestId: 'req-1' } as Context;
const event = (routeKey: string, overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 =>
  ({
    routeKey,
    rawPath: routeKey.split(' ')[1],
    headers: {},
    requestContext: { http: { method: routeKey.split(' ')[0], sourceIp: '127.0.0.1' } },
    ...overrides,
  }) as APIGatewayProxyEventV2;

function platform(lines: string[] = []) {
  return createHttpHandler(
    PLATFORM_ROUTES,
    {
      health: async () => ({ ok: true }),
      openapi: async () => {
        throw new Error('database exploded with secret details');
      },
      district: async () => ({}),
      locateStreet: async ({ query }) => ({ streetCode: `${query.lat},${query.lng}` }),
    },
    {
      clock: { now: () => new Date() },
      verificationKeys: async () => undefined,
      rateCounter: memoryRateCounter(),
      logger: createLogger({}, (line) => lines.push(line)),
    },
    { unmatchedAgainst: ENDPOINTS },
  );
}

describe('route matching', () => {
  it('prefers literal segments over parameters, and tells 404 from 405', () => {
    expect(matchRoute('GET', '/api/complaints/mine')).toMatchObject({ kind: 'match', id: 'myComplaints' });
    expect(matchRoute('GET', '/api/complaints/01J00000000000000000000000')).toMatchObject({
      kind: 'match',
      id: 'getComplaint',
      pathParameters: { id: '01J00000000000000000000000' },
    });
    expect(matchRoute('PUT', '/api/complaints/mine')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
    expect(matchRoute('GET', '/api/nowhere')).toEqual({ kind: 'not-found' });
  });

  it('never throws on a malformed escape: the path routes by its segments, kept as sent', () => {
    for (const value of ['%', '%%', '%E0%A4%A', '%zz', '%ED%A0%80']) {
      expect(requestPath(`/api/eco/${value}`)).toBe(`/api/eco/${value}`);
      expect(matchRoute('GET', requestPath(`/api/eco/${value}`))).toMatchObject({ kind: 'match', id: 'ecoProfile', pathParameters: { code: value } });
      expect(matchRoute('GET', requestPath(`/api/${value}/x`))).toEqual({ kind: 'not-found' });
    }
  });

  it('decodes a path once, as API Gateway does, so an encoded slash separates segments', () => {
    expect(matchRoute('GET', requestPath('/api/eco/%E4%BD%A0%E5%A5%BD'))).toMatchObject({ pathParameters: { code: '你好' } });
    expect(matchRoute('GET', requestPath('/api/eco/a%2Fb'))).toEqual({ kind: 'not-found' });
    expect(matchRoute('GET', requestPath('/api/eco/%2525'))).toMatchObject({ pathParameters: { code: '%25' } });
  });
});

describe('the HTTP edge', () => {
  it('parses and coerces query parameters with the route schema', async () => {
    const response = await platform()(
      event('GET /api/district/locate', { queryStringParameters: { lat: '31.2', lng: '121.4', coordSystem: 'WGS-84' } }),
      context,
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toEqual({ streetCode: '31.2,121.4' });
  });

  it('hides unexpected errors behind a generic 500 and logs them with the request id', async () => {
    const lines: string[] = [];
    const response = await platform(lines)(event('GET /api/openapi.json'), context);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(JSON.parse(response.body!).error.code).toBe('INTERNAL');
    const logged = lines.map((line) => JSON.parse(line)).find((line) => line.message === 'unhandled error');
    expect(logged).toMatchObject({ requestId: 'req-1', level: 'error' });
  });

  it('answers unmatched requests sent to $default with 404 or 405', async () => {
    const missing = await platform()(event('$default', { rawPath: '/api/x', requestContext: { http: { method: 'GET' } } as never }), context);
    expect(missing.statusCode).toBe(404);
    const wrong = await platform()(event('$default', { rawPath: '/api/health', requestContext: { http: { method: 'POST' } } as never }), context);
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers?.allow).toBe('GET');
  });
});

describe('cursors', () => {
  const secret = randomBytes(32);
  const list = { index: 'GSI1' as const, partition: 'COMPLAINANT#u1' };
  const key = { pk: 'COMPLAINT#1', sk: 'COMPLAINT', gsi1pk: 'COMPLAINANT#u1', gsi1sk: '2026' };
  const refused = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof ApiError && error.status === 400 && error.details?.[0]?.field === 'query.cursor';
    }
    return false;
  };

  it('round-trip within the list that issued them', () => {
    expect(verifyCursor(secret, list, signCursor(secret, list, key))).toEqual(key);
    expect(verifyCursor(secret, { ...list, prefix: 'a#' }, signCursor(secret, { ...list, prefix: 'a#' }, key))).toEqual(key);
  });

  it('are refused on another list: partition, index or prefix', () => {
    const cursor = signCursor(secret, list, key);
    expect(refused(() => verifyCursor(secret, { ...list, partition: 'COMPLAINANT#u2' }, cursor))).toBe(true);
    expect(refused(() => verifyCursor(secret, { ...list, index: 'GSI2' }, cursor))).toBe(true);
    expect(refused(() => verifyCursor(secret, { ...list, prefix: 'a#' }, cursor))).toBe(true);
    expect(refused(() => verifyCursor(randomBytes(32), list, cursor))).toBe(true);
  });

  it('are refused when forged, altered or truncated', () => {
    const cursor = signCursor(secret, list, key);
    const [payload, mac] = cursor.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...key, gsi1sk: '2027' })).toString('base64url');
    for (const bad of [
      payload,
      `${forgedPayload}.${mac}`,
      `${payload}.${mac}A`,
      `${payload}.${mac.slice(0, -1)}`,
      `${payload}.${mac}.${mac}`,
      `${payload}x.${mac}`,
      '%%%not-base64',
      'e30',
      '',
      '.',
    ]) {
      expect(
        refused(() => verifyCursor(secret, list, bad)),
        bad,
      ).toBe(true);
    }
  });
});
