/**
 * The officers' registry: search, early-warning and awaiting-decision lists, registering, reading and editing a
 * source, its timeline.
 */
import type { z } from 'zod/mini';
import type * as S from '@green-shield/shared/api/source-schemas';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { SUMMARY_COUNT_CAP } from '@green-shield/shared/api/limits';
import { findStreet } from '@green-shield/shared/districts/district';
import { toWgs84 } from '@green-shield/shared/geo/coordinates';
import { ApiError } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import { officerScope, requireScope, streetFilter } from '../lib/officer-scope';
import { actingOfficer, conflict, officerCollection, officerView, sourceNotFound, written, type SourceContext } from './context';
import type { SourceRecord } from './records';
import { changeEvent, newSourceRecord, sourceEvent } from './registration';
import { toDecisionSummary, toSourceSummary, toTimelineEventView } from './views';

export class RegistryService {
  constructor(private readonly ctx: SourceContext) {}

  private requireStreet(streetCode: string, field: string): void {
    if (!findStreet(this.ctx.district, streetCode)) throw new ApiError('VALIDATION_FAILED', 'Unknown street', [{ field, message: '不是本区的街道/镇' }]);
  }

  async search(principal: Principal, query: z.infer<typeof S.SourceSearchQuery>) {
    const streetCode = streetFilter(officerScope(principal), query.streetCode);
    const page = await this.ctx.lists.search(this.ctx.district.code, { ...query, streetCode });
    return { items: page.items.map(toSourceSummary), nextCursor: page.nextCursor };
  }

  async warnings(principal: Principal, query: z.infer<typeof S.WarningQuery>) {
    const streetCode = streetFilter(officerScope(principal), query.streetCode);
    const page = await this.ctx.lists.warnings(this.ctx.district.code, { streetCode, cursor: query.cursor });
    return { items: page.items.map(toSourceSummary), nextCursor: page.nextCursor };
  }

  /** Sources whose rectification evidence awaits an officer's decision, the most urgent decision first, each with when it is due. */
  async pendingDecisions(principal: Principal, query: z.infer<typeof S.WarningQuery>) {
    const streetCode = streetFilter(officerScope(principal), query.streetCode);
    const page = await this.ctx.lists.awaitingDecision(this.ctx.district.code, { streetCode, cursor: query.cursor });
    const now = this.ctx.clock.now();
    return { items: page.items.map((source) => toDecisionSummary(source, now)), nextCursor: page.nextCursor };
  }

  /** How many sources have evidence awaiting a decision (for an officer's home). */
  async decisionsSummary(principal: Principal, query: { streetCode?: string }) {
    const streetCode = streetFilter(officerScope(principal), query.streetCode);
    return { sources: await this.ctx.lists.countAwaitingDecision(this.ctx.district.code, streetCode, SUMMARY_COUNT_CAP) };
  }

  async create(principal: Principal, input: S.SourceInputT): Promise<OfficerSourceViewT> {
    requireScope(officerScope(principal), input.streetCode);
    this.requireStreet(input.streetCode, 'body.streetCode');
    const source = newSourceRecord(input, this.ctx.district, this.ctx.clock.now().toISOString());
    const event = sourceEvent(source, await actingOfficer(this.ctx, principal), { type: 'registered' }, source.createdAt);
    if ((await this.ctx.sources.create(source, event)) === 'duplicate-credit-code') {
      throw new ApiError('DUPLICATE_CREDIT_CODE', 'A source with this credit code is already registered', [
        { field: 'body.creditCode', message: '该统一社会信用代码已登记' },
      ]);
    }
    return officerView(this.ctx, { source, events: [event], rectifications: [], operators: [] });
  }

  async get(principal: Principal, id: string): Promise<OfficerSourceViewT> {
    return officerView(this.ctx, await officerCollection(this.ctx, principal, id));
  }

  async update(principal: Principal, id: string, patch: z.infer<typeof S.SourcePatch>): Promise<OfficerSourceViewT> {
    const collection = await officerCollection(this.ctx, principal, id);
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
      updatedAt: this.ctx.clock.now().toISOString(),
    };
    const event = changeEvent(source, next, await actingOfficer(this.ctx, principal), next.updatedAt);
    if (!event) return officerView(this.ctx, collection);
    if ((await this.ctx.sources.update(next, source, event)) !== 'ok') throw conflict();
    return officerView(this.ctx, written(collection, { source: next, events: [event] }));
  }

  async timeline(principal: Principal, id: string, cursor: string | undefined) {
    const source = await this.ctx.sources.get(id);
    if (!source || source.districtCode !== this.ctx.district.code) throw sourceNotFound();
    requireScope(officerScope(principal), source.streetCode);
    const page = await this.ctx.sources.timelinePage(id, cursor);
    const urls = await this.ctx.photos.urls(page.items.flatMap((event) => event.photoKeys ?? []));
    return { items: page.items.map((event) => toTimelineEventView(event, urls)), nextCursor: page.nextCursor };
  }
}
