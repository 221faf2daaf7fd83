/**
 * The co-governance function's routes, one line each. Its ports to the registry and complaints are
 * provided by `entries/cogov.ts`, which composes the function.
 */
import { createHttpHandler, type HttpHandler } from '../lib/http';
import type { ObjectStore } from '../lib/object-store';
import { PhotoAttachments } from '../lib/photo-attachments';
import { IdempotencyStore } from '../store/idempotency';
import type { ApiDeps, EdgeDeps } from '../store/runtime';
import { TableUserDirectory } from '../store/user-directory';
import { JointInspectionRepository } from './joint-inspection-repository';
import { JointInspectionService } from './joint-inspection-service';
import type { ComplaintDesk, SourceDesk } from './ports';

export interface CogovDeps extends ApiDeps {
  objects: ObjectStore;
  sources: SourceDesk;
  complaints: ComplaintDesk;
}

export function createCogovServices(deps: Omit<CogovDeps, keyof EdgeDeps | 'logger'>) {
  const { db, tableName } = deps;
  return {
    joint: new JointInspectionService({
      repo: new JointInspectionRepository(db, tableName),
      idempotency: new IdempotencyStore(db, tableName),
      photos: new PhotoAttachments(deps.objects),
      users: new TableUserDirectory(db, tableName),
      sources: deps.sources,
      complaints: deps.complaints,
      clock: deps.clock,
      district: deps.district,
    }),
  };
}

export function createCogovHandler(deps: CogovDeps): HttpHandler {
  const { joint } = createCogovServices(deps);
  return createHttpHandler(
    'cogov',
    {
      raiseJointInspection: ({ principal, body, idempotencyKey }) => joint.raise(principal, body, idempotencyKey),
      listJointInspections: ({ principal, query }) => joint.list(principal, query),
      getJointInspection: ({ principal, params }) => joint.get(principal, params.id),
      stepJointInspection: ({ principal, params, body }) => joint.step(principal, params.id, body),
      commentJointInspection: ({ principal, params, body }) => joint.comment(principal, params.id, body),
      inspectForJointInspection: ({ principal, params, body, idempotencyKey }) => joint.inspect(principal, params.id, body, idempotencyKey),
    },
    deps,
  );
}
