/**
 * The sources a complaint may be about (access pattern 24): the nearest ones, however dense the
 * area, and the ones its text names.
 *
 * Nearest: every source in the complaint's geohash-7 cell (about 130 m × 150 m), then in each ring
 * of cells around it, until at least `NEAREST_CANDIDATES` lie within the distance the rings read
 * are sure to cover, or that distance passes the match radius. Each cell is read whole, so what is
 * read is bounded by the area, never cut at a count.
 *
 * Named: each place in the text where a name may start is looked up as a name prefix in the name
 * index (two characters, more while they start too many names), so a source the complaint names is
 * found wherever it is; the proposal rules decide how far away it may be.
 *
 * Candidates are what both indexes project (id, name, address, location: TABLE_DEFINITION), all the
 * proposal rules weigh; only the few sources proposed are then read whole.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { coveredRadiusMetres, FINE_CELL_PRECISION, geohashEncode, geohashRing, NEARBY_CELL_PRECISION } from '@green-shield/shared/geo/geohash';
import { type MatchCandidate, nameLookups, nearestAreRead } from '@green-shield/shared/sources/matching';
import { inPool } from '../lib/pool';
import { keys } from '../store/keys';
import { queryEvery, queryPage } from '../store/queries';

/** What the proposal rules weigh of a candidate: what both candidate indexes project (TABLE_DEFINITION). */
const CANDIDATE_ATTRIBUTES = ['id', 'name', 'address', 'location'] as const satisfies ReadonlyArray<keyof MatchCandidate>;

/** A fuse: at Shanghai's latitude three rings already reach past the match radius. */
const MAX_RINGS = 5;
/** Sources one name-prefix lookup reads before it narrows the prefix by the text's next character. */
const NAME_LOOKUP_PAGE = 20;
const LOOKUPS_IN_FLIGHT = 8;

/** Every source in one geohash-7 cell: a sort-key prefix of its geohash-6 cell's partition, read whole. */
function sourcesInCell(db: DynamoDBDocumentClient, tableName: string, districtCode: string, cell: string): Promise<MatchCandidate[]> {
  return queryEvery<MatchCandidate>(db, tableName, {
    index: 'GSI4',
    partition: keys.sourcesInCell(districtCode, cell.slice(0, NEARBY_CELL_PRECISION)),
    prefix: cell,
    attributes: CANDIDATE_ATTRIBUTES,
  });
}

/** Reads the candidates: geohash cells from GSI4, names from GSI3. */
export class MatchCandidates {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The candidates for a complaint: the nearest sources and the sources its text names, each once. */
  async forComplaint(districtCode: string, location: { lat: number; lng: number }, text: string): Promise<MatchCandidate[]> {
    const [near, named] = await Promise.all([this.near(districtCode, location), this.named(districtCode, text)]);
    const byId = new Map([...near, ...named].map((source) => [source.id, source]));
    return [...byId.values()];
  }

  /** Every source in the rings of geohash-7 cells around the point, ring by ring until the nearest are read. */
  async near(districtCode: string, point: { lat: number; lng: number }): Promise<MatchCandidate[]> {
    const centre = geohashEncode(point.lat, point.lng, FINE_CELL_PRECISION);
    const found: MatchCandidate[] = [];
    for (let ring = 0; ring <= MAX_RINGS; ring++) {
      const cells = await Promise.all(geohashRing(centre, ring).map((cell) => sourcesInCell(this.db, this.tableName, districtCode, cell)));
      found.push(...cells.flat());
      if (nearestAreRead(point, found, coveredRadiusMetres(point, FINE_CELL_PRECISION, ring))) break;
    }
    return found;
  }

  /** The sources whose names start where the text may name one. */
  async named(districtCode: string, text: string): Promise<MatchCandidate[]> {
    const lookups = new Map<string, Promise<{ items: MatchCandidate[]; nextCursor?: string }>>();
    const startingWith = (prefix: string) => {
      if (!lookups.has(prefix))
        lookups.set(
          prefix,
          queryPage<MatchCandidate>(this.db, this.tableName, {
            index: 'GSI3',
            partition: keys.sourcesByInitial(districtCode, [...prefix][0]),
            prefix,
            limit: NAME_LOOKUP_PAGE,
            attributes: CANDIDATE_ATTRIBUTES,
          }),
        );
      return lookups.get(prefix)!;
    };
    const found: MatchCandidate[] = [];
    await inPool(nameLookups(text), LOOKUPS_IN_FLIGHT, async (lookup) => {
      const characters = [...lookup];
      for (let length = 2; length <= characters.length; length++) {
        const page = await startingWith(characters.slice(0, length).join(''));
        // All the names with this prefix, or as narrow as the text allows.
        if (!page.nextCursor || length === characters.length) {
          found.push(...page.items);
          return;
        }
      }
    });
    return found;
  }
}
