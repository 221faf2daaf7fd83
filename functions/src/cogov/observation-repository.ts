/**
 * Volunteers' observations in the table: one item each (its events beside it), in its street's
 * lists, its volunteer's list, the triage queue and the open inspection tasks (items.ts).
 */
import { keys } from '../store/keys';
import type { TransactItems } from '../store/operations';
import { countUpTo, getItem, queryEvery, queryPage } from '../store/queries';
import { cogovEventItem, observationItem } from './items';
import type { CogovEventRecord, ObservationRecord } from './records';
import { CogovTable } from './cogov-table';

const PAGE_SIZE = 20;

export class ObservationRepository extends CogovTable {
  get(id: string): Promise<ObservationRecord | undefined> {
    return getItem<ObservationRecord>(this.db, this.tableName, keys.observation(id));
  }

  /** Writes a new observation with its event and idempotency record; false when the key was taken meanwhile. */
  async create(record: ObservationRecord, event: CogovEventRecord, idempotencyRecord: TransactItems[number]): Promise<boolean> {
    return (await this.writeNew(observationItem(record), cogovEventItem(keys.observationCollection(record.id), event), idempotencyRecord)) === 'ok';
  }

  /** Replaces the observation if nobody changed it since `expectedVersion`, with its event. */
  update(next: ObservationRecord, expectedVersion: number, event: CogovEventRecord): Promise<boolean> {
    return this.writeNext(observationItem(next), expectedVersion, [cogovEventItem(keys.observationCollection(next.id), event)]);
  }

  /** A street's observations awaiting triage (oldest first: the longest waiting), or all of them (newest first). */
  listOfStreet(districtCode: string, streetCode: string, awaiting: boolean, cursor: string | undefined) {
    return this.streetList<ObservationRecord>(
      keys.observationsAwaitingTriage(districtCode, streetCode),
      keys.observationsOfStreet(districtCode, streetCode),
      awaiting,
      cursor,
    );
  }

  listBy(userId: string, cursor: string | undefined) {
    return this.volunteerList<ObservationRecord>(keys.observationsBy(userId), cursor);
  }

  /** Every observation of a volunteer (their own history: bounded by what one person does). */
  allBy(userId: string): Promise<ObservationRecord[]> {
    return queryEvery<ObservationRecord>(this.db, this.tableName, { index: 'GSI2', partition: keys.observationsBy(userId) });
  }

  /** A street's open inspection tasks, the soonest due first. */
  openInspectionTasks(districtCode: string, streetCode: string, cursor: string | undefined) {
    return queryPage<ObservationRecord>(this.db, this.tableName, {
      index: 'GSI4',
      partition: keys.openInspectionTasks(districtCode, streetCode),
      cursor,
      limit: PAGE_SIZE,
    });
  }

  countAwaitingTriage(districtCode: string, streetCode: string, cap: number) {
    return countUpTo(this.db, this.tableName, { index: 'GSI1', partition: keys.observationsAwaitingTriage(districtCode, streetCode) }, cap);
  }

  /** How many observations a street had since an instant. */
  countSince(districtCode: string, streetCode: string, since: string, cap: number) {
    return countUpTo(this.db, this.tableName, { index: 'GSI3', partition: keys.observationsOfStreet(districtCode, streetCode), after: since }, cap);
  }

  countOpenInspectionTasks(districtCode: string, streetCode: string, cap: number) {
    return countUpTo(this.db, this.tableName, { index: 'GSI4', partition: keys.openInspectionTasks(districtCode, streetCode) }, cap);
  }
}
