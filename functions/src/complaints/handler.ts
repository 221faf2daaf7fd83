import { createHttpHandler, type HttpHandler } from '../lib/http';
import { apiDepsFromEnv, lazy, type ApiDeps } from '../lib/runtime';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import type { ObjectStore } from './object-store';
import { ComplaintRepository } from './repository';
import { ComplaintService } from './service';
import { TableUserDirectory } from './user-directory';

export interface ComplaintDeps extends ApiDeps {
  objects: ObjectStore;
}

export function createComplaintService(deps: Omit<ComplaintDeps, 'verificationKeys'>): ComplaintService {
  return new ComplaintService(
    new ComplaintRepository(deps.db, deps.tableName),
    deps.objects,
    new TableUserDirectory(deps.db, deps.tableName),
    deps.clock,
    deps.district,
  );
}

export function createComplaintsHandler(deps: ComplaintDeps): HttpHandler {
  const service = createComplaintService(deps);
  return createHttpHandler(
    'complaints',
    {
      createUpload: ({ principal, body }) => service.createUpload(principal, body),
      submitComplaint: ({ principal, body, idempotencyKey, logger }) => service.submit(principal, body, idempotencyKey, logger),
      myComplaints: ({ principal, query }) => service.mine(principal, query.cursor),
      queue: ({ principal, query }) => service.queue(principal, query),
      getComplaint: ({ principal, params }) => service.get(principal, params.id),
      transitionComplaint: ({ principal, params, body }) => service.officerTransition(principal, params.id, body),
      rateComplaint: ({ principal, params, body }) => service.rate(principal, params.id, body),
      reopenComplaint: ({ principal, params, body }) => service.reopen(principal, params.id, body),
    },
    deps,
  );
}

export const handler = lazy(() => createComplaintsHandler({ ...apiDepsFromEnv('complaints'), objects: objectStoreFromEnv() }));
