/**
 * Lists of sources, read from the indexes: the officers' search (which key answers which filter is
 * decided in `search-plan.ts`), early warnings, a street's sources for the rebuild job. Every page
 * is full or the end (access patterns 21–26 in docs/architecture.md). The candidates for a
 * complaint are in `match-candidates.ts`.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { mergedPage } from '../store/merged-pages';
import { countPartition, countUpTo, queryPage, type PartitionQuery } from '../store/queries';
import type { SourceRecord } from './records';
import type { SourceRepository } from './repository';
import { meetsSearch, planDecisions, planSearch, type ListPlan, type SearchFilter, type SourceQuery } from './search-plan';

export type { SourceQuery } from './search-plan';

const PAGE_SIZE = 20;
/** What a membership (tag, warning, decision) holds of its source: its id, which the indexes project. */
const MEMBER_ATTRIBUTES = ['sourceId'];

/** What the rebuild reads of every source. */
export type SourceSchedule = Pick<SourceRecord, 'id' | 'rescoreAt'> & { credit: Pick<SourceRecord['credit'], 'rulesVersion'> };

export interface SourcePage {
  items: SourceRecord[];
  nextCursor?: string;
}

export class SourceLists {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly sources: SourceRepository,
  ) {}

  /** One page of the officers' search, from the key `planSearch` chose. */
  async search(districtCode: string, query: SourceQuery): Promise<SourcePage> {
    const plan = planSearch(districtCode, query);
    if (plan.read === 'creditCode') {
      const id = await this.sources.sourceIdByCreditCode(districtCode, plan.creditCode);
      const found = id ? await this.sources.getMany([id]) : [];
      return { items: found.filter((source) => meetsSearch(source, query)) };
    }
    return this.listPage(plan, query.cursor);
  }

  /** Sources with early warnings, by street then name. */
  warnings(districtCode: string, query: { streetCode?: string; cursor?: string }): Promise<SourcePage> {
    return this.membersPage(keys.sourcesWithWarnings(districtCode), query);
  }

  /** Sources with rectification evidence awaiting an officer's decision, the most urgent decision first (in the district, or in a street). */
  awaitingDecision(districtCode: string, query: { streetCode?: string; cursor?: string }): Promise<SourcePage> {
    return this.listPage(planDecisions(districtCode, query.streetCode), query.cursor);
  }

  /** How many sources have evidence awaiting a decision (in a street, or the district), counted up to `cap`. */
  countAwaitingDecision(districtCode: string, streetCode: string | undefined, cap: number) {
    return countUpTo(
      this.db,
      this.tableName,
      { index: 'GSI1', partition: keys.sourcesAwaitingDecision(districtCode), prefix: streetCode && keys.inStreet(streetCode) },
      cap,
    );
  }

  /** A membership list (its items name sources), by street then name. */
  private membersPage(partition: string, query: { streetCode?: string; cursor?: string }): Promise<SourcePage> {
    const plan: ListPlan = { read: 'list', index: 'GSI1', partitions: [partition], prefix: query.streetCode && keys.inStreet(query.streetCode), members: true };
    return this.listPage(plan, query.cursor);
  }

  /** One page of a street's sources by name (the rebuild job walks the district street by street). */
  inStreet(districtCode: string, streetCode: string, options: { cursor?: string; limit?: number }): Promise<SourcePage> {
    return queryPage<SourceRecord>(this.db, this.tableName, { index: 'GSI1', partition: keys.sourcesInStreet(districtCode, streetCode), ...options });
  }

  /** One page of a street's sources with only what tells whether each is due for rescoring (`ScoreProjector.due`): the rebuild reads every source. */
  schedulesInStreet(
    districtCode: string,
    streetCode: string,
    options: { cursor?: string; limit?: number },
  ): Promise<{ items: SourceSchedule[]; nextCursor?: string }> {
    return queryPage<SourceSchedule>(this.db, this.tableName, {
      index: 'GSI1',
      partition: keys.sourcesInStreet(districtCode, streetCode),
      attributes: ['id', 'rescoreAt', 'credit.rulesVersion'],
      ...options,
    });
  }

  /** How many sources a district has (counted street by street; for progress, not for requests). */
  async count(districtCode: string, streetCodes: readonly string[]): Promise<number> {
    let total = 0;
    for (const street of streetCodes)
      total += await countPartition(this.db, this.tableName, { index: 'GSI1', partition: keys.sourcesInStreet(districtCode, street) });
    return total;
  }

  /** One partition is paged by its own keys; several are merged. Lists of memberships (tags, warnings) hold ids, fetched in one batch. */
  private async listPage(plan: ListPlan, cursor: string | undefined): Promise<SourcePage> {
    const { index, partitions, prefix, filter } = plan;
    const page =
      partitions.length === 1
        ? await queryPage<SourceRecord & { sourceId: string }>(this.db, this.tableName, {
            index,
            partition: partitions[0],
            prefix,
            cursor,
            filter: filter && searchFilter(filter),
            limit: PAGE_SIZE,
            // A membership names its source by the id the index projects; a source list gets its items.
            attributes: plan.members ? MEMBER_ATTRIBUTES : undefined,
          })
        : await mergedPage<SourceRecord & { sourceId: string }>(this.db, this.tableName, {
            index,
            partitions,
            prefix,
            cursor,
            limit: PAGE_SIZE,
            attributes: plan.members ? MEMBER_ATTRIBUTES : undefined,
          });
    if (!plan.members) return page;
    return { items: await this.sources.getMany(page.items.map((member) => member.sourceId)), nextCursor: page.nextCursor };
  }
}

/** The read-time filter of the one search keys do not answer (a name prefix in the whole district, with a level, kind or tag). */
function searchFilter({ level, kind, tag }: SearchFilter): PartitionQuery['filter'] {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  if (level) {
    Object.assign(names, { '#credit': 'credit', '#level': 'level' });
    values[':level'] = level;
    conditions.push('#credit.#level = :level');
  }
  if (kind) {
    names['#kind'] = 'kind';
    values[':kind'] = kind;
    conditions.push('#kind = :kind');
  }
  if (tag) {
    Object.assign(names, { '#tags': 'tags', '#systemTags': 'systemTags' });
    values[':tag'] = tag;
    conditions.push('(contains(#tags, :tag) OR contains(#systemTags, :tag))');
  }
  return { expression: conditions.join(' AND '), names, values };
}
