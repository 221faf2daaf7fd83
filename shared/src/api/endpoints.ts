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
export const SERVICES = ['identity', 'complaints', 'notifications', 'platform', 'sources', 'sourceFiles'] as const;
export type Service = (typeof SERVICES)[number];

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  service: Service;
  summary: string;
  /** Roles allowed; `public` routes need no token. */
  auth: 'public' | readonly Role[];
  /** Needs an Idempotency-Key header. */
  idempotent?: boolean;
  successStatus: number;
  /** Routes answering with a file instead of JSON (the response schema then describes nothing). */
  produces?: 'image/svg+xml';
}

export const ENDPOINTS = {
  health: { method: 'GET', path: '/api/health', service: 'platform', summary: 'Liveness', auth: 'public', successStatus: 200 },
  openapi: { method: 'GET', path: '/api/openapi.json', service: 'platform', summary: 'This API as OpenAPI 3.1', auth: 'public', successStatus: 200 },
  district: {
    method: 'GET',
    path: '/api/district',
    service: 'platform',
    summary: 'District configuration: streets, time limits',
    auth: 'public',
    successStatus: 200,
  },
  locateStreet: {
    method: 'GET',
    path: '/api/district/locate',
    service: 'platform',
    summary: 'Which street/town a point lies in (where boundaries are configured)',
    auth: 'public',
    successStatus: 200,
  },

  requestOtp: {
    method: 'POST',
    path: '/api/auth/otp',
    service: 'identity',
    summary: 'Send a one-time sign-in code by SMS',
    auth: 'public',
    successStatus: 202,
  },
  verifyOtp: {
    method: 'POST',
    path: '/api/auth/token',
    service: 'identity',
    summary: 'Exchange phone + code for an access token (registers residents on first sign-in)',
    auth: 'public',
    successStatus: 200,
  },
  refreshToken: {
    method: 'POST',
    path: '/api/auth/refresh',
    service: 'identity',
    summary: 'Exchange a refresh token for new tokens (the old refresh token is retired)',
    auth: 'public',
    successStatus: 200,
  },
  signOut: { method: 'POST', path: '/api/auth/signout', service: 'identity', summary: 'Retire a refresh token', auth: 'public', successStatus: 200 },
  me: {
    method: 'GET',
    path: '/api/me',
    service: 'identity',
    summary: 'The signed-in user',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },
  provisionOfficer: {
    method: 'POST',
    path: '/api/admin/officers',
    service: 'identity',
    summary: 'Provision an officer account',
    auth: ['admin'],
    successStatus: 201,
  },
  listOfficers: {
    method: 'GET',
    path: '/api/officers',
    service: 'identity',
    summary: 'Officers a complaint can be assigned to',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },

  createUpload: {
    method: 'POST',
    path: '/api/uploads',
    service: 'complaints',
    summary: 'A short-lived presigned upload for one image',
    auth: ['resident', 'street_officer', 'bureau_officer'],
    successStatus: 201,
  },
  submitComplaint: {
    method: 'POST',
    path: '/api/complaints',
    service: 'complaints',
    summary: 'Submit a complaint (idempotent)',
    auth: ['resident'],
    idempotent: true,
    successStatus: 201,
  },
  myComplaints: {
    method: 'GET',
    path: '/api/complaints/mine',
    service: 'complaints',
    summary: "The signed-in resident's complaints, newest first",
    auth: ['resident'],
    successStatus: 200,
  },
  queue: {
    method: 'GET',
    path: '/api/queue',
    service: 'complaints',
    summary: "An officer's queue: their street, or the whole district for the bureau",
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  getComplaint: {
    method: 'GET',
    path: '/api/complaints/{id}',
    service: 'complaints',
    summary: 'A complaint with its timeline',
    auth: ['resident', 'street_officer', 'bureau_officer'],
    successStatus: 200,
  },
  transitionComplaint: {
    method: 'POST',
    path: '/api/complaints/{id}/transitions',
    service: 'complaints',
    summary: 'An officer moves a complaint on (accept, assign, start, note, resolve, not our responsibility, duplicate)',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  rateComplaint: {
    method: 'POST',
    path: '/api/complaints/{id}/rating',
    service: 'complaints',
    summary: 'The complainant rates the resolution, which closes it',
    auth: ['resident'],
    successStatus: 200,
  },
  reopenComplaint: {
    method: 'POST',
    path: '/api/complaints/{id}/reopen',
    service: 'complaints',
    summary: 'The complainant reopens a resolution they are not satisfied with',
    auth: ['resident'],
    successStatus: 200,
  },

  listNotifications: {
    method: 'GET',
    path: '/api/notifications',
    service: 'notifications',
    summary: 'In-app notifications, newest first',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },
  markNotificationsRead: {
    method: 'POST',
    path: '/api/notifications/read',
    service: 'notifications',
    summary: 'Mark some or all notifications read',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },

  ecoProfile: {
    method: 'GET',
    path: '/api/eco/{code}',
    service: 'sources',
    summary: "A source's public profile by its eco-code (forged or altered codes are refused)",
    auth: 'public',
    successStatus: 200,
  },

  mySources: {
    method: 'GET',
    path: '/api/my/sources',
    service: 'sources',
    summary: 'Sources the signed-in operator runs',
    auth: ['resident'],
    successStatus: 200,
  },
  mySource: {
    method: 'GET',
    path: '/api/my/sources/{id}',
    service: 'sources',
    summary: 'One of my sources: score with its explanation, rectification items',
    auth: ['resident'],
    successStatus: 200,
  },
  submitEvidence: {
    method: 'POST',
    path: '/api/my/sources/{id}/rectifications/{rectificationId}/evidence',
    service: 'sources',
    summary: 'The operator uploads evidence that an item was rectified',
    auth: ['resident'],
    successStatus: 200,
  },
  claimSource: {
    method: 'POST',
    path: '/api/my/claims',
    service: 'sources',
    summary: 'Claim a registered source by its credit code (an officer approves)',
    auth: ['resident'],
    successStatus: 201,
  },
  myClaims: { method: 'GET', path: '/api/my/claims', service: 'sources', summary: "The signed-in user's claims", auth: ['resident'], successStatus: 200 },

  searchSources: {
    method: 'GET',
    path: '/api/sources',
    service: 'sources',
    summary: 'Search the registry by street, level, tag, name prefix or credit code (paginated)',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  createSource: {
    method: 'POST',
    path: '/api/sources',
    service: 'sources',
    summary: 'Register a source (credit codes are unique)',
    auth: OFFICER_ROLES,
    successStatus: 201,
  },
  createImportUpload: {
    method: 'POST',
    path: '/api/sources/imports/uploads',
    service: 'sourceFiles',
    summary: 'A short-lived presigned upload for one CSV or XLSX list of sources',
    auth: ['bureau_officer'],
    successStatus: 201,
  },
  importSources: {
    method: 'POST',
    path: '/api/sources/imports',
    service: 'sourceFiles',
    summary: 'Start importing an uploaded list (dry run by default; updates by credit code); runs in the background',
    auth: ['bureau_officer'],
    successStatus: 202,
  },
  listImports: {
    method: 'GET',
    path: '/api/sources/imports',
    service: 'sourceFiles',
    summary: "The district's recent imports, newest first (reports without their error rows)",
    auth: ['bureau_officer'],
    successStatus: 200,
  },
  getImport: {
    method: 'GET',
    path: '/api/sources/imports/{id}',
    service: 'sourceFiles',
    summary: "An import's progress and report",
    auth: ['bureau_officer'],
    successStatus: 200,
  },
  restartImport: {
    method: 'POST',
    path: '/api/sources/imports/{id}/restart',
    service: 'sourceFiles',
    summary: 'Run a failed or interrupted import again: it resumes after the rows it committed (a finished import never runs again)',
    auth: ['bureau_officer'],
    successStatus: 202,
  },
  getSource: {
    method: 'GET',
    path: '/api/sources/{id}',
    service: 'sources',
    summary: 'A source with its score explanation, rectifications and operators',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  updateSource: {
    method: 'PATCH',
    path: '/api/sources/{id}',
    service: 'sources',
    summary: "Change a source's attributes or tags",
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  sourceTimeline: {
    method: 'GET',
    path: '/api/sources/{id}/timeline',
    service: 'sources',
    summary: "The source's timeline (its digital twin), newest first",
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  sourcePoster: {
    method: 'GET',
    path: '/api/sources/{id}/poster',
    service: 'sourceFiles',
    summary: 'The printable eco-code poster (SVG)',
    auth: OFFICER_ROLES,
    successStatus: 200,
    produces: 'image/svg+xml',
  },
  inspectSource: {
    method: 'POST',
    path: '/api/sources/{id}/inspections',
    service: 'sources',
    summary: 'Record an inspection; failed items open rectification orders (idempotent)',
    auth: OFFICER_ROLES,
    idempotent: true,
    successStatus: 201,
  },
  decideEvidence: {
    method: 'POST',
    path: '/api/sources/{id}/rectifications/{rectificationId}/decision',
    service: 'sources',
    summary: "Accept or reject an operator's rectification evidence",
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  recordSourceEvent: {
    method: 'POST',
    path: '/api/sources/{id}/records',
    service: 'sources',
    summary: 'Record a penalty, permit or incident (idempotent)',
    auth: OFFICER_ROLES,
    idempotent: true,
    successStatus: 201,
  },
  linkComplaint: {
    method: 'POST',
    path: '/api/sources/{id}/complaints',
    service: 'sources',
    summary: 'Link a complaint to the source it is about',
    auth: OFFICER_ROLES,
    successStatus: 201,
  },
  linkOperator: {
    method: 'POST',
    path: '/api/sources/{id}/operators',
    service: 'identity',
    summary: 'Link an operator account (by phone; registered if new) to the source. Served by identity, which alone may resolve phone numbers',
    auth: OFFICER_ROLES,
    successStatus: 201,
  },
  unlinkOperator: {
    method: 'DELETE',
    path: '/api/sources/{id}/operators/{userId}',
    service: 'sources',
    summary: 'Unlink an operator account from the source (staff changes, a claim approved in error)',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  complaintSourceMatches: {
    method: 'GET',
    path: '/api/complaints/{id}/source-matches',
    service: 'sources',
    summary: 'Sources a complaint is probably about, by location and name',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  listClaims: {
    method: 'GET',
    path: '/api/claims',
    service: 'sources',
    summary: "Pending claims in the officer's street (the district for the bureau)",
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  decideClaim: {
    method: 'POST',
    path: '/api/claims/{id}/decision',
    service: 'sources',
    summary: 'Approve or reject a claim',
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
  sourceWarnings: {
    method: 'GET',
    path: '/api/warnings',
    service: 'sources',
    summary: "Sources with early warnings in the officer's street (the district for the bureau)",
    auth: OFFICER_ROLES,
    successStatus: 200,
  },
} as const satisfies Record<string, Endpoint>;

export type RouteId = keyof typeof ENDPOINTS;

export function routeKey(route: Pick<Endpoint, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
