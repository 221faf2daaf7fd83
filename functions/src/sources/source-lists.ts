/**
 * Lists of sources, read from the indexes: the officers' search (which index answers which query is
 * decided here and only here), early warnings, the candidates near a complaint, a street's sources
 * for the rebuild job. Access patterns 21–26 in docs/architecture.md.
 */
import { QueryCommand, type DynamoDBDocumentClient, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { normalizeCreditCode } from '@green-shield/shared/sources/credit-code';
import { KEY_SUPERVISION_TAG } from '@green-shield/shared/sources/credit-rules';
import { geohashEncode, geohashWithNeighbours } from '@green-shield/shared/geo/geohash';
import { keys } from '../store/keys';
import { stripKeys } from '../store/operations';
import { decodeCursor, encodeCursor } from '../store/pagination';
import type { IndexName } from '../store/table-definition';
import { nameKey } from './items';
import type { SourceRecord } from './records';
import type { SourceRepository } from './repository';

const PAGE_SIZE = 20;
/** Sources read per geohash cell for match proposals (a cell is about 1.2 km × 0.6 km). */
const CELL_LIMIT = 200;

export interface SourcePage {
  items: SourceRecord[];
  nextCursor?: string;
}

/** What officers search by; `streetCode` is the street their scope allows (see access.ts). */
export interface SourceQuery {
  creditCode?: string;
  name?: string;
  tag?: string;
  level?: string;
  streetCode?: string;
  kind?: string;
  cursor?: string;
}

/** Attributes a page read by key may be narrowed by (never widened). */
interface Narrowing {
  kind?: string;
  streetCode?: string;
  level?: string;
}

interface IndexRead {
  prefix?: string;
  cursor?: string;
  narrowing?: Narrowing;
  limit?: number;
}

export class SourceLists {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly sources: SourceRepository,
  ) {}

  /**
   * One page of the officers' search. Each query is answered by the index made for it: a credit
   * code by its lookup item, a name prefix by the name index, a tag by its membership list, a level
   * by the level index, a street by the street index; the bureau without a filter sees the
   * district's key-supervision list first.
   */
  async search(districtCode: string, query: SourceQuery): Promise<SourcePage> {
    const { kind, level, streetCode: street, cursor } = query;
    if (query.creditCode) {
      const id = await this.sources.sourceIdByCreditCode(districtCode, normalizeCreditCode(query.creditCode));
      const found = id ? await this.sources.getMany([id]) : [];
      return { items: found.filter((source) => !street || source.streetCode === street) };
    }
    if (query.name) {
      const prefix = nameKey(query.name);
      return this.sourcesPage('GSI3', keys.sourcesByInitial(districtCode, [...prefix][0]), { prefix, cursor, narrowing: { kind, streetCode: street, level } });
    }
    if (query.tag) return this.membersPage(keys.sourcesWithTag(districtCode, query.tag), { prefix: street && keys.inStreet(street), cursor }, { kind, level });
    if (level)
      return this.sourcesPage('GSI2', keys.sourcesAtLevel(districtCode, level), { prefix: street && keys.inStreet(street), cursor, narrowing: { kind } });
    if (street) return this.sourcesPage('GSI1', keys.sourcesInStreet(districtCode, street), { cursor, narrowing: { kind } });
    return this.membersPage(keys.sourcesWithTag(districtCode, KEY_SUPERVISION_TAG), { cursor }, { kind });
  }

  /** Sources with early warnings, by street then name. */
  warnings(districtCode: string, query: { streetCode?: string; cursor?: string }): Promise<SourcePage> {
    return this.membersPage(keys.sourcesWithWarnings(districtCode), { prefix: query.streetCode && keys.inStreet(query.streetCode), cursor: query.cursor }, {});
  }

  /** The sources in a point's geohash cell and its eight neighbours: the candidates a complaint may be about. */
  async near(districtCode: string, location: { lat: number; lng: number }): Promise<SourceRecord[]> {
    const cells = geohashWithNeighbours(geohashEncode(location.lat, location.lng));
    const pages = await Promise.all(cells.map((cell) => this.sourcesPage('GSI4', keys.sourcesInCell(districtCode, cell), { limit: CELL_LIMIT })));
    return pages.flatMap((page) => page.items);
  }

  /** One page of a street's sources by name (the rebuild job walks the district street by street). */
  inStreet(districtCode: string, streetCode: string, options: { cursor?: string; limit?: number }): Promise<SourcePage> {
    return this.sourcesPage('GSI1', keys.sourcesInStreet(districtCode, streetCode), options);
  }

  /** How many sources a district has (a COUNT query per street; for progress, not for requests). */
  async count(districtCode: string, streetCodes: readonly string[]): Promise<number> {
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

  private async sourcesPage(indexName: IndexName, partition: string, read: IndexRead): Promise<SourcePage> {
    const page = await this.indexPage(indexName, partition, read);
    return { items: page.items.map((item) => stripKeys<SourceRecord>(item)), nextCursor: page.nextCursor };
  }

  /** Lists kept as membership items (tags, warnings) hold ids; the sources are fetched in one batch, then narrowed. */
  private async membersPage(partition: string, read: Pick<IndexRead, 'prefix' | 'cursor'>, narrowing: Pick<Narrowing, 'kind' | 'level'>): Promise<SourcePage> {
    const page = await this.indexPage('GSI1', partition, read);
    const sources = await this.sources.getMany(page.items.map((item) => item.sourceId as string));
    const wanted = (source: SourceRecord) =>
      (!narrowing.kind || source.kind === narrowing.kind) && (!narrowing.level || source.credit.level === narrowing.level);
    return { items: sources.filter(wanted), nextCursor: page.nextCursor };
  }

  /** One page of an index; cursors are checked against the partition read. */
  private async indexPage(indexName: IndexName, partition: string, read: IndexRead) {
    const pkName = `${indexName.toLowerCase()}pk`;
    const skName = `${indexName.toLowerCase()}sk`;
    const values: Record<string, NativeAttributeValue> = { ':pk': partition };
    let condition = `${pkName} = :pk`;
    if (read.prefix) {
      condition += ` AND begins_with(${skName}, :prefix)`;
      values[':prefix'] = read.prefix;
    }
    // Narrowing filters a page read by key; it never widens what the key condition reads.
    const filters: string[] = [];
    const names: Record<string, string> = {};
    for (const [attribute, value] of Object.entries(read.narrowing ?? {})) {
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
        ExclusiveStartKey: decodeCursor(read.cursor, pkName, partition),
        Limit: read.limit ?? PAGE_SIZE,
      }),
    );
    return { items: page.Items ?? [], nextCursor: encodeCursor(page.LastEvaluatedKey) };
  }
}
