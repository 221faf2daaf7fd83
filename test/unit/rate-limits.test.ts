import { describe, expect, it } from 'vitest';
import { ENDPOINTS, type Endpoint, type RouteId } from '@green-shield/shared/api/endpoints';
import exemptions from '../../shared/src/rules/unlimited-writes.json' with { type: 'json' };
import { RATE_LIMITS, rateLimitLookup, type RateLimitTable } from '@green-shield/shared/rules/rate-limits';
import { FUNCTIONS, type HttpFunction } from '../../functions/src/lambdas';
import { fixedWindow, rateLimited, secondsUntil } from '../../functions/src/lib/rate-limits';
import { buildOpenApiDocument } from '../../functions/src/platform/openapi';

const routes = Object.entries(ENDPOINTS) as Array<[RouteId, Endpoint]>;

describe('the rate-limit table', () => {
  it('decides every route that writes: limited as one act, or unlimited with a reason', () => {
    const limited = Object.values(RATE_LIMITS.actions).flatMap((action) => action.routes);
    const unlimited = Object.keys(exemptions.unlimited) as RouteId[];
    for (const id of [...limited, ...unlimited]) expect(ENDPOINTS, id).toHaveProperty(id);
    for (const [id, endpoint] of routes.filter(([, endpoint]) => endpoint.method !== 'GET')) {
      expect(Number(limited.includes(id)) + Number(unlimited.includes(id)), `${id} (${endpoint.method} ${endpoint.path})`).toBe(1);
    }
    for (const reason of Object.values(exemptions.unlimited)) expect(reason).toMatch(/\w{3}/);
  });

  it('gives every role a limited route admits a limit, and no role one that none of its routes admits', () => {
    for (const [name, action] of Object.entries(RATE_LIMITS.actions)) {
      const rolesOf = ({ auth }: Endpoint): readonly string[] => (auth === 'public' ? ['public'] : auth);
      const admitted = new Set(action.routes.flatMap((id) => rolesOf(ENDPOINTS[id])));
      expect(admitted.has('public'), name).toBe(false);
      expect(new Set(Object.keys(action.limits)), name).toEqual(admitted);
      expect(action.why.length, name).toBeGreaterThan(20);
      for (const limit of Object.values(action.limits)) {
        expect(Number.isInteger(limit.count) && limit.count > 0, name).toBe(true);
        expect(Number.isInteger(limit.windowSeconds) && limit.windowSeconds > 0, name).toBe(true);
      }
    }
  });

  it('limits only routes of functions that may write the rate-limit windows (counting is a write)', () => {
    for (const id of Object.values(RATE_LIMITS.actions).flatMap((action) => action.routes)) {
      const fn = FUNCTIONS.find((spec): spec is HttpFunction => spec.trigger === 'http' && spec.service === ENDPOINTS[id].service);
      expect(fn?.grants.table.write, id).toContain('rateLimit');
    }
  });

  it('are in the API document: a limited route may answer 429 with Retry-After', () => {
    const { paths } = buildOpenApiDocument();
    const submit = paths['/api/complaints'].post as { responses: Record<string, { description: string; headers?: object }> };
    expect(submit.responses['429'].description).toBe(`Rate limited (resident: ${RATE_LIMITS.actions.complaint.limits.resident?.count} per 86400 s)`);
    expect(submit.responses['429'].headers).toHaveProperty('Retry-After');
    expect(paths['/api/complaints/{id}'].get).not.toHaveProperty(['responses', '429']);
  });

  it('looks up the limit of a route for an account, the most generous of its roles', () => {
    const limitOf = rateLimitLookup();
    expect(limitOf('submitComplaint', ['resident'])).toEqual({ action: 'complaint', ...RATE_LIMITS.actions.complaint.limits.resident });
    expect(limitOf('createImportUpload', ['bureau_officer'])?.action).toBe('upload');
    expect(limitOf('getComplaint', ['resident'])).toBeUndefined();
    expect(limitOf('submitComplaint', ['admin'])).toBeUndefined();

    const table: RateLimitTable = {
      version: 'test',
      actions: {
        upload: {
          routes: ['createUpload'],
          why: 'test',
          limits: { resident: { count: 10, windowSeconds: 3600 }, street_officer: { count: 100, windowSeconds: 86_400 } },
        },
      },
    };
    // 10 an hour is 240 a day: more than 100 a day.
    expect(rateLimitLookup(table)('createUpload', ['street_officer', 'resident'])).toEqual({ action: 'upload', count: 10, windowSeconds: 3600 });
    expect(() => rateLimitLookup({ ...table, actions: { ...table.actions, again: table.actions.upload } })).toThrow(/two acts/);
  });
});

describe('fixed windows', () => {
  it('align to the epoch, name their start and length, and tell how long until they turn', () => {
    const now = new Date('2026-11-28T14:59:59.500Z');
    expect(fixedWindow(now, 3600)).toEqual({ label: '2026-11-28T14:00:00.000Z/PT3600S', endsMs: Date.parse('2026-11-28T15:00:00Z') });
    expect(fixedWindow(now, 86_400)).toEqual({ label: '2026-11-28T00:00:00.000Z/PT86400S', endsMs: Date.parse('2026-11-29T00:00:00Z') });
    expect(fixedWindow(new Date('2026-11-28T15:00:00Z'), 3600).label).toBe('2026-11-28T15:00:00.000Z/PT3600S');
    expect(secondsUntil(fixedWindow(now, 3600).endsMs, now)).toBe(1);
    expect(secondsUntil(Date.parse('2026-11-28T14:00:00Z'), now)).toBe(1); // never "retry after 0"
    expect(secondsUntil(Date.parse('2026-11-28T15:30:00Z'), now)).toBe(1801);
  });

  it('refuse with 429 RATE_LIMITED and Retry-After', () => {
    expect(rateLimited('slow down', 42)).toMatchObject({ code: 'RATE_LIMITED', status: 429, headers: { 'retry-after': '42' } });
  });
});
