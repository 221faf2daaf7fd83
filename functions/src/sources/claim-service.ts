/**
 * Who runs a source: residents claim a source by its credit code, officers decide claims (an
 * approval links the claimant as operator) and unlink operators. Linking by phone number is in
 * identity (only it may turn a phone number into an account).
 */
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type * as S from '@green-shield/shared/api/source-schemas';
import type { ClaimViewT, OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { maskPhone } from '@green-shield/shared/privacy/mask';
import { ApiError } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import { officerScope, requireScope } from '../lib/officer-scope';
import { actingOfficer, officerCollection, officerView, sourceNotFound, written, type SourceContext } from './context';
import type { ClaimRecord, OperatorLinkRecord, SourceEventRecord } from './records';
import { sourceEvent } from './registration';

function claimView(claim: ClaimRecord): ClaimViewT {
  const { districtCode, userId, decidedBy, ...view } = claim;
  return view;
}

export class ClaimService {
  constructor(private readonly ctx: SourceContext) {}

  async claim(principal: Principal, body: z.infer<typeof S.ClaimBody>): Promise<ClaimViewT> {
    const sourceId = await this.ctx.sources.sourceIdByCreditCode(this.ctx.district.code, body.creditCode);
    const source = sourceId ? await this.ctx.sources.get(sourceId) : undefined;
    if (!source) throw new ApiError('SOURCE_NOT_FOUND', '没有以该统一社会信用代码登记的商户，请联系街道核实');
    if (await this.ctx.operatorLinks.isOperator(principal.userId, source.id)) throw new ApiError('ALREADY_OPERATOR', 'You already run this source');
    const user = await this.ctx.users.get(principal.userId);
    if (!user) throw new ApiError('UNAUTHENTICATED', 'This account no longer exists');
    const claim: ClaimRecord = {
      id: ulid(),
      districtCode: this.ctx.district.code,
      sourceId: source.id,
      sourceName: source.name,
      streetCode: source.streetCode,
      userId: principal.userId,
      claimantPhoneMasked: maskPhone(user.phone),
      status: 'pending',
      note: body.note,
      createdAt: this.ctx.clock.now().toISOString(),
    };
    return claimView(await this.ctx.claims.file(claim));
  }

  async myClaims(principal: Principal) {
    return { items: (await this.ctx.claims.by(principal.userId)).map(claimView) };
  }

  async pendingClaims(principal: Principal) {
    const scope = officerScope(principal);
    return { items: (await this.ctx.claims.pending(this.ctx.district.code, scope.kind === 'street' ? scope.streetCode : undefined)).map(claimView) };
  }

  async decideClaim(principal: Principal, claimId: string, body: z.infer<typeof S.ClaimDecisionBody>): Promise<ClaimViewT> {
    const claim = await this.ctx.claims.get(claimId);
    if (!claim || claim.districtCode !== this.ctx.district.code) throw new ApiError('CLAIM_NOT_FOUND', 'No such claim');
    requireScope(officerScope(principal), claim.streetCode);
    if (claim.status !== 'pending') throw new ApiError('CLAIM_ALREADY_DECIDED', 'This claim was already decided');
    const at = this.ctx.clock.now().toISOString();
    const approved = body.decision === 'approve';
    const decided: ClaimRecord = { ...claim, status: approved ? 'approved' : 'rejected', reason: body.reason, decidedAt: at, decidedBy: principal.userId };
    let link: { record: OperatorLinkRecord; event: SourceEventRecord } | undefined;
    if (approved) {
      const source = await this.ctx.sources.get(claim.sourceId);
      if (!source) throw sourceNotFound();
      if (await this.ctx.operatorLinks.isOperator(claim.userId, claim.sourceId))
        throw new ApiError('ALREADY_OPERATOR', 'The claimant already runs this source');
      link = {
        record: { sourceId: source.id, userId: claim.userId, phoneMasked: claim.claimantPhoneMasked, linkedAt: at, linkedBy: principal.userId },
        event: sourceEvent(source, await actingOfficer(this.ctx, principal), { type: 'operator_linked', note: '认领审核通过' }, at),
      };
    }
    if (!(await this.ctx.claims.decide(decided, link)))
      throw new ApiError('CLAIM_ALREADY_DECIDED', 'This claim was decided meanwhile, or the claimant is already linked');
    return claimView(decided);
  }

  async unlinkOperator(principal: Principal, id: string, userId: string): Promise<OfficerSourceViewT> {
    const collection = await officerCollection(this.ctx, principal, id);
    const operator = collection.operators.find((candidate) => candidate.userId === userId);
    if (!operator) throw new ApiError('NOT_FOUND', 'This account is not an operator of the source');
    const event = sourceEvent(
      collection.source,
      await actingOfficer(this.ctx, principal),
      { type: 'operator_unlinked', note: operator.phoneMasked },
      this.ctx.clock.now().toISOString(),
    );
    // Unlinked meanwhile by someone else: the answer is the same, without a second event.
    const unlinked = await this.ctx.operatorLinks.unlink(id, userId, event);
    return officerView(this.ctx, written(collection, { events: unlinked ? [event] : [], operators: collection.operators.filter((o) => o !== operator) }));
  }
}
