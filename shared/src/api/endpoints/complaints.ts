/** The complaints function's endpoints (see ../endpoints.ts). */
import { type Endpoint, OFFICER_ROLES } from '../endpoint';
import { QUEUE_PATH } from '../linked-paths';

export const COMPLAINTS_ENDPOINTS = {
  createUpload: {
    method: 'POST',
    path: '/api/uploads',
    service: 'complaints',
    auth: ['resident', 'street_officer', 'bureau_officer'],
    successStatus: 201,
  },
  submitComplaint: {
    method: 'POST',
    path: '/api/complaints',
    service: 'complaints',
    auth: ['resident'],
    idempotent: true,
    successStatus: 201,
  },
  myComplaints: {
    method: 'GET',
    path: '/api/complaints/mine',
    service: 'complaints',
    auth: ['resident'],
    successStatus: 200,
  },
  queue: {
    method: 'GET',
    path: QUEUE_PATH,
    service: 'complaints',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  queueSummary: {
    method: 'GET',
    path: '/api/queue/summary',
    service: 'complaints',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  findComplaint: {
    method: 'GET',
    path: '/api/queue/{trackingNumber}',
    service: 'complaints',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  getComplaint: {
    method: 'GET',
    path: '/api/complaints/{id}',
    service: 'complaints',
    auth: ['resident', 'street_officer', 'bureau_officer'],
    successStatus: 200,
  },
  transitionComplaint: {
    method: 'POST',
    path: '/api/complaints/{id}/transitions',
    service: 'complaints',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  rateComplaint: {
    method: 'POST',
    path: '/api/complaints/{id}/rating',
    service: 'complaints',
    auth: ['resident'],
    successStatus: 200,
  },
  reopenComplaint: {
    method: 'POST',
    path: '/api/complaints/{id}/reopen',
    service: 'complaints',
    auth: ['resident'],
    successStatus: 200,
  },

  // ── Statistics (issue 12): answered from the complaint counters ──
  complaintStatistics: {
    method: 'GET',
    path: '/api/statistics/complaints',
    service: 'complaints',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  publicComplaintStatistics: {
    method: 'GET',
    path: '/api/statistics/complaints/public',
    service: 'complaints',
    auth: 'public',
    successStatus: 200,
  },
} as const satisfies Record<string, Endpoint & { service: 'complaints' }>;
