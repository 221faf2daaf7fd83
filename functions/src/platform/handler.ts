import { ENDPOINTS } from '@green-shield/shared/api/endpoints';
import { PLATFORM_ROUTES } from '@green-shield/shared/api/routes/platform';
import { timeLimits } from '@green-shield/shared/rules/time-limits';
import { suggestStreet } from '@green-shield/shared/geo/street-locator';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { createHttpHandler, type HttpDeps, type HttpHandler } from '../lib/http';
import { apiDepsFromEnv, lazy } from '../store/runtime';
import { buildOpenApiDocument } from './openapi';

export function districtView(district: DistrictConfig) {
  const limits = timeLimits(district.timeLimitsVersion);
  return {
    code: district.code,
    name: district.name,
    city: district.city,
    streets: district.streets.map(({ code, name, kind, boundary }) => ({ code, name, kind, hasBoundary: Boolean(boundary) })),
    feedbackWindowDays: district.resolutionFeedbackDays,
    mapCenter: district.mapCenter,
    timeLimits: {
      version: limits.version,
      source: limits.source,
      acknowledgeWithinDays: limits.acknowledgeWithinDays,
      closeWithinDays: limits.closeWithinDays,
      maxExtensionDays: limits.maxExtensionDays,
    },
  };
}

export function createPlatformHandler(deps: HttpDeps & { district: DistrictConfig }): HttpHandler {
  let openApi: unknown;
  const view = districtView(deps.district);
  return createHttpHandler(
    PLATFORM_ROUTES,
    {
      health: async () => ({ ok: true }),
      openapi: async () => (openApi ??= buildOpenApiDocument()),
      district: async () => view,
      locateStreet: async ({ query }) => suggestStreet(deps.district, query) ?? {},
    },
    deps,
    // This function serves API Gateway's `$default` route (lambdas.ts): 404 or 405 for any path of the API.
    { unmatchedAgainst: ENDPOINTS },
  );
}

export const handler = /* @__PURE__ */ lazy(() => createPlatformHandler(apiDepsFromEnv('platform')));
