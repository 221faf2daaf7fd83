/**
 * The route table: the one list of HTTP routes, the endpoint table (./endpoints) with each route's
 * zod schemas. The CDK app turns it into API Gateway routes and Lambda integrations, the local
 * gateway routes with it, each function dispatches and validates with it, and the OpenAPI document
 * is generated from it.
 */
import type { z } from 'zod/mini';
import { type Endpoint, ENDPOINTS, type RouteId, type Service } from './endpoints';
import * as s from './schemas';
import * as src from './source-schemas';
import * as co from './cogov-schemas';
import * as stats from './statistics-schemas';

export { OFFICER_ROLES, type RouteId, routeKey, SERVICES, type Service } from './endpoints';

/** What a route takes and answers, validated by its function and documented in the OpenAPI document. */
interface RouteSchemas {
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  response: z.ZodMiniType;
}

export interface RouteSpec extends Endpoint, RouteSchemas {}

/** Exactly one entry per endpoint: the compiler refuses a missing or an unknown route id. */
const SCHEMAS = {
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
  requestOtp: {
    body: s.RequestOtpBody,
    response: s.RequestOtpResponse,
  },
  verifyOtp: {
    body: s.VerifyOtpBody,
    response: s.TokenResponse,
  },
  signInWithWechat: {
    body: s.WechatSignInBody,
    response: s.TokenResponse,
  },
  refreshToken: {
    body: s.RefreshBody,
    response: s.TokenResponse,
  },
  signOut: {
    body: s.RefreshBody,
    response: s.SignOutResponse,
  },
  me: {
    response: s.UserView,
  },
  provisionOfficer: {
    body: s.ProvisionOfficerBody,
    response: s.UserView,
  },
  listOfficers: {
    query: s.OfficerListQuery,
    response: s.OfficerListResponse,
  },
  createUpload: {
    body: s.CreateUploadBody,
    response: s.UploadTicket,
  },
  submitComplaint: {
    body: s.SubmitComplaintBody,
    response: s.ComplaintDetail,
  },
  myComplaints: {
    query: s.MyComplaintsQuery,
    response: s.ComplaintPage,
  },
  queue: {
    query: s.QueueQuery,
    response: s.ComplaintPage,
  },
  queueSummary: {
    query: s.StreetQuery,
    response: s.QueueSummary,
  },
  findComplaint: {
    params: s.TrackingNumberParams,
    response: s.ComplaintView,
  },
  getComplaint: {
    params: s.ComplaintIdParams,
    response: s.ComplaintDetail,
  },
  transitionComplaint: {
    params: s.ComplaintIdParams,
    body: s.TransitionBody,
    response: s.ComplaintDetail,
  },
  rateComplaint: {
    params: s.ComplaintIdParams,
    body: s.RateBody,
    response: s.ComplaintDetail,
  },
  reopenComplaint: {
    params: s.ComplaintIdParams,
    body: s.ReopenBody,
    response: s.ComplaintDetail,
  },
  listNotifications: {
    response: s.NotificationList,
  },
  markNotificationsRead: {
    body: s.MarkReadBody,
    response: s.MarkReadResponse,
  },
  recordSubscriptions: {
    body: co.SubscriptionsBody,
    response: co.SubscriptionsResponse,
  },
  ecoProfile: {
    params: src.EcoCodeParams,
    response: src.PublicSourceProfile,
  },
  mySources: {
    response: src.OperatorSourceList,
  },
  mySource: {
    params: src.SourceIdParams,
    response: src.OperatorSourceView,
  },
  submitEvidence: {
    params: src.RectificationParams,
    body: src.EvidenceBody,
    response: src.OperatorSourceView,
  },
  claimSource: {
    body: src.ClaimBody,
    response: src.ClaimView,
  },
  myClaims: {
    response: src.ClaimList,
  },
  searchSources: {
    query: src.SourceSearchQuery,
    response: src.SourcePage,
  },
  createSource: {
    body: src.SourceInput,
    response: src.OfficerSourceView,
  },
  createImportUpload: {
    body: src.CreateImportUploadBody,
    response: s.UploadTicket,
  },
  importSources: {
    body: src.StartImportBody,
    response: src.ImportJobView,
  },
  listImports: {
    response: src.ImportJobList,
  },
  importTemplate: {
    response: src.ImportTemplateLink,
  },
  getImport: {
    params: src.ImportJobParams,
    response: src.ImportJobView,
  },
  restartImport: {
    params: src.ImportJobParams,
    response: src.ImportJobView,
  },
  getSource: {
    params: src.SourceIdParams,
    response: src.OfficerSourceView,
  },
  updateSource: {
    params: src.SourceIdParams,
    body: src.SourcePatch,
    response: src.OfficerSourceView,
  },
  sourceTimeline: {
    params: src.SourceIdParams,
    query: src.TimelineQuery,
    response: src.TimelinePage,
  },
  sourcePoster: {
    params: src.SourceIdParams,
    response: src.PosterDocument,
  },
  myPoster: {
    params: src.SourceIdParams,
    response: src.PosterDocument,
  },
  inspectSource: {
    params: src.SourceIdParams,
    body: src.InspectionBody,
    response: src.OfficerSourceView,
  },
  decideEvidence: {
    params: src.RectificationParams,
    body: src.EvidenceDecisionBody,
    response: src.OfficerSourceView,
  },
  recordSourceEvent: {
    params: src.SourceIdParams,
    body: src.RecordBody,
    response: src.OfficerSourceView,
  },
  linkComplaint: {
    params: src.SourceIdParams,
    body: src.LinkComplaintBody,
    response: src.OfficerSourceView,
  },
  linkOperator: {
    params: src.SourceIdParams,
    body: src.LinkOperatorBody,
    response: src.OperatorLinkResponse,
  },
  unlinkOperator: {
    params: src.OperatorParams,
    response: src.OfficerSourceView,
  },
  complaintSourceMatches: {
    params: s.ComplaintIdParams,
    response: src.SourceMatchList,
  },
  listClaims: {
    response: src.ClaimList,
  },
  decideClaim: {
    params: src.ClaimParams,
    body: src.ClaimDecisionBody,
    response: src.ClaimView,
  },
  sourceWarnings: {
    query: src.WarningQuery,
    response: src.SourcePage,
  },
  pendingDecisions: {
    query: src.WarningQuery,
    response: src.DecisionPage,
  },
  decisionsSummary: {
    query: s.StreetQuery,
    response: src.DecisionsSummary,
  },
  raiseJointInspection: {
    body: co.RaiseJointInspectionBody,
    response: co.JointInspectionDetail,
  },
  listJointInspections: {
    query: co.JointInspectionListQuery,
    response: co.JointInspectionPage,
  },
  getJointInspection: {
    params: co.JointInspectionParams,
    response: co.JointInspectionDetail,
  },
  stepJointInspection: {
    params: co.JointInspectionParams,
    body: co.JointStepBody,
    response: co.JointInspectionDetail,
  },
  commentJointInspection: {
    params: co.JointInspectionParams,
    body: co.JointCommentBody,
    response: co.JointInspectionDetail,
  },
  inspectForJointInspection: {
    params: co.JointInspectionParams,
    body: co.JointInspectionVisitBody,
    response: co.JointInspectionDetail,
  },
  applyVolunteer: {
    body: co.VolunteerApplyBody,
    response: co.VolunteerView,
  },
  myVolunteering: {
    response: co.VolunteerView,
  },
  volunteerTasks: {
    query: co.VolunteerTasksQuery,
    response: co.PatrolTaskPage,
  },
  volunteerTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  claimTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  releaseTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  checkInTask: {
    params: co.TaskParams,
    body: co.CheckInBody,
    response: co.PatrolTaskView,
  },
  checkOutTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  submitObservation: {
    body: co.ObservationBody,
    response: co.ObservationView,
  },
  myObservations: {
    query: co.MyObservationsQuery,
    response: co.ObservationPage,
  },
  volunteerSource: {
    params: co.SourceParams,
    response: co.VolunteerSourceView,
  },
  reviewableComplaints: {
    query: co.VolunteerComplaintQuery,
    response: co.VolunteerComplaintPage,
  },
  submitReview: {
    body: co.ReviewBody,
    response: co.ReviewView,
  },
  myReviews: {
    query: co.MyObservationsQuery,
    response: co.ReviewPage,
  },
  myServiceRecord: {
    query: co.MonthQuery,
    response: co.ServiceRecordView,
  },
  streetGuide: {
    response: co.StreetGuideView,
  },
  listVolunteers: {
    query: co.VolunteerListQuery,
    response: co.VolunteerPage,
  },
  decideVolunteer: {
    params: co.UserIdParams,
    body: co.VolunteerDecisionBody,
    response: co.VolunteerView,
  },
  thankVolunteer: {
    params: co.UserIdParams,
    body: co.ThanksBody,
    response: co.ServiceRecordView,
  },
  volunteerServiceRecord: {
    params: co.UserIdParams,
    query: co.MonthQuery,
    response: co.ServiceRecordView,
  },
  publishPatrolTask: {
    body: co.PatrolTaskBody,
    response: co.PatrolTaskView,
  },
  listPatrolTasks: {
    query: co.PatrolTaskListQuery,
    response: co.PatrolTaskPage,
  },
  getPatrolTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  cancelPatrolTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  listObservations: {
    query: co.ObservationListQuery,
    response: co.ObservationPage,
  },
  getObservation: {
    params: co.ObservationParams,
    response: co.ObservationView,
  },
  triageObservation: {
    params: co.ObservationParams,
    body: co.TriageBody,
    response: co.ObservationView,
  },
  listInspectionTasks: {
    query: co.StreetPageQuery,
    response: co.InspectionTaskPage,
  },
  listReviews: {
    query: co.ReviewListQuery,
    response: co.ReviewPage,
  },
  answerReview: {
    params: co.ReviewParams,
    body: co.ReviewAnswerBody,
    response: co.ReviewView,
  },
  streetDesk: {
    query: co.StreetDeskQuery,
    response: co.StreetDeskView,
  },

  // ── Statistics (issue 12) ──
  complaintStatistics: {
    query: stats.ComplaintStatisticsQuery,
    response: stats.ComplaintStatisticsView,
  },
  publicComplaintStatistics: {
    query: stats.PublicComplaintStatisticsQuery,
    response: stats.PublicComplaintStatisticsView,
  },
} as const satisfies { [Id in RouteId]: RouteSchemas };

