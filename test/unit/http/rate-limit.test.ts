import { describe, expect, it } from 'vitest';
import type { RouteId } from '@green-shield/shared/api/routes';
import type { RateLimitTable } from '@green-shield/shared/rules/rate-limits';
import { rateLimit } from '../../../functions/src/lib/http/rate-limit';
import type { Principal } from '../../../functions/src/lib/tokens';
import { fakeEvent, fakeRequest, memoryRateCounter, refusal, routed, runBefore } from './fake-request';

const now = new Date('2026-06-01T08:20:00Z');
const table: RateLimitTable = {
  version: 'test',
  actions: {
    complaint: { routes: ['submitComplaint'], why: 'test', limits: { resident: { count: 2, windowSeconds: 3600 } } },
    upload: {
      routes: ['createUpload'],
      why: 'test',
      limits: { resident: { count: 1, windowSeconds: 3600 }, street_officer: { count: 5, windowSeconds: 3600 } },
    },
  },
};
const resident: Principal = { userId: 'resident-1', roles: ['resident'] };

function setup() {
  const counter = memoryRateCounter();
  const middleware = rateLimit({ clock: { now: () => now }, rateCounter: counter, rateLimits: table });
  const request = (id: RouteId, principal: Principal | undefined, idempotencyKey = '') =>
    fakeRequest(fakeEvent('POST /x'), { ...routed(id), principal, idempotencyKey });
  return { counter, middleware, request };
}

describe('rate-limit middleware', () => {
  it('counts the caller’s act on a limited route, in the window of the table’s length', async () => {
    const { counter, middleware, request } = setup();
    await runBefore(middleware, request('createUpload', resident));
    expect(counter.asked).toEqual([
      {
        scope: 'upload',
        subject: 'resident-1',
        limit: 1,
        window: { label: '2026-06-01T08:00:00.000Z/PT3600S', endsMs: Date.parse('2026-06-01T09:00:00Z') },
        now,
        actKey: undefined,
      },
    ]);
  });

  it('refuses an act past the limit with 429 and the seconds until the window turns', async () => {
    const { middleware, request } = setup();
    await runBefore(middleware, request('createUpload', resident));
    const refused = await refusal(middleware, request('createUpload', resident));
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', status: 429, headers: { 'retry-after': String(40 * 60) } });
    // Another account has its own count.
    await runBefore(middleware, request('createUpload', { userId: 'resident-2', roles: ['resident'] }));
  });

  it('gives an account the most generous limit of its roles', async () => {
    const { counter, middleware, request } = setup();
    await runBefore(middleware, request('createUpload', { userId: 'officer-1', roles: ['resident', 'street_officer'] }));
    expect(counter.asked[0].limit).toBe(5);
  });

  it('counts nothing on routes without a limit, or for callers without one', async () => {
    const { counter, middleware, request } = setup();
    await runBefore(middleware, request('getComplaint', resident));
    await runBefore(middleware, request('health', undefined));
    await runBefore(middleware, request('createUpload', { userId: 'admin-1', roles: ['admin'] }));
    expect(counter.asked).toEqual([]);
  });

  it('lets a retry with the Idempotency-Key of a counted act through uncounted, on idempotent routes only', async () => {
    const { counter, middleware, request } = setup();
    await runBefore(middleware, request('submitComplaint', resident, 'key-0001'));
    await runBefore(middleware, request('submitComplaint', resident, 'key-0001'));
    await runBefore(middleware, request('submitComplaint', resident, 'key-0002'));
    expect(await refusal(middleware, request('submitComplaint', resident, 'key-0003'))).toMatchObject({ code: 'RATE_LIMITED' });
    await runBefore(middleware, request('submitComplaint', resident, 'key-0001'));
    expect(counter.asked.map((count) => count.actKey)).toEqual(['key-0001', 'key-0001', 'key-0002', 'key-0003', 'key-0001']);

    // Upload tickets are not idempotent: a repeated header must not make every request a "retry".
    await runBefore(middleware, request('createUpload', resident, 'key-0001'));
    expect(await refusal(middleware, request('createUpload', resident, 'key-0001'))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(counter.asked.at(-1)?.actKey).toBeUndefined();
  });
});
