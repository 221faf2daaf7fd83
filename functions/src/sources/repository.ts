/**
 * The registry in the table: sources and their partitions, credit-code uniqueness, index
 * memberships (tags, warnings), operator links and claims. Access patterns: docs/architecture.md.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { geohashEncode } from '@green-shield/shared/geo/geohash';
import { keys } from '../store/keys';
import { batchGet, failedConditionIndex, queryPartition, stripKeys, transact, type TransactItems } from '../store/operations';
import { decodeCursor, encodeCursor } from '../store/pagination';
import type { IndexName } from '../store/table-definition';
import type { ScoreProjection } from './facts';
import type { ClaimRecord, OperatorLinkRecord, RectificationRecord, SourceCollection, SourceEventRecord, SourceRecord } from './records';

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const MAX_TRANSACTION_ITEMS = 100;
const SOURCE_PAGE_SIZE = 20;

/** Names sort and match by this form: no spaces, Latin letters lower-case. */
export function nameKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

function sourceIndexAttributes(source: Pick<SourceRecord, 'id' | 'districtCode' | 'streetCode' | 'name' | 'location' | 'credit'>) {
  const byName = `${nameKey(source.name)}#${source.id}`;
  return {
    gsi1pk: keys.sourcesInStreet(source.districtCode, source.streetCode),
    gsi1sk: byName,
    gsi2pk: keys.sourcesAtLevel(source.districtCode, source.credit.level),
    gsi2sk: `${source.streetCode}#${byName}`,
    gsi3pk: keys.sourcesByInitial(source.districtCode, [...nameKey(source.name)][0] ?? '_'),
    gsi3sk: byName,
    gsi4pk: keys.sourcesInCell(source.districtCode, geohashEncode(source.location.lat, source.location.lng)),
    gsi4sk: source.id,
  };
}

/** A membership item puts the source into a list (a tag, the warnings) ordered by street then name. */
function membershipItem(key: { pk: string; sk: string }, listKey: string, source: Pick<SourceRecord, 'id' | 'streetCode' | 'name'>, entity: string) {
  return { ...key, entity, sourceId: source.id, gsi1pk: listKey, gsi1sk: `${source.streetCode}#${nameKey(source.name)}#${source.id}` };
}

export interface IdempotencyClaim {
  userId: string;
  key: string;
  fingerprint: string;
  nowSeconds: number;
}

export interface SourceFilter {
  kind?: string;
  streetCode?: string;
  level?: string;
}

export type SourceWriteOutcome = 'ok' | 'conflict' | 'duplicate-credit-code' | 'idempotency-key-taken';

