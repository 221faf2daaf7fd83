/**
 * What the public and a source's operators may do: read the public profile behind an eco-code,
 * list and read their own sources, and submit rectification evidence.
 */
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type * as S from '@green-shield/shared/api/source-schemas';
import type { OperatorSourceViewT, SourceSummaryT } from '@green-shield/shared/api/source-schemas';
import { applyRectificationStep } from '@green-shield/shared/sources/rectification-state-machine';
import { ApiError } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import { conflict, operatorView, orderForStep, sourceNotFound, written, type SourceContext } from './context';
import { verifyEcoCode } from './eco-code-signer';
import type { SourceCollection } from './records';
import { sourceEvent } from './registration';
import { toPublicProfile, toSourceSummary } from './views';

export class OperatorService {
  constructor(private readonly ctx: SourceContext) {}

  async publicProfile(code: string) {
    const sourceId = verifyEcoCode(await this.ctx.ecoCodeKey(), code);
    if (!sourceId) throw new ApiError('ECO_CODE_FORGED', '此环保码无效或已被篡改');
    const source = await this.ctx.sources.get(sourceId);
    if (!source || source.districtCode !== this.ctx.district.code) throw sourceNotFound();
    return toPublicProfile(source, code.trim().toUpperCase(), this.ctx.district);
  }

  private async operatedCollection(principal: Principal, id: string): Promise<SourceCollection> {
    // Someone else's source answers exactly like a missing one.
    if (!(await this.ctx.operatorLinks.isOperator(principal.userId, id))) throw sourceNotFound();
    const collection = await this.ctx.sources.getCollection(id);
    if (!collection) throw sourceNotFound();
    return collection;
  }

  async mySources(principal: Principal): Promise<{ items: SourceSummaryT[] }> {
    const sources = await this.ctx.sources.getMany(await this.ctx.operatorLinks.operatedSourceIds(principal.userId));
    return { items: sources.map(toSourceSummary) };
  }

  async mySource(principal: Principal, id: string): Promise<OperatorSourceViewT> {
    return operatorView(this.ctx, await this.operatedCollection(principal, id));
  }

  async submitEvidence(principal: Principal, id: string, rectificationId: string, body: z.infer<typeof S.EvidenceBody>): Promise<OperatorSourceViewT> {
    const collection = await this.operatedCollection(principal, id);
    const rectification = orderForStep(collection, rectificationId, { action: 'submit_evidence', actor: 'operator', expectedVersion: body.expectedVersion });
    await this.ctx.photos.check(principal, body.photoKeys, 'body.photoKeys');
    const now = this.ctx.clock.now().toISOString();
    const evidenceId = ulid();
    const photoKeys = await this.ctx.photos.attach(id, `evidence-${evidenceId}`, body.photoKeys);
    const next = applyRectificationStep(rectification, {
      action: 'submit_evidence',
      actor: 'operator',
      evidence: { id: evidenceId, at: now, by: principal.userId, note: body.note, photoKeys },
    });
    const event = sourceEvent(
      collection.source,
      { actorId: principal.userId, actorRole: 'operator' },
      { type: 'evidence_submitted', note: body.note, photoKeys, rectification: { id: rectification.id, itemLabel: rectification.itemLabel } },
      now,
    );
    const outcome = await this.ctx.sources.append(id, [event], [{ record: next, expectedVersion: rectification.version }]);
    if (outcome !== 'ok') {
      await this.ctx.photos.discard(photoKeys);
      throw conflict();
    }
    return operatorView(this.ctx, written(collection, { events: [event], rectifications: [next] }));
  }
}
