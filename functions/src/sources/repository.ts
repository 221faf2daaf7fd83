/**
 * The source aggregate in the table: a source with its partition (timeline, rectification orders,
 * operator links, tag and warning memberships) and its credit-code uniqueness. Lists and searches
 * over many sources are in `source-lists.ts`; the score projection's write in `score-projection.ts`.
 * Access patterns: docs/architecture.md.
 */
import type { DynamoDBDocumentClient, NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { batchGet, failedConditionIndex, packTransactions, queryPartition, stripKeys, transact, type TransactItems } from '../store/operations';
import { getItem, queryPage } from '../store/queries';
import { awaitingDecisionItem, creditCodeItem, eventItem, rectificationItem, sourceIndexAttributes, sourceItem, tagItems, warningItem } from './items';
import type { OperatorLinkRecord, RectificationRecord, SourceCollection, SourceEventRecord, SourceRecord } from './records';

/** An edit races the score projection only in the milliseconds between its read and its write. */
const MAX_EDIT_ATTEMPTS = 3;
const TIMELINE_PAGE_SIZE = 20;

export type SourceWriteOutcome = 'ok' | 'conflict' | 'duplicate-credit-code' | 'idempotency-key-taken';

type TransactItem = TransactItems[number];

const allTags = (source: SourceRecord) => new Set([...source.tags, ...source.systemTags]);

/** The attributes the score projection owns. */
function projectionOf(
  source: SourceRecord,
): Pick<SourceRecord, 'credit' | 'warnings' | 'systemTags' | 'openRectifications' | 'awaitingDecision' | 'decisionDueAt' | 'lastInspectionAt' | 'rescoreAt'> {
  const { credit, warnings, systemTags, openRectifications, awaitingDecision, decisionDueAt, lastInspectionAt, rescoreAt } = source;
  return { credit, warnings, systemTags, openRectifications, awaitingDecision, decisionDueAt, lastInspectionAt, rescoreAt };
}

/** The list memberships the projection puts a source in besides its tags: warnings, evidence awaiting a decision. */
function projectedMemberships(source: SourceRecord) {
  return [...(source.warnings.length > 0 ? [warningItem(source, source.warnings)] : []), ...(source.awaitingDecision ? [awaitingDecisionItem(source)] : [])];
}

export class SourceRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private put(Item: Record<string, unknown>, ConditionExpression?: string): TransactItem {
    return { Put: { TableName: this.tableName, Item, ...(ConditionExpression ? { ConditionExpression } : {}) } };
  }

  get(id: string): Promise<SourceRecord | undefined> {
    return getItem<SourceRecord>(this.db, this.tableName, keys.source(id));
  }

  async getMany(ids: readonly string[]): Promise<SourceRecord[]> {
    const items = await batchGet(
      this.db,
      this.tableName,
      ids.map((id) => keys.source(id)),
    );
    const byId = new Map(items.map((item) => [item.id as string, stripKeys<SourceRecord>(item)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** The source with its whole partition: timeline, rectifications, operator links. */
  async getCollection(id: string): Promise<SourceCollection | undefined> {
    const items = await queryPartition(this.db, this.tableName, keys.sourceCollection(id));
    const source = items.find((item) => item.sk === keys.sourceSortKey);
    if (!source) return undefined;
    const of = <T>(prefix: string) => items.filter((item) => String(item.sk).startsWith(prefix)).map((item) => stripKeys<T>(item));
    return {
      source: stripKeys<SourceRecord>(source),
      events: of<SourceEventRecord>(keys.sourceEventPrefix),
      rectifications: of<RectificationRecord>(keys.rectificationPrefix),
      operators: of<OperatorLinkRecord>(keys.sourceOperatorPrefix),
    };
  }

  /** One page of a source's timeline, newest first. */
  timelinePage(sourceId: string, cursor: string | undefined) {
    return queryPage<SourceEventRecord>(this.db, this.tableName, {
      partition: keys.sourceCollection(sourceId),
      prefix: keys.sourceEventPrefix,
      newestFirst: true,
      cursor,
      limit: TIMELINE_PAGE_SIZE,
    });
  }

  async sourceIdByCreditCode(districtCode: string, creditCode: string): Promise<string | undefined> {
    return (await getItem<{ sourceId: string }>(this.db, this.tableName, keys.creditCode(districtCode, creditCode)))?.sourceId;
  }

  async sourceIdsByCreditCodes(districtCode: string, creditCodes: readonly string[]): Promise<Map<string, string>> {
    const items = await batchGet(
      this.db,
      this.tableName,
      creditCodes.map((code) => keys.creditCode(districtCode, code)),
    );
    return new Map(items.map((item) => [item.creditCode as string, item.sourceId as string]));
  }

  private creationItems(source: SourceRecord, event: SourceEventRecord): TransactItems {
    return [
      this.put(creditCodeItem(source), 'attribute_not_exists(pk)'),
      this.put(sourceItem(source), 'attribute_not_exists(pk)'),
      this.put(eventItem(event)),
      ...tagItems(source, [...allTags(source)]).map((item) => this.put(item)),
    ];
  }

  /** Registers a source: the source, its credit-code item, its first event and its tag memberships, atomically. */
  async create(source: SourceRecord, event: SourceEventRecord): Promise<SourceWriteOutcome> {
    const cancelled = await transact(this.db, this.creationItems(source, event));
    if (!cancelled) return 'ok';
    if (failedConditionIndex(cancelled) === 0) return 'duplicate-credit-code';
    throw cancelled;
  }

  /** Registers many sources with few round trips (see `inGroups`). */
  createMany(registrations: ReadonlyArray<{ source: SourceRecord; event: SourceEventRecord }>): Promise<SourceWriteOutcome[]> {
    return this.inGroups(
      registrations,
      ({ source, event }) => this.creationItems(source, event),
      ({ source, event }) => this.create(source, event),
    );
  }

  /** Applies many attribute changes with few round trips (see `inGroups`). */
  updateMany(changes: ReadonlyArray<{ next: SourceRecord; previous: SourceRecord; event: SourceEventRecord }>): Promise<SourceWriteOutcome[]> {
    return this.inGroups(
      changes,
      ({ next, previous, event }) => this.updateItems(next, previous, event),
      ({ next, previous, event }) => this.update(next, previous, event),
    );
  }

  /**
   * Writes independent changes packed into as few transactions (100 items each) as they fit. A
   * transaction cancelled by a condition is redone change by change, so each gets its own outcome.
   */
  private async inGroups<T>(
    changes: readonly T[],
    itemsOf: (change: T) => TransactItems,
    one: (change: T) => Promise<SourceWriteOutcome>,
  ): Promise<SourceWriteOutcome[]> {
    const outcomes: SourceWriteOutcome[] = new Array(changes.length);
    for (const group of packTransactions(changes.map((change, index) => ({ index, items: itemsOf(change) })))) {
      const cancelled = await transact(
        this.db,
        group.flatMap((member) => member.items),
      );
      if (!cancelled) {
        for (const { index } of group) outcomes[index] = 'ok';
        continue;
      }
      if (failedConditionIndex(cancelled) < 0) throw cancelled;
      for (const { index } of group) outcomes[index] = await one(changes[index]);
    }
    return outcomes;
  }

  /**
   * Replaces the source's attributes if nobody changed them since `expectedVersion`, keeping the
   * score projection as stored, and appends the event. Index keys and tag memberships follow.
   * Some keys hold the level (by level and kind), which the projection owns: if it moved since the
   * edit read the source, the edit is applied again on top of the projection as it now stands.
   */
  async update(next: SourceRecord, previous: SourceRecord, event: SourceEventRecord): Promise<SourceWriteOutcome> {
    for (let attempt = 0; attempt < MAX_EDIT_ATTEMPTS; attempt++) {
      const cancelled = await transact(this.db, this.updateItems(next, previous, event));
      if (!cancelled) return 'ok';
      if (failedConditionIndex(cancelled) !== 0) throw cancelled;
      const current = await getItem<SourceRecord>(this.db, this.tableName, keys.source(previous.id), true);
      if (!current || current.version !== previous.version) return 'conflict';
      const projection = projectionOf(current);
      next = { ...next, ...projection };
      previous = { ...previous, ...projection };
    }
    return 'conflict';
  }

  /**
   * Writes the source's index keys and memberships again from the record as stored (for keys added
   * after it was written; `npm run lists:reindex`). Idempotent; false if the source changed meanwhile.
   */
  async reindex(source: SourceRecord): Promise<boolean> {
    const items: TransactItems = [
      this.attributeUpdate(source, source),
      ...[...tagItems(source, [...allTags(source)]), ...projectedMemberships(source)].map((item) => this.put(item)),
    ];
    const cancelled = await transact(this.db, items);
    if (cancelled && failedConditionIndex(cancelled) !== 0) throw cancelled;
    return !cancelled;
  }

  private updateItems(next: SourceRecord, previous: SourceRecord, event: SourceEventRecord): TransactItems {
    const before = allTags(previous);
    const after = allTags(next);
    const movedIndexes = previous.streetCode !== next.streetCode || previous.name !== next.name || previous.kind !== next.kind;
    const items: TransactItems = [
      this.attributeUpdate(next, previous),
      this.put(eventItem(event)),
      ...[...before].filter((tag) => !after.has(tag)).map((tag) => ({ Delete: { TableName: this.tableName, Key: keys.sourceTag(next.id, tag) } })),
      ...tagItems(
        next,
        [...after].filter((tag) => movedIndexes || !before.has(tag)),
      ).map((item) => this.put(item)),
    ];
    if (movedIndexes) items.push(...projectedMemberships(next).map((item) => this.put(item)));
    return items;
  }

  /**
   * Sets the attributes an edit may change and every index key, on condition of the version read
   * and of the projection's level and system tags the keys and memberships were built from (the
   * projection's own attributes stay as stored).
   */
  private attributeUpdate(next: SourceRecord, read: SourceRecord): TransactItem {
    const { credit, warnings, systemTags, openRectifications, awaitingDecision, decisionDueAt, lastInspectionAt, rescoreAt, ...attributes } = next;
    const entries = Object.entries({ ...attributes, ...sourceIndexAttributes(next) });
    const names: Record<string, string> = { '#credit': 'credit', '#level': 'level', '#systemTags': 'systemTags' };
    const values: Record<string, NativeAttributeValue> = { ':expected': read.version, ':level': read.credit.level, ':systemTags': read.systemTags };
    // Attributes the change cleared are removed (an undefined value cannot be SET).
    const sets: string[] = [];
    const removes: string[] = [];
    for (const [i, [name, value]] of entries.entries()) {
      names[`#a${i}`] = name;
      if (value === undefined) {
        removes.push(`#a${i}`);
        continue;
      }
      values[`:v${i}`] = value;
      sets.push(`#a${i} = :v${i}`);
    }
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.source(next.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'version = :expected AND #credit.#level = :level AND #systemTags = :systemTags',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * Appends events and writes rectification orders in one transaction, on condition that the
   * source exists; with an idempotency record (store/idempotency.ts), a retry with the same key
   * writes nothing and answers 'idempotency-key-taken'.
   */
  async append(
    sourceId: string,
    events: SourceEventRecord[],
    rectifications: Array<{ record: RectificationRecord; expectedVersion?: number }>,
    idempotencyRecord?: TransactItem,
  ): Promise<SourceWriteOutcome> {
    const items: TransactItems = [
      { ConditionCheck: { TableName: this.tableName, Key: keys.source(sourceId), ConditionExpression: 'attribute_exists(pk)' } },
      ...events.map((event) => this.put(eventItem(event))),
      ...rectifications.map(({ record, expectedVersion }) => ({
        Put: {
          TableName: this.tableName,
          Item: rectificationItem(record),
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
        },
      })),
    ];
    if (idempotencyRecord) items.push(idempotencyRecord);
    const cancelled = await transact(this.db, items);
    if (!cancelled) return 'ok';
    const failed = failedConditionIndex(cancelled);
    if (idempotencyRecord && failed === items.length - 1) return 'idempotency-key-taken';
    if (failed > 0) return 'conflict';
    throw cancelled;
  }
}
