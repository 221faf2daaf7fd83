import { createHttpHandler, type HttpHandler } from '../lib/http';
import { apiDepsFromEnv, lazy, type ApiDeps, type EdgeDeps } from '../store/runtime';
import type { ObjectStore } from '../lib/object-store';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import { PhotoAttachments } from '../lib/photo-attachments';
import { TableUserDirectory } from '../store/user-directory';
import { IdempotencyStore } from '../store/idempotency';
import { ClaimRepository } from './claim-repository';
import { ClaimService } from './claim-service';
import { ComplaintLinks } from './complaint-links';
import { ComplaintMatchService } from './complaint-match-service';
import type { SourceContext } from './context';
import { ecoCodeKeyFromEnv, type EcoCodeKey } from './eco-code-signer';
import { InspectionService } from './inspection-service';
import { MatchCandidates } from './match-candidates';
import { OperatorLinkRepository } from './operator-link-repository';
import { OperatorService } from './operator-service';
import { RegistryService } from './registry-service';
import { SourceRepository } from './repository';
import { ScoreProjector } from './score-projection';
import { SourceLists } from './source-lists';

export interface SourceDeps extends ApiDeps {
  objects: ObjectStore;
  ecoCodeKey: EcoCodeKey;
}

/** The registry's use cases, grouped as the routes are: public and operators, registry, inspections, complaints, claims. */
export function createSourceServices(deps: Omit<SourceDeps, keyof EdgeDeps>) {
  const sources = new SourceRepository(deps.db, deps.tableName);
  const operatorLinks = new OperatorLinkRepository(deps.db, deps.tableName);
  const context: SourceContext = {
    sources,
    lists: new SourceLists(deps.db, deps.tableName, sources),
    candidates: new MatchCandidates(deps.db, deps.tableName),
    claims: new ClaimRepository(deps.db, deps.tableName, operatorLinks),
    operatorLinks,
    complaints: new ComplaintLinks(deps.db, deps.tableName),
    idempotency: new IdempotencyStore(deps.db, deps.tableName),
    projector: new ScoreProjector(deps.db, deps.tableName, deps.clock),
    photos: new PhotoAttachments(deps.objects),
    users: new TableUserDirectory(deps.db, deps.tableName),
    ecoCodeKey: deps.ecoCodeKey,
    clock: deps.clock,
    district: deps.district,
  };
  return {
    operators: new OperatorService(context),
    registry: new RegistryService(context),
    inspections: new InspectionService(context),
    complaints: new ComplaintMatchService(context),
    claims: new ClaimService(context),
  };
}

export function createSourcesHandler(deps: SourceDeps): HttpHandler {
  const { operators, registry, inspections, complaints, claims } = createSourceServices(deps);
  return createHttpHandler(
    'sources',
    {
      ecoProfile: ({ params }) => operators.publicProfile(params.code),
      mySources: ({ principal }) => operators.mySources(principal),
      mySource: ({ principal, params }) => operators.mySource(principal, params.id),
      submitEvidence: ({ principal, params, body }) => operators.submitEvidence(principal, params.id, params.rectificationId, body),
      claimSource: ({ principal, body }) => claims.claim(principal, body),
      myClaims: ({ principal }) => claims.myClaims(principal),
      searchSources: ({ principal, query }) => registry.search(principal, query),
      createSource: ({ principal, body }) => registry.create(principal, body),
      getSource: ({ principal, params }) => registry.get(principal, params.id),
      updateSource: ({ principal, params, body }) => registry.update(principal, params.id, body),
      sourceTimeline: ({ principal, params, query }) => registry.timeline(principal, params.id, query.cursor),
      inspectSource: ({ principal, params, body, idempotencyKey }) => inspections.inspect(principal, params.id, body, idempotencyKey),
      decideEvidence: ({ principal, params, body }) => inspections.decideEvidence(principal, params.id, params.rectificationId, body),
      recordSourceEvent: ({ principal, params, body, idempotencyKey }) => inspections.record(principal, params.id, body, idempotencyKey),
      linkComplaint: ({ principal, params, body }) => complaints.linkComplaint(principal, params.id, body),
      unlinkOperator: ({ principal, params }) => claims.unlinkOperator(principal, params.id, params.userId),
      complaintSourceMatches: ({ principal, params }) => complaints.matchesFor(principal, params.id),
      listClaims: ({ principal }) => claims.pendingClaims(principal),
      decideClaim: ({ principal, params, body }) => claims.decideClaim(principal, params.id, body),
      sourceWarnings: ({ principal, query }) => registry.warnings(principal, query),
      pendingDecisions: ({ principal, query }) => registry.pendingDecisions(principal, query),
      decisionsSummary: ({ principal, query }) => registry.decisionsSummary(principal, query),
    },
    deps,
  );
}

export const handler = lazy(() => createSourcesHandler({ ...apiDepsFromEnv('sources'), objects: objectStoreFromEnv(), ecoCodeKey: ecoCodeKeyFromEnv() }));
