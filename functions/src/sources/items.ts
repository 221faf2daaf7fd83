/**
 * The registry's entities as table items: each record with its keys and index attributes, built
 * here and nowhere else (the key formats themselves are in store/keys.ts). Pure.
 */
import { geohashEncode } from '@green-shield/shared/geo/geohash';
import { nameKey } from '@green-shield/shared/sources/matching';
import type { Warning } from '@green-shield/shared/sources/scoring';
import { keys } from '../store/keys';
import type { ClaimRecord, OperatorLinkRecord, RectificationRecord, SourceEventRecord, SourceRecord } from './records';

/** Sources sort within a geohash-6 cell by their position to this precision (about 5 m). */
const POSITION_PRECISION = 9;

type Indexed = Pick<SourceRecord, 'id' | 'districtCode' | 'streetCode' | 'name' | 'kind' | 'location' | 'credit'>;

/**
 * Where a source stands in the four indexes: its street (by name), its level and kind (by street
 * and name), its name's initial (by name), its geohash-6 cell (by position).
 */
export function sourceIndexAttributes(source: Indexed) {
  const name = nameKey(source.name);
  const byName = keys.sourcesByNameOrder(name, source.id);
  const position = geohashEncode(source.location.lat, source.location.lng, POSITION_PRECISION);
  return {
    gsi1pk: keys.sourcesInStreet(source.districtCode, source.streetCode),
    gsi1sk: byName,
    gsi2pk: keys.sourcesAtLevelOfKind(source.districtCode, source.credit.level, source.kind),
    gsi2sk: keys.sourcesByStreetOrder(source.streetCode, name, source.id),
    gsi3pk: keys.sourcesByInitial(source.districtCode, [...name][0] ?? '_'),
    gsi3sk: byName,
    gsi4pk: keys.sourcesInCell(source.districtCode, geohashEncode(source.location.lat, source.location.lng)),
    gsi4sk: keys.sourcesInCellOrder(position, source.id),
  };
}

export function sourceItem(source: SourceRecord) {
  return { ...keys.source(source.id), entity: 'Source', ...source, ...sourceIndexAttributes(source) };
}

/** The credit code's owner: makes a code unique in the district and finds its source. */
export function creditCodeItem(source: Pick<SourceRecord, 'id' | 'districtCode' | 'creditCode'>) {
  return { ...keys.creditCode(source.districtCode, source.creditCode), entity: 'CreditCode', creditCode: source.creditCode, sourceId: source.id };
}

export function eventItem(event: SourceEventRecord) {
  return { ...keys.sourceEvent(event.sourceId, event.at, event.eventId), entity: 'SourceEvent', ...event };
}

export function rectificationItem(rectification: RectificationRecord) {
  return { ...keys.rectification(rectification.sourceId, rectification.id), entity: 'Rectification', ...rectification };
}

type Member = Pick<SourceRecord, 'id' | 'districtCode' | 'streetCode' | 'name'>;

/** A membership item puts the source into a list (a tag, the warnings) ordered by street then name. */
function membershipItem(key: { pk: string; sk: string }, listKey: string, source: Member, entity: string) {
  return { ...key, entity, sourceId: source.id, gsi1pk: listKey, gsi1sk: keys.sourcesByStreetOrder(source.streetCode, nameKey(source.name), source.id) };
}

/** Tag memberships, in the tag's list and in the tag's list at the source's level and kind (so both read by street then name). */
export function tagItems(source: Member & Pick<SourceRecord, 'kind' | 'credit'>, tags: readonly string[]) {
  return tags.map((tag) => {
    const member = membershipItem(keys.sourceTag(source.id, tag), keys.sourcesWithTag(source.districtCode, tag), source, 'SourceTag');
    return { ...member, gsi2pk: keys.sourcesWithTagAtLevelOfKind(source.districtCode, tag, source.credit.level, source.kind), gsi2sk: member.gsi1sk };
  });
}

export function warningItem(source: Member, warnings: readonly Warning[]) {
  return { ...membershipItem(keys.sourceWarning(source.id), keys.sourcesWithWarnings(source.districtCode), source, 'SourceWarning'), warnings };
}

/**
 * In the list of sources with evidence awaiting an officer's decision (while `awaitingDecision` > 0),
 * the most urgent decision first: in a street by GSI1 (street, then due time), in the district by
 * GSI2 (due time).
 */
export function awaitingDecisionItem(source: Member & Pick<SourceRecord, 'awaitingDecision' | 'decisionDueAt'>) {
  const list = keys.sourcesAwaitingDecision(source.districtCode);
  const order = keys.decisionsOrder(source.decisionDueAt ?? '', source.id);
  return {
    ...keys.sourceAwaitingDecision(source.id),
    entity: 'SourceAwaitingDecision',
    sourceId: source.id,
    awaitingDecision: source.awaitingDecision,
    gsi1pk: list,
    gsi1sk: `${keys.inStreet(source.streetCode)}${order}`,
    gsi2pk: list,
    gsi2sk: order,
  };
}

/** An operator link is stored twice: under the user (my sources) and in the source's partition (its operators). */
export function operatorLinkItems(link: OperatorLinkRecord) {
  return {
    underUser: { ...keys.operatedSource(link.userId, link.sourceId), entity: 'OperatedSource', ...link },
    underSource: { ...keys.sourceOperator(link.sourceId, link.userId), entity: 'SourceOperator', ...link },
  };
}

export function claimItem(claim: ClaimRecord) {
  return {
    ...keys.claim(claim.id),
    entity: 'Claim',
    ...claim,
    gsi1pk: keys.pendingClaims(claim.districtCode),
    gsi1sk: keys.pendingClaimsOrder(claim.streetCode, claim.createdAt, claim.id),
    gsi2pk: keys.claimsBy(claim.userId),
    gsi2sk: claim.createdAt,
  };
}

/** One pending claim per claimant and source: the guard names the pending claim. */
export function pendingClaimGuardItem(claim: Pick<ClaimRecord, 'id' | 'sourceId' | 'userId'>) {
  return { ...keys.pendingClaimGuard(claim.sourceId, claim.userId), entity: 'PendingClaimGuard', claimId: claim.id };
}

export function complaintSourceLinkItem(complaintId: string, sourceId: string, linkedAt: string, substantiated: boolean) {
  return { ...keys.complaintSourceLink(complaintId, sourceId), entity: 'ComplaintSourceLink', sourceId, linkedAt, substantiated };
}
