/** The complaints function's routes: its endpoints with their schemas (see ../routes.ts). */
import { COMPLAINTS_ENDPOINTS } from '../endpoints/complaints';
import { withSchemas } from '../route-spec';
import * as s from '../schemas';
import * as stats from '../statistics-schemas';

export const COMPLAINTS_ROUTES = /* @__PURE__ */ withSchemas(COMPLAINTS_ENDPOINTS, {
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

  // ── Statistics (issue 12) ──
  complaintStatistics: {
    query: stats.ComplaintStatisticsQuery,
    response: stats.ComplaintStatisticsView,
  },
  publicComplaintStatistics: {
    query: stats.PublicComplaintStatisticsQuery,
    response: stats.PublicComplaintStatisticsView,
  },
});
