/** The sources function's routes: its endpoints with their schemas (see ../routes.ts). */
import { SOURCES_ENDPOINTS } from '../endpoints/sources';
import { withSchemas } from '../route-spec';
import * as s from '../schemas';
import * as src from '../source-schemas';

export const SOURCES_ROUTES = /* @__PURE__ */ withSchemas(SOURCES_ENDPOINTS, {
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
});
