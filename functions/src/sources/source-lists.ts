/**
 * Lists of sources, read from the indexes: the officers' search (which index answers which query is
 * decided here and only here), early warnings, the candidates near a complaint, a street's sources
 * for the rebuild job. Access patterns 21–26 in docs/architecture.md.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { normalizeCreditCode } from '@green-shield/shared/sources/credit-code';
import { KEY_SUPERVISION_TAG } from '@green-shield/shared/sources/credit-rules';
import { geohashEncode, geohashWithNeighbours } from '@green-shield/shared/geo/geohash';
import { keys } from '../store/keys';
import { countPartition, queryPage, type PartitionQuery } from '../store/queries';
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

  /** How many sources a district has (counted street by street; for progress, not for requests). */
  async count(districtCode: string, streetCodes: readonly string[]): Promise<number> {
    let total = 0;
    for (const street of streetCodes)
      total += await countPartition(this.db, this.tableName, { index: 'GSI1', partition: keys.sourcesInStreet(districtCode, street) });
    return total;
  }

  private sourcesPage(index: IndexName, partition: string, { narrowing, limit = PAGE_SIZE, ...keyRead }: IndexRead): Promise<SourcePage> {
    return queryPage<SourceRecord>(this.db, this.tableName, { index, partition, ...keyRead, filter: narrowingFilter(narrowing), limit });
  }

  /** Lists kept as membership items (tags, warnings) hold ids; the sources are fetched in one batch, then narrowed. */
  private async membersPage(partition: string, read: Pick<IndexRead, 'prefix' | 'cursor'>, narrowing: Pick<Narrowing, 'kind' | 'level'>): Promise<SourcePage> {
    const page = await queryPage<{ sourceId: string }>(this.db, this.tableName, { index: 'GSI1', partition, ...read, limit: PAGE_SIZE });
    const sources = await this.sources.getMany(page.items.map((member) => member.sourceId));
    const wanted = (source: SourceRecord) =>
      (!narrowing.kind || source.kind === narrowing.kind) && (!narrowing.level || source.credit.level === narrowing.level);
    return { items: sources.filter(wanted), nextCursor: page.nextCursor };
  }
}

/** The filter narrowing a page read by key to a kind, a street, a level (none when nothing narrows). */
function narrowingFilter(narrowing: Narrowing | undefined): PartitionQuery['filter'] {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const [attribute, value] of Object.entries(narrowing ?? {})) {
    if (value === undefined) continue;
    values[`:${attribute}`] = value;
    if (attribute === 'level') {
      names['#level'] = 'credit';
      names['#levelName'] = 'level';
      conditions.push('#level.#levelName = :level');
    } else {
      names[`#${attribute}`] = attribute;
      conditions.push(`#${attribute} = :${attribute}`);
    }
  }
  return conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined;
}
