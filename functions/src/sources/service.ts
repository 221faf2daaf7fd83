/**
 * The registry's operations: what officers, operators and the public may do with sources. Each
 * method parses nothing (the HTTP edge did), authorizes, calls the pure domain and the repository,
 * and shapes the answer.
 */
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { z } from 'zod';
import type * as S from '@green-shield/shared/api/source-schemas';
import type { ClaimViewT, OfficerSourceViewT, OperatorSourceViewT, SourceSummaryT } from '@green-shield/shared/api/source-schemas';
import { KEY_SUPERVISION_TAG } from '@green-shield/shared/sources/credit-rules';
import { checklistVersion } from '@green-shield/shared/sources/checklists';
import { findStreet, type DistrictConfig } from '@green-shield/shared/districts/district';
import { toWgs84 } from '@green-shield/shared/geo/coordinates';
import { geohashEncode, geohashWithNeighbours } from '@green-shield/shared/geo/geohash';
import { proposeMatches } from '@green-shield/shared/sources/matching';
import { maskPhone } from '@green-shield/shared/privacy/mask';
import { normalizeCreditCode } from '@green-shield/shared/sources/credit-code';
import { ApiError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { Principal } from '../lib/tokens';
import { keys } from '../store/keys';
import type { PhotoAttachments } from '../lib/photo-attachments';
import type { ComplaintLinks } from './complaint-links';
import type { UserDirectory } from '../store/user-directory';
import { officerScope, requireScope, scopeCovers, streetFilter } from '../lib/officer-scope';
import { signEcoCode, verifyEcoCode, type EcoCodeKey } from './eco-code-signer';
import { changeEvent, newSourceRecord, sourceEvent, type Actor, type EventFields } from './registration';
import type { RectificationRecord, SourceCollection, SourceEventRecord, SourceRecord } from './records';
import { nameKey, type IdempotencyClaim, type SourceRepository } from './repository';
import type { ScoreProjector } from './scoring-projection';
import { toOfficerSourceView, toOperatorSourceView, toPublicProfile, toSourceSummary, toTimelineEventView } from './views';

const DAY_MS = 86_400_000;

const sourceNotFound = () => new ApiError('SOURCE_NOT_FOUND', 'No such source');
const conflict = () => new ApiError('VERSION_CONFLICT', 'Someone changed this meanwhile; reload and try again');

export class SourceService {
  constructor(
    private readonly repo: SourceRepository,
    private readonly projector: ScoreProjector,
    private readonly photos: PhotoAttachments,
    private readonly complaints: ComplaintLinks,
    private readonly users: UserDirectory,
    private readonly ecoCodeKey: EcoCodeKey,
    private readonly clock: Clock,
    private readonly district: DistrictConfig,
  ) {}

  // ---------- shared helpers ----------

  private async officer(principal: Principal): Promise<Actor> {
    const user = await this.users.get(principal.userId);
    return { actorId: principal.userId, actorRole: 'officer', actorName: user?.name };
  }

  private event(
    source: Pick<SourceRecord, 'id' | 'name' | 'districtCode'>,
    actor: Actor,
    fields: EventFields,
    at = this.clock.now().toISOString(),
  ): SourceEventRecord {
    return sourceEvent(source, actor, fields, at);
  }

  private async collectionFor(principal: Principal, id: string): Promise<SourceCollection> {
    const collection = await this.repo.getCollection(id);
    if (!collection || collection.source.districtCode !== this.district.code) throw sourceNotFound();
    requireScope(officerScope(principal), collection.source.streetCode);
    return collection;
  }

  private async ecoCode(sourceId: string): Promise<string> {
    return signEcoCode(await this.ecoCodeKey(), sourceId);
  }

  private async photoUrlsOf(collection: SourceCollection) {
    return this.photos.urls(collection.rectifications.flatMap((r) => r.evidence.flatMap((e) => e.photoKeys)));
  }

  private async officerView(collection: SourceCollection): Promise<OfficerSourceViewT> {
    const [ecoCode, urls] = await Promise.all([this.ecoCode(collection.source.id), this.photoUrlsOf(collection)]);
    return toOfficerSourceView(collection, this.projector.live(collection), ecoCode, this.clock.now(), urls);
  }

  private async operatorView(collection: SourceCollection): Promise<OperatorSourceViewT> {
    const [ecoCode, urls] = await Promise.all([this.ecoCode(collection.source.id), this.photoUrlsOf(collection)]);
    return toOperatorSourceView(collection, this.projector.live(collection), ecoCode, this.clock.now(), urls);
  }

  private requireStreet(streetCode: string, field: string): void {
    if (!findStreet(this.district, streetCode)) throw new ApiError('VALIDATION_FAILED', 'Unknown street', [{ field, message: '不是本区的街道/镇' }]);
  }

  /** A retry with the same key answers what the first call answered; a different body is refused. */
  private async replayed(principal: Principal, idempotencyKey: string, body: unknown): Promise<{ claim: IdempotencyClaim; replay?: string }> {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const fingerprint = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
    const claim = { userId: principal.userId, key: `source:${idempotencyKey}`, fingerprint, nowSeconds };
    const previous = await this.repo.getIdempotency(claim.userId, claim.key, nowSeconds);
    if (previous && previous.fingerprint !== fingerprint) throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
    return { claim, replay: previous?.resultId };
  }

  // ---------- public ----------

  async publicProfile(code: string) {
    const sourceId = verifyEcoCode(await this.ecoCodeKey(), code);
    if (!sourceId) throw new ApiError('ECO_CODE_FORGED', '此环保码无效或已被篡改');
    const source = await this.repo.get(sourceId);
    if (!source || source.districtCode !== this.district.code) throw sourceNotFound();
    return toPublicProfile(source, code.trim().toUpperCase(), this.district);
  }

  // ---------- operators ----------

  private async operatedCollection(principal: Principal, id: string): Promise<SourceCollection> {
    // Someone else's source answers exactly like a missing one.
    if (!(await this.repo.isOperator(principal.userId, id))) throw sourceNotFound();
    const collection = await this.repo.getCollection(id);
    if (!collection) throw sourceNotFound();
    return collection;
  }

  async mySources(principal: Principal): Promise<{ items: SourceSummaryT[] }> {
    const sources = await this.repo.getMany(await this.repo.operatedSourceIds(principal.userId));
    return { items: sources.map(toSourceSummary) };
  }

  async mySource(principal: Principal, id: string): Promise<OperatorSourceViewT> {
    return this.operatorView(await this.operatedCollection(principal, id));
  }

  async submitEvidence(principal: Principal, id: string, rectificationId: string, body: z.infer<typeof S.EvidenceBody>): Promise<OperatorSourceViewT> {
    const collection = await this.operatedCollection(principal, id);
    const rectification = rectificationIn(
      collection,
      rectificationId,
      'open',
      body.expectedVersion,
      'Evidence for this item is awaiting a decision or the item is closed',
    );
    await this.photos.check(principal, body.photoKeys, 'body.photoKeys');
    const now = this.clock.now().toISOString();
    const evidenceId = ulid();
    const photoKeys = await this.photos.attach(id, `evidence-${evidenceId}`, body.photoKeys);
    const next: RectificationRecord = {
      ...rectification,
      status: 'submitted',
      version: rectification.version + 1,
      evidence: [...rectification.evidence, { id: evidenceId, at: now, by: principal.userId, note: body.note, photoKeys }],
    };
    const event = this.event(
      collection.source,
      { actorId: principal.userId, actorRole: 'operator' },
      { type: 'evidence_submitted', note: body.note, photoKeys, rectification: { id: rectification.id, itemLabel: rectification.itemLabel } },
      now,
    );
    const outcome = await this.repo.append(id, [event], [{ record: next, expectedVersion: rectification.version }]);
    if (outcome !== 'ok') {
      await this.photos.discard(photoKeys);
      throw conflict();
    }
    return this.operatorView(written(collection, { events: [event], rectifications: [next] }));
  }

  async claim(principal: Principal, body: z.infer<typeof S.ClaimBody>): Promise<ClaimViewT> {
    const sourceId = await this.repo.sourceIdByCreditCode(this.district.code, body.creditCode);
    const source = sourceId ? await this.repo.get(sourceId) : undefined;
    if (!source) throw new ApiError('SOURCE_NOT_FOUND', '没有以该统一社会信用代码登记的商户，请联系街道核实');
    if (await this.repo.isOperator(principal.userId, source.id)) throw new ApiError('ALREADY_OPERATOR', 'You already run this source');
    const user = await this.users.get(principal.userId);
    if (!user) throw new ApiError('UNAUTHENTICATED', 'This account no longer exists');
    const claim = {
      id: ulid(),
      districtCode: this.district.code,
      sourceId: source.id,
      sourceName: source.name,
      streetCode: source.streetCode,
      userId: principal.userId,
      claimantPhoneMasked: maskPhone(user.phone),
      status: 'pending' as const,
      note: body.note,
      createdAt: this.clock.now().toISOString(),
    };
    return claimView(await this.repo.putClaim(claim));
  }

  async myClaims(principal: Principal) {
    return { items: (await this.repo.claimsBy(principal.userId)).map(claimView) };
  }

  // ---------- officers: registry ----------

  async search(principal: Principal, query: z.infer<typeof S.SourceSearchQuery>) {
    const scope = officerScope(principal);
    const street = streetFilter(scope, query.streetCode);
    const kind = query.kind;
    if (query.creditCode) {
      const id = await this.repo.sourceIdByCreditCode(this.district.code, normalizeCreditCode(query.creditCode));
      const found = id ? await this.repo.getMany([id]) : [];
      return { items: found.filter((s) => scopeCovers(scope, s.streetCode) && (!street || s.streetCode === street)).map(toSourceSummary) };
    }
    let page: { items: SourceRecord[]; nextCursor?: string };
    if (query.name) {
      const prefix = nameKey(query.name);
      page = await this.repo.pageOfSources('GSI3', keys.sourcesByInitial(this.district.code, [...prefix][0]), {
        prefix,
        cursor: query.cursor,
        kind,
        streetCode: street,
        level: query.level,
      });
    } else if (query.tag) {
      page = await this.repo.pageOfMembers(keys.sourcesWithTag(this.district.code, query.tag), {
        prefix: street && `${street}#`,
        cursor: query.cursor,
        kind,
        level: query.level,
      });
    } else if (query.level) {
      page = await this.repo.pageOfSources('GSI2', keys.sourcesAtLevel(this.district.code, query.level), {
        prefix: street && `${street}#`,
        cursor: query.cursor,
        kind,
      });
    } else if (street) {
      page = await this.repo.pageOfSources('GSI1', keys.sourcesInStreet(this.district.code, street), { cursor: query.cursor, kind });
    } else {
      // The bureau without a filter sees the district's key-supervision list first.
      page = await this.repo.pageOfMembers(keys.sourcesWithTag(this.district.code, KEY_SUPERVISION_TAG), { cursor: query.cursor, kind });
    }
    return { items: page.items.map(toSourceSummary), nextCursor: page.nextCursor };
  }

  async warnings(principal: Principal, query: z.infer<typeof S.WarningQuery>) {
    const street = streetFilter(officerScope(principal), query.streetCode);
    const page = await this.repo.pageOfMembers(keys.sourcesWithWarnings(this.district.code), { prefix: street && `${street}#`, cursor: query.cursor });
    return { items: page.items.map(toSourceSummary), nextCursor: page.nextCursor };
  }

  async create(principal: Principal, input: S.SourceInputT): Promise<OfficerSourceViewT> {
    requireScope(officerScope(principal), input.streetCode);
    this.requireStreet(input.streetCode, 'body.streetCode');
    const source = newSourceRecord(input, this.district, this.clock.now().toISOString());
    const event = this.event(source, await this.officer(principal), { type: 'registered' }, source.createdAt);
    if ((await this.repo.create(source, event)) === 'duplicate-credit-code') {
      throw new ApiError('DUPLICATE_CREDIT_CODE', 'A source with this credit code is already registered', [
        { field: 'body.creditCode', message: '该统一社会信用代码已登记' },
      ]);
    }
    return this.officerView({ source, events: [event], rectifications: [], operators: [] });
  }

  async get(principal: Principal, id: string): Promise<OfficerSourceViewT> {
    return this.officerView(await this.collectionFor(principal, id));
  }

  async update(principal: Principal, id: string, patch: z.infer<typeof S.SourcePatch>): Promise<OfficerSourceViewT> {
    const collection = await this.collectionFor(principal, id);
    const { source } = collection;
    if (source.version !== patch.expectedVersion) throw conflict();
    if (patch.streetCode) {
      this.requireStreet(patch.streetCode, 'body.streetCode');
      requireScope(officerScope(principal), patch.streetCode);
    }
    const { expectedVersion, location, ...changes } = patch;
    const wgs = location && toWgs84(location);
    const next: SourceRecord = {
      ...source,
      ...changes,
      ...(wgs ? { location: { lat: wgs.lat, lng: wgs.lng, coordSystem: 'WGS-84' as const } } : {}),
      tags: changes.tags ? [...new Set(changes.tags)] : source.tags,
      version: source.version + 1,
      updatedAt: this.clock.now().toISOString(),
    };
    const event = changeEvent(source, next, await this.officer(principal), next.updatedAt);
    if (!event) return this.officerView(collection);
    if ((await this.repo.update(next, source, event)) !== 'ok') throw conflict();
    return this.officerView(written(collection, { source: next, events: [event] }));
  }

  async timeline(principal: Principal, id: string, cursor: string | undefined) {
    const source = await this.repo.get(id);
    if (!source || source.districtCode !== this.district.code) throw sourceNotFound();
    requireScope(officerScope(principal), source.streetCode);
    const page = await this.repo.timelinePage(id, cursor);
    const urls = await this.photos.urls(page.items.flatMap((event) => event.photoKeys ?? []));
    return { items: page.items.map((event) => toTimelineEventView(event, urls)), nextCursor: page.nextCursor };
  }

  // ---------- officers: inspections and rectifications ----------

  async inspect(principal: Principal, id: string, body: z.infer<typeof S.InspectionBody>, idempotencyKey: string): Promise<OfficerSourceViewT> {
    const { claim, replay } = await this.replayed(principal, idempotencyKey, { id, body });
    if (replay) return this.get(principal, id);
    const collection = await this.collectionFor(principal, id);
    const { source } = collection;
    const checklist = checklistVersion(body.checklistVersion);
    if (!checklist)
      throw new ApiError('UNKNOWN_CHECKLIST_ITEM', 'Unknown checklist version', [{ field: 'body.checklistVersion', message: '未知的检查表版本' }]);
    const items = new Map(checklist.kinds[source.kind].map((item) => [item.id, item]));
    const problems = body.results.flatMap((result, index) =>
      !items.has(result.itemId)
        ? [{ field: `body.results.${index}.itemId`, message: '不是该类污染源检查表中的项目' }]
        : body.results.findIndex((other) => other.itemId === result.itemId) !== index
          ? [{ field: `body.results.${index}.itemId`, message: '同一项目重复填写' }]
          : [],
    );
    if (problems.length) throw new ApiError('UNKNOWN_CHECKLIST_ITEM', 'Some results do not belong to this checklist', problems);
    await this.photos.check(principal, body.photoKeys, 'body.photoKeys');

    const actor = await this.officer(principal);
    const now = this.clock.now();
    const at = now.toISOString();
    const inspectionId = ulid();
    const rectifications: RectificationRecord[] = [];
    const results = body.results.map((result) => {
      const item = items.get(result.itemId)!;
      const rectification: RectificationRecord | undefined =
        result.outcome === 'fail' && result.rectify
          ? {
              id: ulid(),
              sourceId: id,
              itemId: item.id,
              itemLabel: item.label,
              basis: item.basis,
              inspectionId,
              openedAt: at,
              deadline: new Date(now.getTime() + (result.rectifyDays ?? item.rectifyDays) * DAY_MS).toISOString(),
              status: 'open',
              version: 0,
              evidence: [],
            }
          : undefined;
      if (rectification) rectifications.push(rectification);
      return { itemId: item.id, label: item.label, points: item.points, outcome: result.outcome, note: result.note, rectificationId: rectification?.id };
    });
    const photoKeys = await this.photos.attach(id, `inspection-${inspectionId}`, body.photoKeys);
    const inspection: SourceEventRecord = {
      ...this.event(source, actor, { type: 'inspection', note: body.note, photoKeys, inspection: { checklistVersion: checklist.version, results } }, at),
      eventId: inspectionId,
    };
    const opened = rectifications.map((r) =>
      this.event(source, actor, { type: 'rectification_opened', rectification: { id: r.id, itemLabel: r.itemLabel, deadline: r.deadline } }, at),
    );
    const outcome = await this.repo.append(
      id,
      [inspection, ...opened],
      rectifications.map((record) => ({ record })),
      claim,
    );
    if (outcome !== 'ok') {
      await this.photos.discard(photoKeys);
      if (outcome === 'idempotency-key-taken') return this.get(principal, id);
      throw sourceNotFound();
    }
    return this.officerView(written(collection, { events: [inspection, ...opened], rectifications }));
  }

  async decideEvidence(principal: Principal, id: string, rectificationId: string, body: z.infer<typeof S.EvidenceDecisionBody>): Promise<OfficerSourceViewT> {
    const collection = await this.collectionFor(principal, id);
    const rectification = rectificationIn(
      collection,
      rectificationId,
      'submitted',
      body.expectedVersion,
      'There is no evidence awaiting a decision on this item',
    );
    const actor = await this.officer(principal);
    const at = this.clock.now().toISOString();
    const accepted = body.decision === 'accept';
    const evidence = rectification.evidence.map((item, index) =>
      index === rectification.evidence.length - 1
        ? { ...item, decision: accepted ? ('accepted' as const) : ('rejected' as const), reason: body.reason, decidedAt: at, decidedBy: principal.userId }
        : item,
    );
    const next: RectificationRecord = {
      ...rectification,
      evidence,
      version: rectification.version + 1,
      status: accepted ? 'closed' : 'open',
      ...(accepted ? { closedAt: at } : {}),
    };
    const event = this.event(
      collection.source,
      actor,
      {
        type: accepted ? 'evidence_accepted' : 'evidence_rejected',
        rectification: { id: rectification.id, itemLabel: rectification.itemLabel, reason: body.reason },
      },
      at,
    );
    if ((await this.repo.append(id, [event], [{ record: next, expectedVersion: rectification.version }])) !== 'ok') throw conflict();
    return this.officerView(written(collection, { events: [event], rectifications: [next] }));
  }

  async record(principal: Principal, id: string, body: z.infer<typeof S.RecordBody>, idempotencyKey: string): Promise<OfficerSourceViewT> {
    const { claim, replay } = await this.replayed(principal, idempotencyKey, { id, body });
    if (replay) return this.get(principal, id);
    const collection = await this.collectionFor(principal, id);
    const { source } = collection;
    const now = this.clock.now();
    if (body.at && (Number.isNaN(Date.parse(body.at)) || Date.parse(body.at) > now.getTime())) {
      throw new ApiError('VALIDATION_FAILED', 'The date must be a valid past date', [{ field: 'body.at', message: '日期无效或晚于当前时间' }]);
    }
    const at = body.at ? new Date(body.at).toISOString() : now.toISOString();
    const actor = await this.officer(principal);
    const event =
      body.type === 'penalty'
        ? this.event(source, actor, { type: 'penalty', note: body.note, penalty: { decisionNumber: body.decisionNumber, amountYuan: body.amountYuan } }, at)
        : body.type === 'permit'
          ? this.event(
              source,
              actor,
              { type: 'permit', note: body.note, permit: { permitType: body.permitType, permitNumber: body.permitNumber, validUntil: body.validUntil } },
              at,
            )
          : this.event(source, actor, { type: 'incident', incident: { severity: body.severity, description: body.description } }, at);
    const outcome = await this.repo.append(id, [event], [], claim);
    if (outcome === 'conflict') throw sourceNotFound();
    if (outcome === 'idempotency-key-taken') return this.get(principal, id);
    return this.officerView(written(collection, { events: [event] }));
  }

  // ---------- officers: complaints ----------

  async linkComplaint(principal: Principal, id: string, body: z.infer<typeof S.LinkComplaintBody>): Promise<OfficerSourceViewT> {
    const collection = await this.collectionFor(principal, id);
    const { source } = collection;
    const complaint = await this.complaints.get(body.complaintId);
    if (!complaint || complaint.districtCode !== this.district.code || !scopeCovers(officerScope(principal), complaint.streetCode)) {
      throw new ApiError('NOT_FOUND', 'No such complaint in your care', [{ field: 'body.complaintId', message: '未找到该投诉' }]);
    }
    const event = this.event(source, await this.officer(principal), {
      type: 'complaint_linked',
      complaint: { id: complaint.id, trackingNumber: complaint.trackingNumber, substantiated: body.substantiated },
    });
    if (!(await this.complaints.link(complaint.id, source.id, event))) throw new ApiError('ALREADY_LINKED', 'This complaint is already linked to this source');
    return this.officerView(written(collection, { events: [event] }));
  }

  async matchesFor(principal: Principal, complaintId: string) {
    const complaint = await this.complaints.get(complaintId);
    if (!complaint || complaint.districtCode !== this.district.code || !scopeCovers(officerScope(principal), complaint.streetCode)) {
      throw new ApiError('NOT_FOUND', 'No such complaint in your care');
    }
    const cells = geohashWithNeighbours(geohashEncode(complaint.location.lat, complaint.location.lng));
    const [pages, linked] = await Promise.all([
      Promise.all(cells.map((cell) => this.repo.pageOfSources('GSI4', keys.sourcesInCell(this.district.code, cell), { limit: 200 }))),
      this.complaints.linkedSourceIds(complaintId),
    ]);
    const candidates = pages.flatMap((page) => page.items);
    const byId = new Map(candidates.map((source) => [source.id, source]));
    const proposals = proposeMatches({ location: complaint.location, address: complaint.location.address, description: complaint.description }, candidates);
    return {
      items: proposals.map((proposal) => ({
        source: toSourceSummary(byId.get(proposal.sourceId)!),
        distanceMetres: proposal.distanceMetres,
        nameSimilarity: proposal.nameSimilarity,
        alreadyLinked: linked.has(proposal.sourceId),
      })),
    };
  }

  async unlinkOperator(principal: Principal, id: string, userId: string): Promise<OfficerSourceViewT> {
    const collection = await this.collectionFor(principal, id);
    const operator = collection.operators.find((candidate) => candidate.userId === userId);
    if (!operator) throw new ApiError('NOT_FOUND', 'This account is not an operator of the source');
    const event = this.event(collection.source, await this.officer(principal), { type: 'operator_unlinked', note: operator.phoneMasked });
    // Unlinked meanwhile by someone else: the answer is the same, without a second event.
    const unlinked = await this.repo.unlink(id, userId, event);
    return this.officerView(written(collection, { events: unlinked ? [event] : [], operators: collection.operators.filter((o) => o !== operator) }));
  }

  // ---------- officers: claims ----------

  async claims(principal: Principal) {
    const scope = officerScope(principal);
    return { items: (await this.repo.pendingClaims(this.district.code, scope.kind === 'street' ? scope.streetCode : undefined)).map(claimView) };
  }

  async decideClaim(principal: Principal, claimId: string, body: z.infer<typeof S.ClaimDecisionBody>): Promise<ClaimViewT> {
    const claim = await this.repo.getClaim(claimId);
    if (!claim || claim.districtCode !== this.district.code) throw new ApiError('CLAIM_NOT_FOUND', 'No such claim');
    requireScope(officerScope(principal), claim.streetCode);
    if (claim.status !== 'pending') throw new ApiError('CLAIM_ALREADY_DECIDED', 'This claim was already decided');
    const at = this.clock.now().toISOString();
    const approved = body.decision === 'approve';
    const decided = {
      ...claim,
      status: approved ? ('approved' as const) : ('rejected' as const),
      reason: body.reason,
      decidedAt: at,
      decidedBy: principal.userId,
    };
    let link;
    if (approved) {
      const source = await this.repo.get(claim.sourceId);
      if (!source) throw sourceNotFound();
      if (await this.repo.isOperator(claim.userId, claim.sourceId)) throw new ApiError('ALREADY_OPERATOR', 'The claimant already runs this source');
      link = {
        record: { sourceId: source.id, userId: claim.userId, phoneMasked: claim.claimantPhoneMasked, linkedAt: at, linkedBy: principal.userId },
        event: this.event(source, await this.officer(principal), { type: 'operator_linked', note: '认领审核通过' }, at),
      };
    }
    if (!(await this.repo.decideClaim(decided, link)))
      throw new ApiError('CLAIM_ALREADY_DECIDED', 'This claim was decided meanwhile, or the claimant is already linked');
    return claimView(decided);
  }
}

/** The rectification an evidence step acts on, in the status that step needs, at the version the caller read. */
function rectificationIn(
  collection: SourceCollection,
  rectificationId: string,
  status: RectificationRecord['status'],
  expectedVersion: number,
  wrongStatus: string,
): RectificationRecord {
  const rectification = collection.rectifications.find((r) => r.id === rectificationId);
  if (!rectification) throw new ApiError('NOT_FOUND', 'No such rectification item');
  if (rectification.status !== status) throw new ApiError('RECTIFICATION_NOT_OPEN', wrongStatus);
  if (rectification.version !== expectedVersion) throw conflict();
  return rectification;
}

/**
 * The collection as it stands after a successful write: what was read plus what was written, so a
 * write answers with its new view without reading the partition again.
 */
function written(
  collection: SourceCollection,
  change: { source?: SourceRecord; events?: SourceEventRecord[]; rectifications?: RectificationRecord[]; operators?: SourceCollection['operators'] },
): SourceCollection {
  const replaced = new Map((change.rectifications ?? []).map((r) => [r.id, r]));
  return {
    source: change.source ?? collection.source,
    events: [...collection.events, ...(change.events ?? [])],
    rectifications: [...collection.rectifications.filter((r) => !replaced.has(r.id)), ...replaced.values()],
    operators: change.operators ?? collection.operators,
  };
}

function claimView(claim: import('./records').ClaimRecord): ClaimViewT {
  const { districtCode, userId, decidedBy, ...view } = claim;
  return view;
}
