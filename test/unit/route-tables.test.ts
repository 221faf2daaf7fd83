/**
 * One route table per service (shared/src/api/routes/<service>.ts, its endpoints from
 * ../endpoints/<service>.ts), joined once for the CDK app, the local gateway, the OpenAPI document and
 * the mini-app's client: each function loads its own table only.
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, SERVICES } from '@green-shield/shared/api/endpoints';
import { joinTables } from '@green-shield/shared/api/join-tables';
import { ROUTES } from '@green-shield/shared/api/routes';
import { withSchemas } from '@green-shield/shared/api/route-spec';
import { COMMUNITY_ROUTES } from '@green-shield/shared/api/routes/community';
import { PLATFORM_ROUTES } from '@green-shield/shared/api/routes/platform';
import { HealthResponse } from '@green-shield/shared/api/schemas';

describe('the route tables', () => {
  it('join every service’s table, in the endpoint table’s order, each route with its own endpoint', () => {
    expect(Object.keys(ROUTES)).toEqual(Object.keys(ENDPOINTS));
    expect(new Set(Object.values(ROUTES).map((route) => route.service))).toEqual(new Set(SERVICES));
    for (const [id, route] of Object.entries(ROUTES)) expect(route, id).toMatchObject(ENDPOINTS[id as keyof typeof ENDPOINTS]);
  });

  it('hold one service each, with its schemas', () => {
    expect(new Set(Object.values(COMMUNITY_ROUTES).map((route) => route.service))).toEqual(new Set(['community']));
    expect(PLATFORM_ROUTES.health).toEqual({ ...ENDPOINTS.health, response: HealthResponse });
  });

  it('refuse a route id two services declare', () => {
    expect(() => joinTables({ health: 1 }, { me: 2 }, { health: 3 })).toThrow('Route health is declared by two services');
    expect(joinTables({ health: 1 }, { me: 2 })).toEqual({ health: 1, me: 2 });
  });

  it('give each endpoint its schemas; the compiler refuses a missing endpoint or an unknown one', () => {
    const table = withSchemas({ health: ENDPOINTS.health }, { health: { response: HealthResponse } });
    expect(table).toEqual({ health: { ...ENDPOINTS.health, response: HealthResponse } });
    // @ts-expect-error: `me` is no endpoint of this table
    withSchemas({ health: ENDPOINTS.health }, { health: { response: HealthResponse }, me: { response: HealthResponse } });
    // @ts-expect-error: `health` has no schemas
    withSchemas({ health: ENDPOINTS.health, district: ENDPOINTS.district }, { district: { response: HealthResponse } });
  });
});
