/**
 * What every registry use case works with (its stores and ports) and the few helpers they share:
 * the acting officer, the collection an officer may act on, the views a write answers with, and
 * `written`, the collection as it stands after a write.
 */
import type { OfficerSourceViewT, OperatorSourceViewT } from '@green-shield/shared/api/source-schemas';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { decideRectificationStep, type RectificationAction, type RectificationActor } from '@green-shield/shared/sources/rectification-state-machine';
import type { PhotoAttachments } from '../lib/photo-attachments';
import type { UserDirectory } from '../store/user-directory';
import type { Clock } from '../lib/clock';
import { ApiError } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import type { IdempotencyStore } from '../store/idempotency';
import { officerScope, requireScope } from '../lib/officer-scope';
import type { ClaimRepository } from './claim-repository';
import type { ComplaintLinks } from './complaint-links';
import { signEcoCode, type EcoCodeKey } from './eco-code-signer';
import type { MatchCandidates } from './match-candidates';
import type { OperatorLinkRepository } from './operator-link-repository';
import type { RectificationRecord, SourceCollection, SourceEventRecord, SourceRecord } from './records';
import type { Actor } from './registration';
import type { SourceRepository } from './repository';
import type { ScoreProjector } from './score-projection';
import type { SourceLists } from './source-lists';
import { toOfficerSourceView, toOperatorSourceView } from './views';

export interface SourceContext {
  sources: SourceRepository;
  lists: SourceLists;
  candidates: MatchCandidates;
  claims: ClaimRepository;
  operatorLinks: OperatorLinkRepository;
  complaints: ComplaintLinks;
  idempotency: IdempotencyStore;
  projector: ScoreProjector;
  photos: PhotoAttachments;
  users: UserDirectory;
  ecoCodeKey: EcoCodeKey;
  clock: Clock;
  district: DistrictConfig;
}

/** What the work on one source's partition needs (inspections, decisions, records): the rest of the context serves lists and links. */
export type SourceWorkContext = Pick<SourceContext, 'sources' | 'idempotency' | 'projector' | 'photos' | 'users' | 'ecoCodeKey' | 'clock' | 'district'>;

export const sourceNotFound = () => new ApiError('SOURCE_NOT_FOUND', 'No such source');
export const conflict = () => new ApiError('VERSION_CONFLICT', 'Someone changed this meanwhile; reload and try again');

/** The officer acting, as timeline events name them. */
export async function actingOfficer(ctx: Pick<SourceContext, 'users'>, principal: Principal): Promise<Actor> {
  const user = await ctx.users.get(principal.userId);
  return { actorId: principal.userId, actorRole: 'officer', actorName: user?.name };
}

/** A source of this district in the officer's care, with its whole partition; 404 or 403 otherwise. */
export async function officerCollection(ctx: Pick<SourceContext, 'sources' | 'district'>, principal: Principal, id: string): Promise<SourceCollection> {
  const collection = await ctx.sources.getCollection(id);
  if (!collection || collection.source.districtCode !== ctx.district.code) throw sourceNotFound();
  requireScope(officerScope(principal), collection.source.streetCode);
  return collection;
}

/** The order a step acts on: it exists, the step is allowed from its status, and nobody changed it since the caller read it. */
export function orderForStep(
  collection: SourceCollection,
  rectificationId: string,
  step: { action: RectificationAction; actor: RectificationActor; expectedVersion: number },
): RectificationRecord {
  const rectification = collection.rectifications.find((r) => r.id === rectificationId);
  if (!rectification) throw new ApiError('NOT_FOUND', 'No such rectification item');
  const decided = decideRectificationStep(rectification.status, step.action, step.actor);
  if (!decided.ok) throw new ApiError(decided.refusal.code, decided.refusal.message);
  if (rectification.version !== step.expectedVersion) throw conflict();
  return rectification;
}

/** What showing a source needs: its live score, its signed eco-code, its photos. */
type ViewContext = Pick<SourceContext, 'ecoCodeKey' | 'photos' | 'projector' | 'clock'>;

/** What a view needs besides the collection: the live score, the eco-code, the time, the photos' URLs. */
async function viewInputs(ctx: ViewContext, collection: SourceCollection) {
  const [ecoCode, urls] = await Promise.all([
    ctx.ecoCodeKey().then((key) => signEcoCode(key, collection.source.id)),
    ctx.photos.urls(collection.rectifications.flatMap((r) => r.evidence.flatMap((e) => e.photoKeys))),
  ]);
  return { live: ctx.projector.live(collection), ecoCode, now: ctx.clock.now(), urls };
}

export async function officerView(ctx: ViewContext, collection: SourceCollection): Promise<OfficerSourceViewT> {
  const { live, ecoCode, now, urls } = await viewInputs(ctx, collection);
  return toOfficerSourceView(collection, live, ecoCode, now, urls);
}

export async function operatorView(ctx: ViewContext, collection: SourceCollection): Promise<OperatorSourceViewT> {
  const { live, ecoCode, now, urls } = await viewInputs(ctx, collection);
  return toOperatorSourceView(collection, live, ecoCode, now, urls);
}

/**
 * The collection as it stands after a successful write: what was read plus what was written, so a
 * write answers with its new view without reading the partition again.
 */
export function written(
  collection: SourceCollection,
  change: {
    source?: SourceRecord;
    events?: SourceEventRecord[];
    rectifications?: SourceCollection['rectifications'];
    operators?: SourceCollection['operators'];
  },
): SourceCollection {
  const replaced = new Map((change.rectifications ?? []).map((r) => [r.id, r]));
  return {
    source: change.source ?? collection.source,
    events: [...collection.events, ...(change.events ?? [])],
    rectifications: [...collection.rectifications.filter((r) => !replaced.has(r.id)), ...replaced.values()],
    operators: change.operators ?? collection.operators,
  };
}
