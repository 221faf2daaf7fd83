/**
 * The endpoint table: every HTTP route with everything about it but its schemas (method, path,
 * the function that serves it, who may call it, how it answers). Free of zod, so the mini-app's
 * client reads it at runtime; ./routes adds each route's zod schemas for the functions, the CDK
 * app, the local gateway and the OpenAPI document.
 */

export const ROLES = ['resident', 'street_officer', 'bureau_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const OFFICER_ROLES: readonly Role[] = ['street_officer', 'bureau_officer'];

/** One Lambda function per bounded context. */
export const SERVICES = ['identity', 'complaints', 'notifications', 'platform', 'sources', 'sourceFiles', 'cogov', 'community'] as const;
export type Service = (typeof SERVICES)[number];

/**
 * How hard API Gateway throttles a route, across all callers (the stage's route settings; the rates of
 * each class are stage configuration, infra/config.ts). Asking for a sign-in code sends an SMS that
 * costs money and reaches a phone, so it is the tightest; checking a code or a WeChat login is next;
 * then writes; reads are the loosest. Per caller, the functions' own limits apply on top.
 */
export const THROTTLE_CLASSES = ['signInCode', 'signIn', 'write', 'read'] as const;
export type ThrottleClass = (typeof THROTTLE_CLASSES)[number];

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  service: Service;
  /** Roles allowed; `public` routes need no token. */
  auth: 'public' | readonly Role[];
  /** Needs an Idempotency-Key header. */
  idempotent?: boolean;
  successStatus: number;
  /** Routes answering with a file instead of JSON (the response schema then describes nothing). */
  produces?: 'image/svg+xml';
  /** Default: `read` for GET, `write` for the other methods (throttleClassOf). */
  throttle?: ThrottleClass;
}

