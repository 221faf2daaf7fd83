import { SOURCES_ROUTES } from '@green-shield/shared/api/routes/sources';
import { createHttpHandler, type HttpHandler } from '../lib/http';
import { apiDepsFromEnv, lazy } from '../store/runtime';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import { ecoCodeKeyFromEnv } from './eco-code-signer';
import { createSourceServices, type SourceDeps } from './services';

export function createSourcesHandler(deps: SourceDeps): HttpHandler {
  const { operators, registry, inspections, complaints, claims } = createSourceServices(deps);
  return createHttpHandler(
    SOURCES_ROUTES,
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

export const handler = /* @__PURE__ */ lazy(() =>
  createSourcesHandler({ ...apiDepsFromEnv('sources'), objects: objectStoreFromEnv(), ecoCodeKey: ecoCodeKeyFromEnv() }),
);
