import { COMPLAINTS_ROUTES } from '@green-shield/shared/api/routes/complaints';
import { createHttpHandler, type HttpHandler } from '../lib/http';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import { apiDepsFromEnv, lazy } from '../store/runtime';
import { ComplaintCounterStore } from './statistics/counter-store';
import { ComplaintStatisticsService } from './statistics/service';
import { type ComplaintDeps, createComplaintService } from './compose';

export function createComplaintsHandler(deps: ComplaintDeps): HttpHandler {
  const service = createComplaintService(deps);
  const statistics = new ComplaintStatisticsService(new ComplaintCounterStore(deps.db, deps.tableName, deps.district.code), deps.clock, deps.district);
  return createHttpHandler(
    COMPLAINTS_ROUTES,
    {
      createUpload: ({ principal, body }) => service.createUpload(principal, body),
      submitComplaint: ({ principal, body, idempotencyKey, logger }) => service.submit(principal, body, idempotencyKey, logger),
      myComplaints: ({ principal, query }) => service.mine(principal, query.cursor),
      queue: ({ principal, query }) => service.queue(principal, query),
      queueSummary: ({ principal, query }) => service.queueSummary(principal, query),
      findComplaint: ({ principal, params }) => service.findByTrackingNumber(principal, params.trackingNumber),
      getComplaint: ({ principal, params }) => service.get(principal, params.id),
      transitionComplaint: ({ principal, params, body }) => service.officerTransition(principal, params.id, body),
      rateComplaint: ({ principal, params, body }) => service.rate(principal, params.id, body),
      reopenComplaint: ({ principal, params, body }) => service.reopen(principal, params.id, body),
      complaintStatistics: ({ principal, query }) => statistics.forOfficer(principal, query),
      publicComplaintStatistics: ({ query }) => statistics.forPublic(query),
    },
    deps,
  );
}

export const handler = /* @__PURE__ */ lazy(() => createComplaintsHandler({ ...apiDepsFromEnv('complaints'), objects: objectStoreFromEnv() }));