export const ENDPOINTS = {
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
    path: '/api/queue',
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

  listNotifications: {
    method: 'GET',
    path: '/api/notifications',
    service: 'notifications',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },
  markNotificationsRead: {
    method: 'POST',
    path: '/api/notifications/read',
    service: 'notifications',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },
  recordSubscriptions: {
    method: 'POST',
    path: '/api/notifications/subscriptions',
    service: 'notifications',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },

  ecoProfile: {
    method: 'GET',
    path: '/api/eco/{code}',
    service: 'sources',
    auth: 'public',
    successStatus: 200,
  },

  mySources: {
    method: 'GET',
    path: '/api/my/sources',
    service: 'sources',
    auth: ['resident'],
    successStatus: 200,
  },
  mySource: {
    method: 'GET',
    path: '/api/my/sources/{id}',
    service: 'sources',
    auth: ['resident'],
    successStatus: 200,
  },
  myPoster: {
    method: 'GET',
    path: '/api/my/sources/{id}/poster',
    service: 'sourceFiles',
    auth: ['resident'],
    successStatus: 200,
    produces: 'image/svg+xml',
  },
  submitEvidence: {
    method: 'POST',
    path: '/api/my/sources/{id}/rectifications/{rectificationId}/evidence',
    service: 'sources',
    auth: ['resident'],
    successStatus: 200,
  },
  claimSource: {
    method: 'POST',
    path: '/api/my/claims',
    service: 'sources',
    auth: ['resident'],
    successStatus: 201,
  },
  myClaims: { method: 'GET', path: '/api/my/claims', service: 'sources', auth: ['resident'], successStatus: 200 },

  searchSources: {
    method: 'GET',
    path: '/api/sources',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  createSource: {
    method: 'POST',
    path: '/api/sources',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 201,
  },
  createImportUpload: {
    method: 'POST',
    path: '/api/sources/imports/uploads',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 201,
  },
  importSources: {
    method: 'POST',
    path: '/api/sources/imports',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 202,
  },
  listImports: {
    method: 'GET',
    path: '/api/sources/imports',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 200,
  },
  importTemplate: { method: 'GET', path: '/api/sources/imports/template', service: 'sourceFiles', auth: ['bureau_officer'], successStatus: 200 },
  getImport: {
    method: 'GET',
    path: '/api/sources/imports/{id}',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 200,
  },
  restartImport: {
    method: 'POST',
    path: '/api/sources/imports/{id}/restart',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 202,
  },
  getSource: {
    method: 'GET',
    path: '/api/sources/{id}',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  updateSource: {
    method: 'PATCH',
    path: '/api/sources/{id}',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  sourceTimeline: {
    method: 'GET',
    path: '/api/sources/{id}/timeline',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  sourcePoster: {
    method: 'GET',
    path: '/api/sources/{id}/poster',
    service: 'sourceFiles',
    auth: OFFICER_ROLES,
    successStatus: 200,
    produces: 'image/svg+xml',
  },
  inspectSource: {
    method: 'POST',
    path: '/api/sources/{id}/inspections',
    service: 'sources',
    auth: OFFICER_ROLES,
    idempotent: true,
    successStatus: 201,
  },
  decideEvidence: {
    method: 'POST',
    path: '/api/sources/{id}/rectifications/{rectificationId}/decision',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  recordSourceEvent: {
    method: 'POST',
    path: '/api/sources/{id}/records',
    service: 'sources',
    auth: OFFICER_ROLES,
    idempotent: true,
    successStatus: 201,
  },
  linkComplaint: {
    method: 'POST',
    path: '/api/sources/{id}/complaints',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 201,
  },
  linkOperator: {
    method: 'POST',
    path: '/api/sources/{id}/operators',
    service: 'identity',
    auth: OFFICER_ROLES,
    successStatus: 201,
  },
  unlinkOperator: {
    method: 'DELETE',
    path: '/api/sources/{id}/operators/{userId}',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  complaintSourceMatches: {
    method: 'GET',
    path: '/api/complaints/{id}/source-matches',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  listClaims: {
    method: 'GET',
    path: '/api/claims',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  decideClaim: {
    method: 'POST',
    path: '/api/claims/{id}/decision',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  sourceWarnings: {
    method: 'GET',
    path: '/api/warnings',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  pendingDecisions: {
    method: 'GET',
    path: '/api/decisions',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  decisionsSummary: {
    method: 'GET',
    path: '/api/decisions/summary',
    service: 'sources',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },

  // Community co-governance: joint inspection requests (a street asks the bureau).
  raiseJointInspection: {
    method: 'POST',
    path: '/api/joint-inspections',
    service: 'cogov',
    auth: ['street_officer'],
    idempotent: true,
    successStatus: 201,
  },
  listJointInspections: { method: 'GET', path: '/api/joint-inspections', service: 'cogov', auth: OFFICER_ROLES, successStatus: 200 },
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

  // Community co-governance: volunteers, patrol tasks, observations, second looks, the street's desk.
  applyVolunteer: { method: 'POST', path: '/api/volunteer/application', service: 'community', auth: ['resident'], successStatus: 201 },
  myVolunteering: { method: 'GET', path: '/api/volunteer', service: 'community', auth: ['resident'], successStatus: 200 },
  volunteerTasks: { method: 'GET', path: '/api/volunteer/tasks', service: 'community', auth: ['resident'], successStatus: 200 },
  volunteerTask: { method: 'GET', path: '/api/volunteer/tasks/{id}', service: 'community', auth: ['resident'], successStatus: 200 },
  claimTask: { method: 'POST', path: '/api/volunteer/tasks/{id}/claim', service: 'community', auth: ['resident'], successStatus: 200 },
  releaseTask: { method: 'POST', path: '/api/volunteer/tasks/{id}/release', service: 'community', auth: ['resident'], successStatus: 200 },
  checkInTask: { method: 'POST', path: '/api/volunteer/tasks/{id}/check-in', service: 'community', auth: ['resident'], successStatus: 200 },
  checkOutTask: { method: 'POST', path: '/api/volunteer/tasks/{id}/check-out', service: 'community', auth: ['resident'], successStatus: 200 },
  submitObservation: { method: 'POST', path: '/api/volunteer/observations', service: 'community', auth: ['resident'], idempotent: true, successStatus: 201 },
  myObservations: { method: 'GET', path: '/api/volunteer/observations', service: 'community', auth: ['resident'], successStatus: 200 },
  volunteerSource: { method: 'GET', path: '/api/volunteer/sources/{id}', service: 'community', auth: ['resident'], successStatus: 200 },
  reviewableComplaints: { method: 'GET', path: '/api/volunteer/complaints', service: 'community', auth: ['resident'], successStatus: 200 },
  submitReview: { method: 'POST', path: '/api/volunteer/reviews', service: 'community', auth: ['resident'], idempotent: true, successStatus: 201 },
  myReviews: { method: 'GET', path: '/api/volunteer/reviews', service: 'community', auth: ['resident'], successStatus: 200 },
  myServiceRecord: { method: 'GET', path: '/api/volunteer/service-record', service: 'community', auth: ['resident'], successStatus: 200 },
  streetGuide: { method: 'GET', path: '/api/street-guide', service: 'community', auth: ['resident', 'street_officer', 'bureau_officer'], successStatus: 200 },
  listVolunteers: { method: 'GET', path: '/api/volunteers', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  decideVolunteer: { method: 'POST', path: '/api/volunteers/{userId}/decision', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  thankVolunteer: { method: 'POST', path: '/api/volunteers/{userId}/thanks', service: 'community', auth: OFFICER_ROLES, successStatus: 201 },
  volunteerServiceRecord: { method: 'GET', path: '/api/volunteers/{userId}/service-record', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  publishPatrolTask: { method: 'POST', path: '/api/patrol-tasks', service: 'community', auth: ['street_officer'], idempotent: true, successStatus: 201 },
  listPatrolTasks: { method: 'GET', path: '/api/patrol-tasks', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  getPatrolTask: { method: 'GET', path: '/api/patrol-tasks/{id}', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  cancelPatrolTask: { method: 'POST', path: '/api/patrol-tasks/{id}/cancel', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  listObservations: { method: 'GET', path: '/api/observations', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  getObservation: { method: 'GET', path: '/api/observations/{id}', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  triageObservation: { method: 'POST', path: '/api/observations/{id}/triage', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  listInspectionTasks: { method: 'GET', path: '/api/inspection-tasks', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  listReviews: { method: 'GET', path: '/api/reviews', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  answerReview: { method: 'POST', path: '/api/reviews/{id}/answer', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },
  streetDesk: { method: 'GET', path: '/api/street-desk', service: 'community', auth: OFFICER_ROLES, successStatus: 200 },

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
} as const satisfies Record<string, Endpoint>;

export type RouteId = keyof typeof ENDPOINTS;

export function throttleClassOf(endpoint: Pick<Endpoint, 'method' | 'throttle'>): ThrottleClass {
  return endpoint.throttle ?? (endpoint.method === 'GET' ? 'read' : 'write');
}

export function routeKey(route: Pick<Endpoint, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
