/**
 * The route table: the one list of HTTP routes. The CDK app turns it into API Gateway routes and
 * Lambda integrations, the local gateway routes with it, each function dispatches with it, and the
 * OpenAPI document is generated from it.
 */
import type { z } from 'zod';
import * as s from './schemas';
import * as src from './source-schemas';
import type { Role } from './schemas';

/** One Lambda function per bounded context. */
export const SERVICES = ['identity', 'complaints', 'notifications', 'platform', 'sources', 'sourceFiles'] as const;
export type Service = (typeof SERVICES)[number];

export const OFFICER_ROLES: readonly Role[] = ['street_officer', 'bureau_officer'];

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  service: Service;
  summary: string;
  /** Roles allowed; `public` routes need no token. */
  auth: 'public' | readonly Role[];
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Needs an Idempotency-Key header. */
  idempotent?: boolean;
  successStatus: number;
  response: z.ZodType;
  /** Routes answering with a file instead of JSON (the response schema then describes nothing). */
  produces?: 'image/svg+xml';
}

export const ROUTES = {
  health: { method: 'GET', path: '/api/health', service: 'platform', summary: 'Liveness', auth: 'public', successStatus: 200, response: s.HealthResponse },
  openapi: {
    method: 'GET',
    path: '/api/openapi.json',
    service: 'platform',
    summary: 'This API as OpenAPI 3.1',
    auth: 'public',
    successStatus: 200,
    response: s.HealthResponse,
  },
  district: {
    method: 'GET',
    path: '/api/district',
    service: 'platform',
    summary: 'District configuration: streets, time limits',
    auth: 'public',
    successStatus: 200,
    response: s.DistrictView,
  },
  locateStreet: {
    method: 'GET',
    path: '/api/district/locate',
    service: 'platform',
    summary: 'Which street/town a point lies in (where boundaries are configured)',
    auth: 'public',
    query: s.LocateQuery,
    successStatus: 200,
    response: s.LocateResponse,
  },

  requestOtp: {
    method: 'POST',
    path: '/api/auth/otp',
    service: 'identity',
    summary: 'Send a one-time sign-in code by SMS',
    auth: 'public',
    body: s.RequestOtpBody,
    successStatus: 202,
    response: s.RequestOtpResponse,
  },
  verifyOtp: {
    method: 'POST',
    path: '/api/auth/token',
    service: 'identity',
    summary: 'Exchange phone + code for an access token (registers residents on first sign-in)',
    auth: 'public',
    body: s.VerifyOtpBody,
    successStatus: 200,
    response: s.TokenResponse,
  },
  refreshToken: {
    method: 'POST',
    path: '/api/auth/refresh',
    service: 'identity',
    summary: 'Exchange a refresh token for new tokens (the old refresh token is retired)',
    auth: 'public',
    body: s.RefreshBody,
    successStatus: 200,
    response: s.TokenResponse,
  },
  signOut: {
    method: 'POST',
    path: '/api/auth/signout',
    service: 'identity',
    summary: 'Retire a refresh token',
    auth: 'public',
    body: s.RefreshBody,
    successStatus: 200,
    response: s.SignOutResponse,
  },
  me: {
    method: 'GET',
    path: '/api/me',
    service: 'identity',
    summary: 'The signed-in user',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
    response: s.UserView,
  },
  provisionOfficer: {
    method: 'POST',
    path: '/api/admin/officers',
    service: 'identity',
    summary: 'Provision an officer account',
    auth: ['admin'],
    body: s.ProvisionOfficerBody,
    successStatus: 201,
    response: s.UserView,
  },
  listOfficers: {
    method: 'GET',
    path: '/api/officers',
    service: 'identity',
    summary: 'Officers a complaint can be assigned to',
    auth: OFFICER_ROLES,
    query: s.OfficerListQuery,
    successStatus: 200,
    response: s.OfficerListResponse,
  },

  createUpload: {
    method: 'POST',
    path: '/api/uploads',
    service: 'complaints',
    summary: 'A short-lived presigned upload for one image',
    auth: ['resident', 'street_officer', 'bureau_officer'],
    body: s.CreateUploadBody,
    successStatus: 201,
    response: s.UploadTicket,
  },
  submitComplaint: {
    method: 'POST',
    path: '/api/complaints',
    service: 'complaints',
    summary: 'Submit a complaint (idempotent)',
    auth: ['resident'],
    body: s.SubmitComplaintBody,
    idempotent: true,
    successStatus: 201,
    response: s.ComplaintDetail,
  },
  myComplaints: {
    method: 'GET',
    path: '/api/complaints/mine',
    service: 'complaints',
    summary: "The signed-in resident's complaints, newest first",
    auth: ['resident'],
    query: s.MyComplaintsQuery,
    successStatus: 200,
    response: s.ComplaintPage,
  },
  queue: {
    method: 'GET',
    path: '/api/queue',
    service: 'complaints',
    summary: "An officer's queue: their street, or the whole district for the bureau",
    auth: OFFICER_ROLES,
    query: s.QueueQuery,
    successStatus: 200,
    response: s.ComplaintPage,
  },
  getComplaint: {
    method: 'GET',
    path: '/api/complaints/{id}',
    service: 'complaints',
    summary: 'A complaint with its timeline',
    auth: ['resident', 'street_officer', 'bureau_officer'],
    params: s.ComplaintIdParams,
    successStatus: 200,
    response: s.ComplaintDetail,
  },
  transitionComplaint: {
    method: 'POST',
    path: '/api/complaints/{id}/transitions',
    service: 'complaints',
    summary: 'An officer moves a complaint on (accept, assign, start, note, resolve, not our responsibility, duplicate)',
    auth: OFFICER_ROLES,
    params: s.ComplaintIdParams,
    body: s.TransitionBody,
    successStatus: 200,
    response: s.ComplaintDetail,
  },
  rateComplaint: {
    method: 'POST',
    path: '/api/complaints/{id}/rating',
    service: 'complaints',
    summary: 'The complainant rates the resolution, which closes it',
    auth: ['resident'],
    params: s.ComplaintIdParams,
    body: s.RateBody,
    successStatus: 200,
    response: s.ComplaintDetail,
  },
  reopenComplaint: {
    method: 'POST',
    path: '/api/complaints/{id}/reopen',
    service: 'complaints',
    summary: 'The complainant reopens a resolution they are not satisfied with',
    auth: ['resident'],
    params: s.ComplaintIdParams,
    body: s.ReopenBody,
    successStatus: 200,
    response: s.ComplaintDetail,
  },

  listNotifications: {
    method: 'GET',
    path: '/api/notifications',
    service: 'notifications',
    summary: 'In-app notifications, newest first',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
    response: s.NotificationList,
  },
  markNotificationsRead: {
    method: 'POST',
    path: '/api/notifications/read',
    service: 'notifications',
    summary: 'Mark some or all notifications read',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    body: s.MarkReadBody,
    successStatus: 200,
    response: s.MarkReadResponse,
  },

  ecoProfile: {
    method: 'GET',
    path: '/api/eco/{code}',
    service: 'sources',
    summary: "A source's public profile by its eco-code (forged or altered codes are refused)",
    auth: 'public',
    params: src.EcoCodeParams,
    successStatus: 200,
    response: src.PublicSourceProfile,
  },

  mySources: {
    method: 'GET',
    path: '/api/my/sources',
    service: 'sources',
    summary: 'Sources the signed-in operator runs',
    auth: ['resident'],
    successStatus: 200,
    response: src.OperatorSourceList,
  },
  mySource: {
    method: 'GET',
    path: '/api/my/sources/{id}',
    service: 'sources',
    summary: 'One of my sources: score with its explanation, rectification items',
    auth: ['resident'],
    params: src.SourceIdParams,
    successStatus: 200,
    response: src.OperatorSourceView,
  },
  submitEvidence: {
    method: 'POST',
    path: '/api/my/sources/{id}/rectifications/{rectificationId}/evidence',
    service: 'sources',
    summary: 'The operator uploads evidence that an item was rectified',
    auth: ['resident'],
    params: src.RectificationParams,
    body: src.EvidenceBody,
    successStatus: 200,
    response: src.OperatorSourceView,
  },
  claimSource: {
    method: 'POST',
    path: '/api/my/claims',
    service: 'sources',
    summary: 'Claim a registered source by its credit code (an officer approves)',
    auth: ['resident'],
    body: src.ClaimBody,
    successStatus: 201,
    response: src.ClaimView,
  },
  myClaims: {
    method: 'GET',
    path: '/api/my/claims',
    service: 'sources',
    summary: "The signed-in user's claims",
    auth: ['resident'],
    successStatus: 200,
    response: src.ClaimList,
  },

  searchSources: {
    method: 'GET',
    path: '/api/sources',
    service: 'sources',
    summary: 'Search the registry by street, level, tag, name prefix or credit code (paginated)',
    auth: OFFICER_ROLES,
    query: src.SourceSearchQuery,
    successStatus: 200,
    response: src.SourcePage,
  },
  createSource: {
    method: 'POST',
    path: '/api/sources',
    service: 'sources',
    summary: 'Register a source (credit codes are unique)',
    auth: OFFICER_ROLES,
    body: src.SourceInput,
    successStatus: 201,
    response: src.OfficerSourceView,
  },
  createImportUpload: {
    method: 'POST',
    path: '/api/sources/imports/uploads',
    service: 'sourceFiles',
    summary: 'A short-lived presigned upload for one CSV or XLSX list of sources',
    auth: ['bureau_officer'],
    body: src.CreateImportUploadBody,
    successStatus: 201,
    response: s.UploadTicket,
  },
  importSources: {
    method: 'POST',
    path: '/api/sources/imports',
    service: 'sourceFiles',
    summary: 'Start importing an uploaded list (dry run by default; updates by credit code); runs in the background',
    auth: ['bureau_officer'],
    body: src.StartImportBody,
    successStatus: 202,
    response: src.ImportJobView,
  },
  listImports: {
    method: 'GET',
    path: '/api/sources/imports',
    service: 'sourceFiles',
    summary: "The district's recent imports, newest first (reports without their error rows)",
    auth: ['bureau_officer'],
    successStatus: 200,
    response: src.ImportJobList,
  },
  importTemplate: {
    method: 'GET',
    path: '/api/sources/imports/template',
    service: 'sourceFiles',
    summary: 'A short-lived download link to the import template (XLSX: header, an example row, instructions)',
    auth: ['bureau_officer'],
    successStatus: 200,
    response: src.ImportTemplateLink,
  },
  getImport: {
    method: 'GET',
    path: '/api/sources/imports/{id}',
    service: 'sourceFiles',
    summary: "An import's progress and report",
    auth: ['bureau_officer'],
    params: src.ImportJobParams,
    successStatus: 200,
    response: src.ImportJobView,
  },
  getSource: {
    method: 'GET',
    path: '/api/sources/{id}',
    service: 'sources',
    summary: 'A source with its score explanation, rectifications and operators',
    auth: OFFICER_ROLES,
    params: src.SourceIdParams,
    successStatus: 200,
    response: src.OfficerSourceView,
  },
  updateSource: {
    method: 'PATCH',
    path: '/api/sources/{id}',
    service: 'sources',
    summary: "Change a source's attributes or tags",
    auth: OFFICER_ROLES,
    params: src.SourceIdParams,
    body: src.SourcePatch,
    successStatus: 200,
    response: src.OfficerSourceView,
  },
  sourceTimeline: {
    method: 'GET',
    path: '/api/sources/{id}/timeline',
    service: 'sources',
    summary: "The source's timeline (its digital twin), newest first",
    auth: OFFICER_ROLES,
    params: src.SourceIdParams,
    query: src.TimelineQuery,
    successStatus: 200,
    response: src.TimelinePage,
  },
  sourcePoster: {
    method: 'GET',
    path: '/api/sources/{id}/poster',
    service: 'sourceFiles',
    summary: 'The printable eco-code poster (SVG)',
    auth: OFFICER_ROLES,
    params: src.SourceIdParams,
    successStatus: 200,
    response: src.PosterDocument,
    produces: 'image/svg+xml',
  },
  inspectSource: {
    method: 'POST',
    path: '/api/sources/{id}/inspections',
    service: 'sources',
    summary: 'Record an inspection; failed items open rectification orders (idempotent)',
    auth: OFFICER_ROLES,
    params: src.SourceIdParams,
    body: src.InspectionBody,
    idempotent: true,
    successStatus: 201,
    response: src.OfficerSourceView,
  },
  decideEvidence: {
    method: 'POST',
    path: '/api/sources/{id}/rectifications/{rectificationId}/decision',
    service: 'sources',
    summary: "Accept or reject an operator's rectification evidence",
    auth: OFFICER_ROLES,
    params: src.RectificationParams,
    body: src.EvidenceDecisionBody,
    successStatus: 200,
    response: src.OfficerSourceView,
  },
  recordSourceEvent: {
    method: 'POST',
    path: '/api/sources/{id}/records',
    service: 'sources',
    summary: 'Record a penalty, permit or incident (idempotent)',
    auth: OFFICER_ROLES,
    params: src.SourceIdParams,
    body: src.RecordBody,
    idempotent: true,
    successStatus: 201,
    response: src.OfficerSourceView,
  },
  linkComplaint: {
    method: 'POST',
    path: '/api/sources/{id}/complaints',
    service: 'sources',
    summary: 'Link a complaint to the source it is about',
    auth: OFFICER_ROLES,
    params: src.SourceIdParams,
    body: src.LinkComplaintBody,
    successStatus: 201,
    response: src.OfficerSourceView,
  },
  linkOperator: {
    method: 'POST',
    path: '/api/sources/{id}/operators',
    service: 'identity',
    summary: 'Link an operator account (by phone; registered if new) to the source. Served by identity, which alone may resolve phone numbers',
    auth: OFFICER_ROLES,
    params: src.SourceIdParams,
    body: src.LinkOperatorBody,
    successStatus: 201,
    response: src.OperatorLinkResponse,
  },
  unlinkOperator: {
    method: 'DELETE',
    path: '/api/sources/{id}/operators/{userId}',
    service: 'sources',
    summary: 'Unlink an operator account from the source (staff changes, a claim approved in error)',
    auth: OFFICER_ROLES,
    params: src.OperatorParams,
    successStatus: 200,
    response: src.OfficerSourceView,
  },
  complaintSourceMatches: {
    method: 'GET',
    path: '/api/complaints/{id}/source-matches',
    service: 'sources',
    summary: 'Sources a complaint is probably about, by location and name',
    auth: OFFICER_ROLES,
    params: src.ComplaintIdParams,
    successStatus: 200,
    response: src.SourceMatchList,
  },
  listClaims: {
    method: 'GET',
    path: '/api/claims',
    service: 'sources',
    summary: "Pending claims in the officer's street (the district for the bureau)",
    auth: OFFICER_ROLES,
    successStatus: 200,
    response: src.ClaimList,
  },
  decideClaim: {
    method: 'POST',
    path: '/api/claims/{id}/decision',
    service: 'sources',
    summary: 'Approve or reject a claim',
    auth: OFFICER_ROLES,
    params: src.ClaimParams,
    body: src.ClaimDecisionBody,
    successStatus: 200,
    response: src.ClaimView,
  },
  sourceWarnings: {
    method: 'GET',
    path: '/api/warnings',
    service: 'sources',
    summary: "Sources with early warnings in the officer's street (the district for the bureau)",
    auth: OFFICER_ROLES,
    query: src.WarningQuery,
    successStatus: 200,
    response: src.SourcePage,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof ROUTES;

export function routeKey(route: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export function routesOf(service: Service): Array<[RouteId, RouteSpec]> {
  return (Object.entries(ROUTES) as Array<[RouteId, RouteSpec]>).filter(([, route]) => route.service === service);
}

/** Matches a concrete path against the table as API Gateway does: literal segments win over {params}. */
export function matchRoute(
  method: string,
  path: string,
):
  | { kind: 'match'; id: RouteId; route: RouteSpec; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' } {
  const segments = path.split('/').filter(Boolean);
  const candidates: Array<{ id: RouteId; route: RouteSpec; params: Record<string, string>; literals: number }> = [];
  for (const [id, route] of Object.entries(ROUTES) as Array<[RouteId, RouteSpec]>) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const matches = pattern.every((part, i) => {
      if (part.startsWith('{') && part.endsWith('}')) {
        params[part.slice(1, -1)] = decodeURIComponent(segments[i]);
        return true;
      }
      literals++;
      return part === segments[i];
    });
    if (matches) candidates.push({ id, route, params, literals });
  }
  if (candidates.length === 0) return { kind: 'not-found' };
  const forMethod = candidates.filter((c) => c.route.method === method).sort((a, b) => b.literals - a.literals);
  if (forMethod.length === 0) return { kind: 'method-not-allowed', allowed: [...new Set(candidates.map((c) => c.route.method))] };
  const best = forMethod[0];
  return { kind: 'match', id: best.id, route: best.route, pathParameters: best.params };
}
