/**
 * The complaint service over its table and object-store adapters: composed here, apart from the
 * HTTP handler, so functions that file complaints (co-governance's) carry the service without the
 * complaints function's routes.
 */
import type { ObjectStore } from '../lib/object-store';
import { IdempotencyStore } from '../store/idempotency';
import type { ApiDeps, EdgeDeps } from '../store/runtime';
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
