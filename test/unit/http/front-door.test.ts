import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PLATFORM_ROUTES } from '@green-shield/shared/api/routes/platform';
import { createHttpHandler } from '../../../functions/src/lib/http';
import { frontDoor, ORIGIN_VERIFY_HEADER, viewerIp } from '../../../functions/src/lib/http/front-door';
import { createLogger } from '../../../functions/src/lib/logger';
import { fakeEvent, fakeRequest, memoryRateCounter, refusal, runBefore } from './fake-request';

const SECRET = 'k3y-from-the-cdn-0123456789abcdef';
const viaCdn = (headers: Record<string, string> = {}) =>
  fakeEvent('POST /api/auth/otp', {
    headers: { [ORIGIN_VERIFY_HEADER]: SECRET, ...headers },
    requestContext: { http: { method: 'POST', sourceIp: '130.176.1.2' } } as never,
  });

describe('front-door middleware', () => {
  it('with no CDN in front, lets every request in and takes the connection’s address, ignoring viewer headers', async () => {
    const event = fakeEvent('GET /api/health', {
      headers: { 'cloudfront-viewer-address': '203.0.113.9:443' },
      requestContext: { http: { method: 'GET', sourceIp: '198.51.100.7' } } as never,
    });
    const request = await runBefore(frontDoor({}), fakeRequest(event));
    expect(request.context.clientAddress).toBe('198.51.100.7');
  });

  it('refuses a request without the CDN’s header, or with another value, with 403 DIRECT_ACCESS_REFUSED', async () => {
    for (const headers of [{}, { [ORIGIN_VERIFY_HEADER]: 'guess' }, { [ORIGIN_VERIFY_HEADER]: `${SECRET}x` }, { [ORIGIN_VERIFY_HEADER]: '' }]) {
      const error = await refusal(frontDoor({ originVerifySecret: SECRET }), fakeRequest(fakeEvent('GET /api/health', { headers })));
      expect(error, JSON.stringify(headers)).toMatchObject({ code: 'DIRECT_ACCESS_REFUSED', status: 403 });
    }
  });

  it('behind the verified CDN, takes the viewer’s address (IPv4 or IPv6) instead of CloudFront’s', async () => {
    const v4 = await runBefore(frontDoor({ originVerifySecret: SECRET }), fakeRequest(viaCdn({ 'cloudfront-viewer-address': '203.0.113.9:51234' })));
    expect(v4.context.clientAddress).toBe('203.0.113.9');
    const v6 = await runBefore(frontDoor({ originVerifySecret: SECRET }), fakeRequest(viaCdn({ 'cloudfront-viewer-address': '2001:db8::8a2e:370:7334:443' })));
    expect(v6.context.clientAddress).toBe('2001:db8::8a2e:370:7334');
  });

  it('falls back to the connection’s address when the viewer header is missing or not an address', async () => {
    for (const value of [undefined, '', 'not-an-ip:443', '203.0.113.9', ':443']) {
      const headers: Record<string, string> = value === undefined ? {} : { 'cloudfront-viewer-address': value };
      const request = await runBefore(frontDoor({ originVerifySecret: SECRET }), fakeRequest(viaCdn(headers)));
      expect(request.context.clientAddress, String(value)).toBe('130.176.1.2');
    }
  });

  it('reads the IP out of a CloudFront-Viewer-Address value', () => {
    expect(viewerIp('198.51.100.10:46532')).toBe('198.51.100.10');
    expect(viewerIp('::1:80')).toBe('::1');
    expect(viewerIp('198.51.100.10')).toBeUndefined();
    expect(viewerIp(undefined)).toBeUndefined();
  });
});

describe('front door in the HTTP edge chain', () => {
  const handler = (originVerifySecret?: string) => {
    const seen: string[] = [];
    const handle = createHttpHandler(
      PLATFORM_ROUTES,
      {
        health: async ({ sourceIp }) => {
          seen.push(sourceIp);
          return { ok: true };
        },
        openapi: async () => ({}),
        district: async () => ({}),
        locateStreet: async () => ({}),
      },
      {
        clock: { now: () => new Date() },
        verificationKeys: async () => undefined,
        rateCounter: memoryRateCounter(),
        logger: createLogger({}, () => {}),
        originVerifySecret,
      },
    );
    return { handle, seen };
  };
  const context = { awsRequestId: 'req-1' } as Context;

  it('answers a direct call in the one error shape before looking at the route', async () => {
    const { handle, seen } = handler(SECRET);
    const answer = await handle(fakeEvent('$default', { rawPath: '/api/nowhere' }), context);
    expect(answer.statusCode).toBe(403);
    expect(JSON.parse(answer.body as string).error.code).toBe('DIRECT_ACCESS_REFUSED');
    expect(seen).toEqual([]);
  });

  it('hands the operation the viewer’s address as sourceIp', async () => {
    const { handle, seen } = handler(SECRET);
    const event = fakeEvent('GET /api/health', {
      headers: { [ORIGIN_VERIFY_HEADER]: SECRET, 'cloudfront-viewer-address': '203.0.113.9:51234' },
      requestContext: { http: { method: 'GET', sourceIp: '130.176.1.2' } } as never,
    });
    expect((await handle(event, context)).statusCode).toBe(200);
    expect(seen).toEqual(['203.0.113.9']);
  });
});
