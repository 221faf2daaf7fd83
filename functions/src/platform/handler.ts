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
    'platform',
    {
      health: async () => ({ ok: true }),
      openapi: async () => (openApi ??= buildOpenApiDocument()),
      district: async () => view,
      locateStreet: async ({ query }) => suggestStreet(deps.district, query) ?? {},
    },
    deps,
  );
}

export const handler = lazy(() => createPlatformHandler(apiDepsFromEnv('platform')));
