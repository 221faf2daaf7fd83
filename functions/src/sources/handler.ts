import { createHttpHandler, type HttpHandler } from '../lib/http';
import { apiDepsFromEnv, lazy, type ApiDeps } from '../store/runtime';
import type { ObjectStore } from '../lib/object-store';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import { PhotoAttachments } from '../lib/photo-attachments';
import { TableUserDirectory } from '../store/user-directory';
import { ComplaintLinks } from './complaint-links';
import { ecoCodeKeyFromEnv, type EcoCodeKey } from './eco-code-signer';
import { SourceRepository } from './repository';
import { ScoreProjector } from './scoring-projection';
import { SourceService } from './service';

export interface SourceDeps extends ApiDeps {
  objects: ObjectStore;
  ecoCodeKey: EcoCodeKey;
}

export function createSourceService(deps: Omit<SourceDeps, 'verificationKeys'>): SourceService {
  const repo = new SourceRepository(deps.db, deps.tableName);
  return new SourceService(
    repo,
    new ScoreProjector(repo, deps.clock),
    new PhotoAttachments(deps.objects),
    new ComplaintLinks(deps.db, deps.tableName, repo),
    new TableUserDirectory(deps.db, deps.tableName),
    deps.ecoCodeKey,
    deps.clock,
    deps.district,
  );
}

export function createSourcesHandler(deps: SourceDeps): HttpHandler {
  const service = createSourceService(deps);
  return createHttpHandler(
    'sources',
    {
      ecoProfile: ({ params }) => service.publicProfile(params.code),
      mySources: ({ principal }) => service.mySources(principal),
      mySource: ({ principal, params }) => service.mySource(principal, params.id),
      submitEvidence: ({ principal, params, body }) => service.submitEvidence(principal, params.id, params.rectificationId, body),
      claimSource: ({ principal, body }) => service.claim(principal, body),
      myClaims: ({ principal }) => service.myClaims(principal),
      searchSources: ({ principal, query }) => service.search(principal, query),
      createSource: ({ principal, body }) => service.create(principal, body),
      getSource: ({ principal, params }) => service.get(principal, params.id),
      updateSource: ({ principal, params, body }) => service.update(principal, params.id, body),
      sourceTimeline: ({ principal, params, query }) => service.timeline(principal, params.id, query.cursor),
      inspectSource: ({ principal, params, body, idempotencyKey }) => service.inspect(principal, params.id, body, idempotencyKey),
      decideEvidence: ({ principal, params, body }) => service.decideEvidence(principal, params.id, params.rectificationId, body),
      recordSourceEvent: ({ principal, params, body, idempotencyKey }) => service.record(principal, params.id, body, idempotencyKey),
      linkComplaint: ({ principal, params, body }) => service.linkComplaint(principal, params.id, body),
      unlinkOperator: ({ principal, params }) => service.unlinkOperator(principal, params.id, params.userId),
      complaintSourceMatches: ({ principal, params }) => service.matchesFor(principal, params.id),
      listClaims: ({ principal }) => service.claims(principal),
      decideClaim: ({ principal, params, body }) => service.decideClaim(principal, params.id, body),
      sourceWarnings: ({ principal, query }) => service.warnings(principal, query),
    },
    deps,
  );
}

export const handler = lazy(() => createSourcesHandler({ ...apiDepsFromEnv('sources'), objects: objectStoreFromEnv(), ecoCodeKey: ecoCodeKeyFromEnv() }));
