/**
 * The registry's use cases built once over their stores and ports, apart from the function's handler
 * (handler.ts) so that a function composed of the registry and another context (entries/) builds
 * them without the handler's own surroundings (its eco-code key from Secrets Manager, its S3 client).
 */
import type { ObjectStore } from '../lib/object-store';
import { PhotoAttachments } from '../lib/photo-attachments';
import { IdempotencyStore } from '../store/idempotency';
import type { ApiDeps, EdgeDeps } from '../store/runtime';
import { TableUserDirectory } from '../store/user-directory';
import { ClaimRepository } from './claim-repository';
import { ClaimService } from './claim-service';
import { ComplaintLinks } from './complaint-links';
import { ComplaintMatchService } from './complaint-match-service';
import type { SourceContext, SourceWorkContext } from './context';
import type { EcoCodeKey } from './eco-code-signer';
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

/** What the work on one source needs (see `SourceWorkContext`). */
function workContext(deps: Omit<SourceDeps, keyof EdgeDeps>): SourceWorkContext {
  return {
    sources: new SourceRepository(deps.db, deps.tableName),
    idempotency: new IdempotencyStore(deps.db, deps.tableName),
    projector: new ScoreProjector(deps.db, deps.tableName, deps.clock),
    photos: new PhotoAttachments(deps.objects),
    users: new TableUserDirectory(deps.db, deps.tableName),
    ecoCodeKey: deps.ecoCodeKey,
    clock: deps.clock,
    district: deps.district,
  };
}

/** Inspections, evidence decisions and records alone (a function composed of the registry and another context needs no more). */
export function createInspectionService(deps: Omit<SourceDeps, keyof EdgeDeps>): InspectionService {
  return new InspectionService(workContext(deps));
}

/** The registry's use cases, grouped as the routes are: public and operators, registry, inspections, complaints, claims. */
export function createSourceServices(deps: Omit<SourceDeps, keyof EdgeDeps>) {
  const work = workContext(deps);
  const operatorLinks = new OperatorLinkRepository(deps.db, deps.tableName);
  const context: SourceContext = {
    ...work,
    lists: new SourceLists(deps.db, deps.tableName, work.sources),
    candidates: new MatchCandidates(deps.db, deps.tableName),
    claims: new ClaimRepository(deps.db, deps.tableName, operatorLinks),
    operatorLinks,
    complaints: new ComplaintLinks(deps.db, deps.tableName),
  };
  return {
    operators: new OperatorService(context),
    registry: new RegistryService(context),
    inspections: new InspectionService(context),
    complaints: new ComplaintMatchService(context),
    claims: new ClaimService(context),
  };
}
