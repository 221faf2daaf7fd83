/** The platform function's endpoints (see ../endpoints.ts). */
import type { Endpoint } from '../endpoint';

export const PLATFORM_ENDPOINTS = {
  health: { method: 'GET', path: '/api/health', service: 'platform', auth: 'public', successStatus: 200 },
  openapi: { method: 'GET', path: '/api/openapi.json', service: 'platform', auth: 'public', successStatus: 200 },
  district: {
    method: 'GET',
    path: '/api/district',
    service: 'platform',
    auth: 'public',
    successStatus: 200,
  },
  locateStreet: {
    method: 'GET',
    path: '/api/district/locate',
    service: 'platform',
    auth: 'public',
    successStatus: 200,
  },
} as const satisfies Record<string, Endpoint & { service: 'platform' }>;
