/**
 * Joint inspection requests in the table: the request with its timeline in one partition, its
 * reference numbers from a counter, its lists (`list-plans.ts`). Access patterns: docs/architecture.md.
 */
import { JOINT_INSPECTION_TERMINAL } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import { keys } from '../store/keys';
import { failedConditionIndex, nextInSequence, queryPartition, stripKeys, transact, type TransactItems } from '../store/operations';
import { getItem, queryEvery, queryPage } from '../store/queries';
import { jointInspectionEventItem, jointInspectionItem } from './items';
import { planJointInspectionList, type JointInspectionFilter } from './list-plans';
import type { JointInspectionEventRecord, JointInspectionRecord } from './records';
import { CogovTable } from './cogov-table';

const PAGE_SIZE = 20;

export class JointInspectionRepository extends CogovTable {
  /** Writes a new request, its first event and the idempotency record; false when the key was taken meanwhile. */
  async create(record: JointInspectionRecord, event: JointInspectionEventRecord, idempotencyRecord: TransactItems[number]): Promise<boolean> {
    return (await this.writeNew(jointInspectionItem(record), jointInspectionEventItem(event), idempotencyRecord)) === 'ok';
  }

  /** The request alone, without its timeline. */
  get(id: string): Promise<JointInspectionRecord | undefined> {
    return getItem<JointInspectionRecord>(this.db, this.tableName, keys.jointInspection(id));
  }

  async getWithEvents(id: string): Promise<JointInspectionWithEvents | undefined> {
    const items = await queryPartition(this.db, this.tableName, keys.jointInspectionCollection(id));
    const request = items.find((item) => item.sk === keys.jointInspection(id).sk);
    if (!request) return undefined;
    const events = items.filter((item) => String(item.sk).startsWith(keys.cogovEventPrefix)).map((item) => stripKeys<JointInspectionEventRecord>(item));
    return { record: stripKeys<JointInspectionRecord>(request), events };
  }

  /** Replaces the request only if nobody stepped it since `expectedVersion`, and appends the events. */
  step(next: JointInspectionRecord, expectedVersion: number, events: JointInspectionEventRecord[]): Promise<boolean> {
    return this.writeNext(jointInspectionItem(next), expectedVersion, events.map(jointInspectionEventItem));
  }

  /** Appends a comment while the request has not ended (whatever steps the other party takes meanwhile); false once it has. */
  async comment(event: JointInspectionEventRecord): Promise<boolean> {
    const ended = Object.fromEntries(JOINT_INSPECTION_TERMINAL.map((status, i) => [`:ended${i}`, status]));
    const cancelled = await transact(this.db, [
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.jointInspection(event.requestId),
          ConditionExpression: `attribute_exists(pk) AND NOT #status IN (${Object.keys(ended).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: ended,
        },
      },
      { Put: { TableName: this.tableName, Item: jointInspectionEventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
    if (cancelled && failedConditionIndex(cancelled) < 0) throw cancelled;
    return !cancelled;
  }

  /** The statuses of a street's requests not yet ended (at most `cap` + 1 read: `more` past the cap). */
  async openStatuses(districtCode: string, streetCode: string, cap: number): Promise<{ statuses: string[]; more: boolean }> {
    const items = await queryEvery<{ status: string }>(
      this.db,
      this.tableName,
      { index: 'GSI4', partition: keys.openJointInspections(districtCode, streetCode), attributes: ['status'] },
      cap + 1,
    );
    return { statuses: items.slice(0, cap).map((item) => item.status), more: items.length > cap };
  }

  /** The number in the request's reference (`JA-LJ-<year>-<n>`). */
  nextReferenceSequence(districtCode: string, year: number): Promise<number> {
    return nextInSequence(this.db, this.tableName, keys.jointReferenceCounter(districtCode, year));
  }

  async list(districtCode: string, streetCode: string | undefined, filter: JointInspectionFilter, cursor: string | undefined) {
    return queryPage<JointInspectionRecord>(this.db, this.tableName, {
      ...planJointInspectionList(districtCode, streetCode, filter),
      cursor,
      limit: PAGE_SIZE,
    });
  }
}

/** A request with its whole timeline, oldest event first. */
export interface JointInspectionWithEvents {
  record: JointInspectionRecord;
  events: JointInspectionEventRecord[];
}
