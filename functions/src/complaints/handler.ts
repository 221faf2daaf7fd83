import { COMPLAINTS_ROUTES } from '@green-shield/shared/api/routes/complaints';
import { createHttpHandler, type HttpHandler } from '../lib/http';
import type { ObjectStore } from '../lib/object-store';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import { IdempotencyStore } from '../store/idempotency';
import { apiDepsFromEnv, lazy, type ApiDeps, type EdgeDeps } from '../store/runtime';
import { TableUserDirectory } from '../store/user-directory';
import { ComplaintRepository } from './repository';
import { ComplaintService } from './service';

export interface ComplaintDeps extends ApiDeps {
  objects: ObjectStore;
}

export function createComplaintService({ db, tableName, objects, clock, district }: Omit<ComplaintDeps, keyof EdgeDeps>): ComplaintService {
  return new ComplaintService(
    new ComplaintRepository(db, tableName),
    new IdempotencyStore(db, tableName),
    objects,
    new TableUserDirectory(db, tableName),
    clock,
    district,
  );
}

export function createComplaintsHandler(deps: ComplaintDeps): HttpHandler {
  const service = createComplaintService(deps);
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
    },
    deps,
  );
}

export const handler = /* @__PURE__ */ lazy(() => createComplaintsHandler({ ...apiDepsFromEnv('complaints'), objects: objectStoreFromEnv() }));
