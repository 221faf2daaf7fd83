/**
 * Volunteers' second looks at resolutions in the table: one review per volunteer and resolution
 * (a guard item), in its street's lists and its volunteer's, a dispute in its street's open list
 * until an officer answers it.
 */
import { keys } from '../store/keys';
import type { TransactItems } from '../store/operations';
import { countUpTo, getItem, queryBetween } from '../store/queries';
import { cogovEventItem, reviewItem } from './items';
import type { CogovEventRecord, ReviewRecord, ReviewSubject } from './records';
import { CogovTable } from './cogov-table';

/** What a review is about, as one key part: the complaint, or the rectification order. */
export function subjectKey(subject: ReviewSubject): string {
  return subject.kind === 'complaint' ? `COMPLAINT#${subject.complaintId}` : `RECT#${subject.rectificationId}`;
}

export class ReviewRepository extends CogovTable {
  get(id: string): Promise<ReviewRecord | undefined> {
    return getItem<ReviewRecord>(this.db, this.tableName, keys.review(id));
  }

  /** Writes a new review with its guard, event and idempotency record: 'key-taken' for a retry, 'reviewed' when the volunteer already reviewed it. */
  async create(record: ReviewRecord, event: CogovEventRecord, idempotencyRecord: TransactItems[number]): Promise<'ok' | 'key-taken' | 'reviewed'> {
    const guard = {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.reviewGuard(subjectKey(record.subject), record.volunteerId), entity: 'ReviewGuard', reviewId: record.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const written = await this.writeNew(reviewItem(record), cogovEventItem(keys.reviewCollection(record.id), event), idempotencyRecord, [guard]);
    return written === 'guarded' ? 'reviewed' : written;
  }

  update(next: ReviewRecord, expectedVersion: number, event: CogovEventRecord): Promise<boolean> {
    return this.writeNext(reviewItem(next), expectedVersion, [cogovEventItem(keys.reviewCollection(next.id), event)]);
  }

  /** A street's open disputes (the longest waiting first), or all its reviews (newest first). */
  listOfStreet(districtCode: string, streetCode: string, open: boolean, cursor: string | undefined) {
    return this.streetList<ReviewRecord>(keys.openDisputes(districtCode, streetCode), keys.reviewsOfStreet(districtCode, streetCode), open, cursor);
  }

  listBy(userId: string, cursor: string | undefined) {
    return this.volunteerList<ReviewRecord>(keys.reviewsBy(userId), cursor);
  }

  listByBetween(userId: string, from: string, to: string): Promise<ReviewRecord[]> {
    return queryBetween<ReviewRecord>(this.db, this.tableName, { index: 'GSI2', partition: keys.reviewsBy(userId), from, to });
  }

  countOpen(districtCode: string, streetCode: string, cap: number) {
    return countUpTo(this.db, this.tableName, { index: 'GSI1', partition: keys.openDisputes(districtCode, streetCode) }, cap);
  }
}