export class SourceRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  sourceItem(source: SourceRecord) {
    return { ...keys.source(source.id), entity: 'Source', ...source, ...sourceIndexAttributes(source) };
  }

  eventItem(event: SourceEventRecord) {
    return { ...keys.sourceEvent(event.sourceId, event.at, event.eventId), entity: 'SourceEvent', ...event };
  }

  rectificationItem(rectification: RectificationRecord) {
    return { ...keys.rectification(rectification.sourceId, rectification.id), entity: 'Rectification', ...rectification };
  }

  private tagItems(source: SourceRecord, tags: readonly string[]) {
    return tags.map((tag) => membershipItem(keys.sourceTag(source.id, tag), keys.sourcesWithTag(source.districtCode, tag), source, 'SourceTag'));
  }

  async get(id: string): Promise<SourceRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.source(id) }));
    return Item ? stripKeys<SourceRecord>(Item) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<SourceRecord[]> {
    const items = await batchGet(
      this.db,
      this.tableName,
      ids.map((id) => keys.source(id)),
    );
    const byId = new Map(items.map((item) => [item.id as string, stripKeys<SourceRecord>(item)]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  /** The source with its whole partition: timeline, rectifications, operator links. */
  async getCollection(id: string): Promise<SourceCollection | undefined> {
    const items = await queryPartition(this.db, this.tableName, keys.sourceCollection(id));
    const source = items.find((item) => item.sk === 'SOURCE');
    if (!source) return undefined;
    const of = <T>(prefix: string) => items.filter((item) => String(item.sk).startsWith(prefix)).map((item) => stripKeys<T>(item));
    return {
      source: stripKeys<SourceRecord>(source),
      events: of<SourceEventRecord>('EVENT#'),
      rectifications: of<RectificationRecord>('RECT#'),
      operators: of<OperatorLinkRecord>('OPERATOR#'),
    };
  }

  async sourceIdByCreditCode(districtCode: string, creditCode: string): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.creditCode(districtCode, creditCode) }));
    return Item?.sourceId as string | undefined;
  }

  async sourceIdsByCreditCodes(districtCode: string, creditCodes: readonly string[]): Promise<Map<string, string>> {
    const items = await batchGet(
      this.db,
      this.tableName,
      creditCodes.map((code) => keys.creditCode(districtCode, code)),
    );
    return new Map(items.map((item) => [item.creditCode as string, item.sourceId as string]));
  }

  private idempotencyItem(claim: IdempotencyClaim, resultId: string) {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.idempotency(claim.userId, claim.key),
          entity: 'Idempotency',
          resultId,
          fingerprint: claim.fingerprint,
          expiresAt: claim.nowSeconds + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': claim.nowSeconds },
      },
    };
  }

  async getIdempotency(userId: string, key: string, nowSeconds: number): Promise<{ resultId: string; fingerprint: string } | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.idempotency(userId, key), ConsistentRead: true }));
    if (!Item || (Item.expiresAt as number) < nowSeconds) return undefined;
    return { resultId: Item.resultId as string, fingerprint: Item.fingerprint as string };
  }

  private creationItems(source: SourceRecord, event: SourceEventRecord): TransactItems {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.creditCode(source.districtCode, source.creditCode), entity: 'CreditCode', creditCode: source.creditCode, sourceId: source.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: this.sourceItem(source), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: this.eventItem(event) } },
      ...this.tagItems(source, [...source.tags, ...source.systemTags]).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
    ];
  }

  /** Registers a source: the source, its credit-code claim, its first event and its tag memberships, atomically. */
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
    let group: number[] = [];
    let items: TransactItems = [];
    const flush = async () => {
      if (group.length === 0) return;
      const members = group;
      const cancelled = await transact(this.db, items);
      group = [];
      items = [];
      if (!cancelled) return members.forEach((index) => (outcomes[index] = 'ok'));
      if (failedConditionIndex(cancelled) < 0) throw cancelled;
      for (const index of members) outcomes[index] = await one(changes[index]);
    };
    for (const [index, change] of changes.entries()) {
      const next = itemsOf(change);
      if (items.length + next.length > MAX_TRANSACTION_ITEMS) await flush();
      group.push(index);
      items.push(...next);
    }
    await flush();
    return outcomes;
  }

  /**
   * Replaces the source's attributes if nobody changed them since `expectedVersion`, keeping the
   * score projection as stored, and appends the event. Tag memberships follow the tags.
   */
  async update(next: SourceRecord, previous: SourceRecord, event: SourceEventRecord): Promise<SourceWriteOutcome> {
    const cancelled = await transact(this.db, this.updateItems(next, previous, event));
    if (!cancelled) return 'ok';
    if (failedConditionIndex(cancelled) === 0) return 'conflict';
    throw cancelled;
  }

  private updateItems(next: SourceRecord, previous: SourceRecord, event: SourceEventRecord): TransactItems {
    const allTags = (source: SourceRecord) => new Set([...source.tags, ...source.systemTags]);
    const before = allTags(previous);
    const after = allTags(next);
    const movedIndexes = previous.streetCode !== next.streetCode || previous.name !== next.name;
    const { credit, warnings, systemTags, openRectifications, lastInspectionAt, ...attributes } = next;
    const names: Record<string, string> = {};
    const values: Record<string, NativeAttributeValue> = { ':expected': previous.version };
    // The level index (gsi2pk) belongs to the score projection; an edit only moves the sort key.
    const { gsi2pk, ...indexAttributes } = sourceIndexAttributes(next);
    const entries = Object.entries({ ...attributes, ...indexAttributes });
    entries.forEach(([name], i) => (names[`#a${i}`] = name));
    // Attributes the change cleared are removed (an undefined value cannot be SET).
    const sets: string[] = [];
    const removes: string[] = [];
    entries.forEach(([, value], i) => {
      if (value === undefined) return removes.push(`#a${i}`);
      values[`:v${i}`] = value;
      sets.push(`#a${i} = :v${i}`);
    });
    const items: TransactItems = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.source(next.id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      { Put: { TableName: this.tableName, Item: this.eventItem(event) } },
      ...[...before].filter((tag) => !after.has(tag)).map((tag) => ({ Delete: { TableName: this.tableName, Key: keys.sourceTag(next.id, tag) } })),
      ...this.tagItems(
        next,
        [...after].filter((tag) => movedIndexes || !before.has(tag)),
      ).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
    ];
    if (movedIndexes && previous.warnings.length > 0) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: membershipItem(keys.sourceWarning(next.id), keys.sourcesWithWarnings(next.districtCode), next, 'SourceWarning'),
        },
      });
    }
    return items;
  }

  /**
   * Appends events and writes rectification orders in one transaction, on condition that the
   * source exists; with an idempotency claim, a retry with the same key writes nothing.
   */
  async append(
    sourceId: string,
    events: SourceEventRecord[],
    rectifications: Array<{ record: RectificationRecord; expectedVersion?: number }>,
    idempotency?: IdempotencyClaim,
  ): Promise<SourceWriteOutcome> {
    const items: TransactItems = [
      { ConditionCheck: { TableName: this.tableName, Key: keys.source(sourceId), ConditionExpression: 'attribute_exists(pk)' } },
      ...events.map((event) => ({ Put: { TableName: this.tableName, Item: this.eventItem(event) } })),
      ...rectifications.map(({ record, expectedVersion }) => ({
        Put: {
          TableName: this.tableName,
          Item: this.rectificationItem(record),
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
        },
      })),
    ];
    if (idempotency) items.push(this.idempotencyItem(idempotency, events[0].eventId));
    const cancelled = await transact(this.db, items);
    if (!cancelled) return 'ok';
    const failed = failedConditionIndex(cancelled);
    if (idempotency && failed === items.length - 1) return 'idempotency-key-taken';
    if (failed > 0) return 'conflict';
    throw cancelled;
  }

  /**
   * Writes a fresh score projection and moves the source between level, tag and warning lists.
   * Idempotent, and independent of the attribute version (officers' edits never conflict with it).
   */
  async writeProjection(source: SourceRecord, projection: ScoreProjection): Promise<void> {
    const next: SourceRecord = { ...source, ...projection };
    const oldTags = new Set(source.systemTags.filter((tag) => !source.tags.includes(tag)));
    const newTags = new Set(projection.systemTags.filter((tag) => !source.tags.includes(tag)));
    const index = sourceIndexAttributes(next);
    const items: TransactItems = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.source(source.id),
          UpdateExpression:
            'SET credit = :credit, warnings = :warnings, systemTags = :systemTags, openRectifications = :open, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk' +
            (projection.lastInspectionAt ? ', lastInspectionAt = :last' : ''),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':credit': projection.credit,
            ':warnings': projection.warnings,
            ':systemTags': projection.systemTags,
            ':open': projection.openRectifications,
            ':gsi2pk': index.gsi2pk,
            ':gsi2sk': index.gsi2sk,
            ...(projection.lastInspectionAt ? { ':last': projection.lastInspectionAt } : {}),
          },
        },
      },
      ...[...oldTags].filter((tag) => !newTags.has(tag)).map((tag) => ({ Delete: { TableName: this.tableName, Key: keys.sourceTag(source.id, tag) } })),
      ...this.tagItems(
        next,
        [...newTags].filter((tag) => !oldTags.has(tag)),
      ).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
    ];
    if (projection.warnings.length > 0) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...membershipItem(keys.sourceWarning(source.id), keys.sourcesWithWarnings(source.districtCode), source, 'SourceWarning'),
            warnings: projection.warnings,
          },
        },
      });
    } else if (source.warnings.length > 0) {
      items.push({ Delete: { TableName: this.tableName, Key: keys.sourceWarning(source.id) } });
    }
    const cancelled = await transact(this.db, items);
    if (cancelled) throw cancelled;
  }

  // ---------- lists ----------

  /** One page of an index, as source ids or whole sources; cursors are checked against the partition read. */
  private async indexPage(indexName: IndexName, partition: string, options: { prefix?: string; cursor?: string; filter?: SourceFilter; limit?: number }) {
    const pkName = `${indexName.toLowerCase()}pk`;
    const skName = `${indexName.toLowerCase()}sk`;
    const values: Record<string, NativeAttributeValue> = { ':pk': partition };
    let condition = `${pkName} = :pk`;
    if (options.prefix) {
      condition += ` AND begins_with(${skName}, :prefix)`;
      values[':prefix'] = options.prefix;
    }
    // Secondary filters narrow a page read by key; they never widen what the key condition reads.
    const filters: string[] = [];
    const names: Record<string, string> = {};
    for (const [attribute, value] of Object.entries(options.filter ?? {})) {
      if (value === undefined) continue;
      names[`#${attribute}`] = attribute === 'level' ? 'credit' : attribute;
      values[`:${attribute}`] = value;
      filters.push(attribute === 'level' ? '#level.#levelName = :level' : `#${attribute} = :${attribute}`);
      if (attribute === 'level') names['#levelName'] = 'level';
    }
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: condition,
        ExpressionAttributeValues: values,
        ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
        ExclusiveStartKey: decodeCursor(options.cursor, pkName, partition),
        Limit: options.limit ?? SOURCE_PAGE_SIZE,
      }),
    );
    return { items: page.Items ?? [], nextCursor: encodeCursor(page.LastEvaluatedKey) };
  }

  async pageOfSources(indexName: IndexName, partition: string, options: { prefix?: string; cursor?: string; limit?: number } & SourceFilter) {
    const { prefix, cursor, limit, ...filter } = options;
    const page = await this.indexPage(indexName, partition, { prefix, cursor, filter, limit });
    return { items: page.items.map((item) => stripKeys<SourceRecord>(item)), nextCursor: page.nextCursor };
  }

  /** How many sources a district has (a COUNT query per street; for progress, not for requests). */
  async countSources(districtCode: string, streetCodes: readonly string[]): Promise<number> {
    let total = 0;
    for (const street of streetCodes) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.sourcesInStreet(districtCode, street) },
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
        );
        total += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return total;
  }

  /** Lists kept as membership items (tags, warnings) hold ids; the sources are fetched in one batch. */
  async pageOfMembers(partition: string, options: { prefix?: string; cursor?: string } & Pick<SourceFilter, 'kind' | 'level'>) {
    const page = await this.indexPage('GSI1', partition, { prefix: options.prefix, cursor: options.cursor });
    const sources = await this.getMany(page.items.map((item) => item.sourceId as string));
    const wanted = (source: SourceRecord) => (!options.kind || source.kind === options.kind) && (!options.level || source.credit.level === options.level);
    return { items: sources.filter(wanted), nextCursor: page.nextCursor };
  }

  // ---------- operators and claims ----------

  async isOperator(userId: string, sourceId: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.operatedSource(userId, sourceId) }));
    return Boolean(Item);
  }

  /** The accounts operating a source (a key query on its partition, not the whole collection). */
  async operatorIds(sourceId: string): Promise<string[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.sourceCollection(sourceId), ':prefix': 'OPERATOR#' },
      }),
    );
    return (Items ?? []).map((item) => item.userId as string);
  }

  async operatedSourceIds(userId: string): Promise<string[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.user(userId).pk, ':prefix': keys.operatedSourcePrefix },
      }),
    );
    return (Items ?? []).map((item) => item.sourceId as string);
  }

  private linkItems(link: OperatorLinkRecord): TransactItems {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.operatedSource(link.userId, link.sourceId), entity: 'OperatedSource', ...link },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: { ...keys.sourceOperator(link.sourceId, link.userId), entity: 'SourceOperator', ...link } } },
    ];
  }

  /** Links an operator to a source with its timeline event; false when already linked. */
  async link(link: OperatorLinkRecord, event: SourceEventRecord): Promise<boolean> {
    const cancelled = await transact(this.db, [...this.linkItems(link), { Put: { TableName: this.tableName, Item: this.eventItem(event) } }]);
    if (!cancelled) return true;
    if (failedConditionIndex(cancelled) === 0) return false;
    throw cancelled;
  }

  /** Unlinks an operator from a source with its timeline event; false when they were not linked. */
  async unlink(sourceId: string, userId: string, event: SourceEventRecord): Promise<boolean> {
    const cancelled = await transact(this.db, [
      { Delete: { TableName: this.tableName, Key: keys.operatedSource(userId, sourceId), ConditionExpression: 'attribute_exists(pk)' } },
      { Delete: { TableName: this.tableName, Key: keys.sourceOperator(sourceId, userId) } },
      { Put: { TableName: this.tableName, Item: this.eventItem(event) } },
    ]);
    if (!cancelled) return true;
    if (failedConditionIndex(cancelled) === 0) return false;
    throw cancelled;
  }

  /**
   * Files a claim unless the claimant already has one pending for the source (a guard item, removed
   * when the claim is decided, makes a retried claim return the pending one instead of a second).
   */
  async putClaim(claim: ClaimRecord): Promise<ClaimRecord> {
    const guard = keys.pendingClaimGuard(claim.sourceId, claim.userId);
    const cancelled = await transact(this.db, [
      {
        Put: { TableName: this.tableName, Item: { ...guard, entity: 'PendingClaimGuard', claimId: claim.id }, ConditionExpression: 'attribute_not_exists(pk)' },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.claim(claim.id),
            entity: 'Claim',
            ...claim,
            gsi1pk: keys.pendingClaims(claim.districtCode),
            gsi1sk: `${claim.streetCode}#${claim.createdAt}#${claim.id}`,
            gsi2pk: keys.claimsBy(claim.userId),
            gsi2sk: claim.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    if (!cancelled) return claim;
    if (failedConditionIndex(cancelled) !== 0) throw cancelled;
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: guard, ConsistentRead: true }));
    const pending = Item && (await this.getClaim(Item.claimId as string));
    if (!pending) throw new Error('Pending-claim guard points at a missing claim');
    return pending;
  }

  async getClaim(id: string): Promise<ClaimRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.claim(id), ConsistentRead: true }));
    return Item ? stripKeys<ClaimRecord>(Item) : undefined;
  }

  async pendingClaims(districtCode: string, streetCode: string | undefined): Promise<ClaimRecord[]> {
    const page = await this.indexPage('GSI1', keys.pendingClaims(districtCode), { prefix: streetCode ? `${streetCode}#` : undefined, limit: 100 });
    return page.items.map((item) => stripKeys<ClaimRecord>(item));
  }

  async claimsBy(userId: string): Promise<ClaimRecord[]> {
    const page = await this.indexPage('GSI2', keys.claimsBy(userId), { limit: 50 });
    return page.items.map((item) => stripKeys<ClaimRecord>(item));
  }

  /**
   * Decides a pending claim (it leaves the pending list); an approval links the claimant in the same
   * transaction. Returns false when someone decided it first or the claimant is already linked.
   */
  async decideClaim(decided: ClaimRecord, link?: { record: OperatorLinkRecord; event: SourceEventRecord }): Promise<boolean> {
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
      ...(link ? [...this.linkItems(link.record), { Put: { TableName: this.tableName, Item: this.eventItem(link.event) } }] : []),
    ];
    const cancelled = await transact(this.db, items);
    if (!cancelled) return true;
    if (failedConditionIndex(cancelled) >= 0) return false;
    throw cancelled;
  }

  async timelinePage(sourceId: string, cursor: string | undefined) {
    const partition = keys.sourceCollection(sourceId);
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': 'EVENT#' },
        ScanIndexForward: false,
        ExclusiveStartKey: decodeCursor(cursor, 'pk', partition),
        Limit: SOURCE_PAGE_SIZE,
      }),
    );
    return { items: (page.Items ?? []).map((item) => stripKeys<SourceEventRecord>(item)), nextCursor: encodeCursor(page.LastEvaluatedKey) };
  }
}
