/** The cogov function's endpoints (see ../endpoints.ts). */
import { type Endpoint, OFFICER_ROLES } from '../endpoint';
import { JOINT_INSPECTIONS_PATH } from '../linked-paths';

export const COGOV_ENDPOINTS = {
  // Community co-governance: joint inspection requests (a street asks the bureau).
  raiseJointInspection: {
    method: 'POST',
    path: '/api/joint-inspections',
    service: 'cogov',
    auth: ['street_officer'],
    idempotent: true,
    successStatus: 201,
  },
  listJointInspections: { method: 'GET', path: JOINT_INSPECTIONS_PATH, service: 'cogov', auth: OFFICER_ROLES, successStatus: 200 },
  getJointInspection: { method: 'GET', path: '/api/joint-inspections/{id}', service: 'cogov', auth: OFFICER_ROLES, successStatus: 200 },
  stepJointInspection: { method: 'POST', path: '/api/joint-inspections/{id}/transitions', service: 'cogov', auth: OFFICER_ROLES, successStatus: 200 },
  commentJointInspection: { method: 'POST', path: '/api/joint-inspections/{id}/comments', service: 'cogov', auth: OFFICER_ROLES, successStatus: 201 },
  inspectForJointInspection: {
    method: 'POST',
    path: '/api/joint-inspections/{id}/inspections',
    service: 'cogov',
    auth: ['bureau_officer'],
    idempotent: true,
    successStatus: 201,
  },
} as const satisfies Record<string, Endpoint & { service: 'cogov' }>;
