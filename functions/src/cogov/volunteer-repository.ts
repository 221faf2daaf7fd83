/**
 * Volunteers in the table: each resident's one volunteering item beside their profile, in their
 * street's list of its status, and its events (decisions, thanks) in `VOLUNTEER#<id>`.
 */
import { keys } from '../store/keys';
import { failedConditionIndex, queryPrefix, stripKeys, transact } from '../store/operations';
import { countUpTo, getItem, queryPage } from '../store/queries';
import { cogovEventItem, volunteerItem } from './items';
import type { CogovEventRecord, VolunteerRecord } from './records';
import { CogovTable } from './cogov-table';

const PAGE_SIZE = 20;

export class VolunteerRepository extends CogovTable {
  get(userId: string, consistent = false): Promise<VolunteerRecord | undefined> {
    return getItem<VolunteerRecord>(this.db, this.tableName, keys.volunteer(userId), consistent);
  }

  /** An application, written only where none stands or the last was declined or withdrawn; false otherwise. */
  async apply(record: VolunteerRecord, event: CogovEventRecord): Promise<boolean> {
    const cancelled = await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: volunteerItem(record),
          ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:declined, :withdrawn)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':declined': 'declined', ':withdrawn': 'withdrawn' },
        },
      },
      { Put: { TableName: this.tableName, Item: cogovEventItem(keys.volunteerEvents(record.userId), event) } },
    ]);
    if (cancelled && failedConditionIndex(cancelled) !== 0) throw cancelled;
    return !cancelled;
  }

  /** An officer's decision, if nobody decided since `expectedVersion`. */
  decide(next: VolunteerRecord, expectedVersion: number, event: CogovEventRecord): Promise<boolean> {
    return this.writeNext(volunteerItem(next), expectedVersion, [cogovEventItem(keys.volunteerEvents(next.userId), event)]);
  }

  /** An event about the volunteer that changes nothing else (thanks). */
  async addEvent(userId: string, event: CogovEventRecord): Promise<void> {
    await transact(this.db, [{ Put: { TableName: this.tableName, Item: cogovEventItem(keys.volunteerEvents(userId), event) } }]);
  }

  /** The volunteer's events (decisions and thanks), oldest first: a volunteer's own history. */
  async events(userId: string): Promise<CogovEventRecord[]> {
    return (await queryPrefix(this.db, this.tableName, keys.volunteerEvents(userId), keys.cogovEventPrefix)).map((item) => stripKeys<CogovEventRecord>(item));
  }

  listOfStreet(districtCode: string, streetCode: string, status: string, cursor: string | undefined) {
    return queryPage<VolunteerRecord>(this.db, this.tableName, {
      index: 'GSI1',
      partition: keys.volunteersOfStreet(districtCode, streetCode, status),
      cursor,
      limit: PAGE_SIZE,
    });
  }

  count(districtCode: string, streetCode: string, status: string, cap: number) {
    return countUpTo(this.db, this.tableName, { index: 'GSI1', partition: keys.volunteersOfStreet(districtCode, streetCode, status) }, cap);
  }
}
