/** The platform function's routes: its endpoints with their schemas (see ../routes.ts). */
import { PLATFORM_ENDPOINTS } from '../endpoints/platform';
import { withSchemas } from '../route-spec';
import * as s from '../schemas';

export const PLATFORM_ROUTES = /* @__PURE__ */ withSchemas(PLATFORM_ENDPOINTS, {
  health: {
    response: s.HealthResponse,
  },
  openapi: {
    response: s.OpenApiDocument,
  },
  district: {
    response: s.DistrictView,
  },
  locateStreet: {
    query: s.LocateQuery,
    response: s.LocateResponse,
  },
});
