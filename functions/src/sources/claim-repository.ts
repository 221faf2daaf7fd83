/**
 * Claims in the table: a resident's request to be linked to a source as its operator, until an
 * officer decides it. Access patterns 28, 29 and 32.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { failedConditionIndex, transact, type TransactItems } from '../store/operations';
import { getItem, queryPage } from '../store/queries';
import { claimItem, pendingClaimGuardItem } from './items';
import type { OperatorLinkRepository } from './operator-link-repository';
import type { ClaimRecord, OperatorLinkRecord, SourceEventRecord } from './records';

const PENDING_LIMIT = 100;
const CLAIMANT_LIMIT = 50;

export class ClaimRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly operatorLinks: OperatorLinkRepository,
  ) {}

  /**
   * Files a claim unless the claimant already has one pending for the source (a guard item, removed
   * when the claim is decided, makes a retried claim return the pending one instead of a second).
   */
  async file(claim: ClaimRecord): Promise<ClaimRecord> {
    const cancelled = await transact(this.db, [
      { Put: { TableName: this.tableName, Item: pendingClaimGuardItem(claim), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: claimItem(claim), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
    if (!cancelled) return claim;
    if (failedConditionIndex(cancelled) !== 0) throw cancelled;
    const guard = await getItem<{ claimId: string }>(this.db, this.tableName, keys.pendingClaimGuard(claim.sourceId, claim.userId), true);
    const pending = guard && (await this.get(guard.claimId));
    if (!pending) throw new Error('Pending-claim guard points at a missing claim');
    return pending;
  }

  get(id: string): Promise<ClaimRecord | undefined> {
    return getItem<ClaimRecord>(this.db, this.tableName, keys.claim(id), true);
  }

  /** The district's pending claims (one street's when given), by street then date. */
  async pending(districtCode: string, streetCode: string | undefined): Promise<ClaimRecord[]> {
    const page = await queryPage<ClaimRecord>(this.db, this.tableName, {
      index: 'GSI1',
      partition: keys.pendingClaims(districtCode),
      prefix: streetCode && keys.inStreet(streetCode),
      limit: PENDING_LIMIT,
    });
    return page.items;
  }

  /** One claimant's claims, oldest first. */
  async by(userId: string): Promise<ClaimRecord[]> {
    const page = await queryPage<ClaimRecord>(this.db, this.tableName, { index: 'GSI2', partition: keys.claimsBy(userId), limit: CLAIMANT_LIMIT });
    return page.items;
  }

  /**
   * Decides a pending claim (it leaves the pending list); an approval links the claimant in the same
   * transaction. Returns false when someone decided it first or the claimant is already linked.
   */
  async decide(decided: ClaimRecord, link?: { record: OperatorLinkRecord; event: SourceEventRecord }): Promise<boolean> {
    const items: TransactItems = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.claim(decided.id),
          UpdateExpression: `SET #status = :status, decidedAt = :at, decidedBy = :by${decided.reason ? ', reason = :reason' : ''} REMOVE gsi1pk, gsi1sk`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': decided.status,
            ':at': decided.decidedAt,
            ':by': decided.decidedBy,
            ':pending': 'pending',
            ...(decided.reason ? { ':reason': decided.reason } : {}),
          },
        },
      },
      { Delete: { TableName: this.tableName, Key: keys.pendingClaimGuard(decided.sourceId, decided.userId) } },
      ...(link ? this.operatorLinks.linkItems(link.record, link.event) : []),
    ];
    const cancelled = await transact(this.db, items);
    if (!cancelled) return true;
    if (failedConditionIndex(cancelled) >= 0) return false;
    throw cancelled;
  }
}
