/**
 * Complaints and the sources they are about: officers link a complaint to a source (it counts
 * against the score when substantiated), and see the sources a complaint may be about (the nearest
 * and the named ones, `match-candidates.ts`), proposed by distance and name.
 */
import type { z } from 'zod/mini';
import type * as S from '@green-shield/shared/api/source-schemas';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { complaintText, proposeMatches } from '@green-shield/shared/sources/matching';
import { isHandled } from '@green-shield/shared/complaints/state-machine';
import { ApiError } from '../lib/errors';
import type { Principal } from '../lib/tokens';
import type { ComplaintRecord } from '../complaints/records';
import { officerScope, scopeCovers } from '../lib/officer-scope';
import { actingOfficer, officerCollection, officerView, written, type SourceContext } from './context';
import { sourceEvent } from './registration';
import { toSourceSummary } from './views';

export class ComplaintMatchService {
  constructor(private readonly ctx: SourceContext) {}

  /** The complaint, if it is in this district and in the officer's care; undefined otherwise. */
  private async complaintInCare(principal: Principal, complaintId: string): Promise<ComplaintRecord | undefined> {
    const complaint = await this.ctx.complaints.get(complaintId);
    const inCare = complaint && complaint.districtCode === this.ctx.district.code && scopeCovers(officerScope(principal), complaint.streetCode);
    return inCare ? complaint : undefined;
  }

  async linkComplaint(principal: Principal, id: string, body: z.infer<typeof S.LinkComplaintBody>): Promise<OfficerSourceViewT> {
    const collection = await officerCollection(this.ctx, principal, id);
    const { source } = collection;
    const complaint = await this.complaintInCare(principal, body.complaintId);
    if (!complaint) throw new ApiError('NOT_FOUND', 'No such complaint in your care', [{ field: 'body.complaintId', message: '未找到该举报' }]);
    if (body.substantiated && !isHandled(complaint.status)) {
      throw new ApiError('COMPLAINT_NOT_HANDLED', 'A complaint is found substantiated only once it has been handled');
    }
    const linked = {
      id: complaint.id,
      trackingNumber: complaint.trackingNumber,
      substantiated: body.substantiated,
      receivedAt: complaint.submittedAt,
      countsAs: complaint.duplicateOf ?? complaint.trackingNumber,
    };
    const event = sourceEvent(
      source,
      await actingOfficer(this.ctx, principal),
      { type: 'complaint_linked', complaint: linked },
      this.ctx.clock.now().toISOString(),
    );
    if (!(await this.ctx.complaints.link(complaint.id, source.id, event)))
      throw new ApiError('ALREADY_LINKED', 'This complaint is already linked to this source');
    return officerView(this.ctx, written(collection, { events: [event] }));
  }

  async matchesFor(principal: Principal, complaintId: string) {
    const complaint = await this.complaintInCare(principal, complaintId);
    if (!complaint) throw new ApiError('NOT_FOUND', 'No such complaint in your care');
    const text = { address: complaint.location.address, description: complaint.description };
    const [candidates, linked] = await Promise.all([
      this.ctx.candidates.forComplaint(this.ctx.district.code, complaint.location, complaintText(text)),
      this.ctx.complaints.linkedSources(complaintId),
    ]);
    const proposals = proposeMatches({ location: complaint.location, ...text }, candidates);
    // Candidates carry what the rules weigh; the proposed few are read whole, in the proposals' order.
    const proposalOf = new Map(proposals.map((proposal) => [proposal.sourceId, proposal]));
    const proposed = await this.ctx.sources.getMany(proposals.map((proposal) => proposal.sourceId));
    return {
      substantiable: isHandled(complaint.status),
      items: proposed
        .map((source) => ({ source, proposal: proposalOf.get(source.id)! }))
        .map(({ source, proposal }) => ({
          source: toSourceSummary(source),
          distanceMetres: proposal.distanceMetres,
          nameSimilarity: proposal.nameSimilarity,
          alreadyLinked: linked.has(proposal.sourceId),
          linkedSubstantiated: linked.get(proposal.sourceId) === true,
        })),
    };
  }
}
