/** The identity function's endpoints (see ../endpoints.ts). */
import { type Endpoint, OFFICER_ROLES } from '../endpoint';

export const IDENTITY_ENDPOINTS = {
  requestOtp: {
    method: 'POST',
    path: '/api/auth/otp',
    service: 'identity',
    auth: 'public',
    throttle: 'signInCode',
    successStatus: 202,
  },
  verifyOtp: {
    method: 'POST',
    path: '/api/auth/token',
    service: 'identity',
    auth: 'public',
    throttle: 'signIn',
    successStatus: 200,
  },
  signInWithWechat: {
    method: 'POST',
    path: '/api/auth/wechat',
    service: 'identity',
    auth: 'public',
    throttle: 'signIn',
    successStatus: 200,
  },
  refreshToken: {
    method: 'POST',
    path: '/api/auth/refresh',
    service: 'identity',
    auth: 'public',
    successStatus: 200,
  },
  signOut: { method: 'POST', path: '/api/auth/signout', service: 'identity', auth: 'public', successStatus: 200 },
  me: {
    method: 'GET',
    path: '/api/me',
    service: 'identity',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },
  provisionOfficer: {
    method: 'POST',
    path: '/api/admin/officers',
    service: 'identity',
    auth: ['admin'],
    successStatus: 201,
  },
  listOfficers: {
    method: 'GET',
    path: '/api/officers',
    service: 'identity',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  linkOperator: {
    method: 'POST',
    path: '/api/sources/{id}/operators',
    service: 'identity',
    auth: OFFICER_ROLES,
    successStatus: 201,
  },
} as const satisfies Record<string, Endpoint & { service: 'identity' }>;