type Routes = { [Id in RouteId]: (typeof ENDPOINTS)[Id] & (typeof SCHEMAS)[Id] };

/** In the endpoint table's order (the OpenAPI document lists paths in it). */
export const ROUTES = Object.fromEntries((Object.keys(ENDPOINTS) as RouteId[]).map((id) => [id, { ...ENDPOINTS[id], ...SCHEMAS[id] }])) as Routes;

export function routesOf(service: Service): Array<[RouteId, RouteSpec]> {
  return (Object.entries(ROUTES) as Array<[RouteId, RouteSpec]>).filter(([, route]) => route.service === service);
}

/**
 * A request path as API Gateway (HTTP API) routes it: percent-decoded once, so `%2F` separates
 * segments and parameters arrive decoded (`rawPath` and `pathParameters` of the event are decoded
 * too). A path with a malformed escape (`%`, `%E0%A4%A`) cannot be decoded and is kept as sent:
 * it still routes by its segments, and the route's parameter schema or lookup refuses it.
 */
export function requestPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Each route's path split into segments once: a {param} segment names the parameter, any other is literal. */
const PATTERNS = (Object.entries(ROUTES) as Array<[RouteId, RouteSpec]>).map(([id, route]) => ({
  id,
  route,
  segments: route.path
    .split('/')
    .filter(Boolean)
    .map((part): { param: string } | { literal: string } => (part.startsWith('{') && part.endsWith('}') ? { param: part.slice(1, -1) } : { literal: part })),
}));

/**
 * Matches a decoded path (see `requestPath`) against the table as API Gateway does: literal
 * segments win over {params}. Never throws: whatever the path holds, the answer is a match, 404 or 405.
 */
export function matchRoute(
  method: string,
  path: string,
):
  | { kind: 'match'; id: RouteId; route: RouteSpec; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' } {
  const segments = path.split('/').filter(Boolean);
  const candidates: Array<{ id: RouteId; route: RouteSpec; params: Record<string, string>; literals: number }> = [];
  for (const { id, route, segments: pattern } of PATTERNS) {
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const matches = pattern.every((part, i) => {
      if ('param' in part) {
        params[part.param] = segments[i];
        return true;
      }
      literals++;
      return part.literal === segments[i];
    });
    if (matches) candidates.push({ id, route, params, literals });
  }
  if (candidates.length === 0) return { kind: 'not-found' };
  const forMethod = candidates.filter((c) => c.route.method === method).sort((a, b) => b.literals - a.literals);
  if (forMethod.length === 0) return { kind: 'method-not-allowed', allowed: [...new Set(candidates.map((c) => c.route.method))] };
  const best = forMethod[0];
  return { kind: 'match', id: best.id, route: best.route, pathParameters: best.params };
}
