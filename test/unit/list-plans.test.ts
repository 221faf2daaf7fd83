/**
 * Which key answers which filter: for every combination of filters the app offers, the plan reads
 * by key (the one exception named), from few partitions, and where the item builders write what
 * the filters ask for. Also the candidates of match proposals: cells by rings, the distance they
 * cover, name lookups, and the proposal rules.
 */
import { describe, expect, it } from 'vitest';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '@green-shield/shared/complaints/state-machine';
import { COMPLAINT_TYPES } from '@green-shield/shared/complaints/taxonomy';
import { nextDeadline, overdue, overdueFrom, owesDeadline } from '@green-shield/shared/complaints/due-dates';
import { CREDIT_LEVELS } from '@green-shield/shared/sources/credit-rules';
import { SOURCE_KINDS } from '@green-shield/shared/sources/kinds';
import { coveredRadiusMetres, distanceMetres, FINE_CELL_PRECISION, geohashEncode, geohashRing } from '@green-shield/shared/geo/geohash';
import { MATCH_RADIUS_METRES, MAX_NAME_LOOKUPS, NEAREST_CANDIDATES, nameLookups, nearestAreRead, proposeMatches } from '@green-shield/shared/sources/matching';
import { planSearch, type SourceQuery } from '../../functions/src/sources/search-plan';
import { sourceItem, tagItems } from '../../functions/src/sources/items';
import type { SourceRecord } from '../../functions/src/sources/records';
import { planQueue } from '../../functions/src/complaints/queue-plan';
import { complaintItem, queueEntryItems } from '../../functions/src/complaints/items';
import type { ComplaintRecord } from '../../functions/src/complaints/records';

const DISTRICT = '310106';

/** Every subset of the given filters, as objects. */
function combinations<T extends Record<string, unknown>>(filters: T): Array<Partial<T>> {
  return Object.entries(filters).reduce<Array<Partial<T>>>(
    (subsets, [name, value]) => subsets.flatMap((subset) => [subset, { ...subset, [name]: value }]),
    [{}],
  );
}

/** Whether an item is in a list: one of the plan's partitions of its index, within its sort-key range. */
function listed(item: Record<string, unknown>, plan: { index: string; partitions: string[]; prefix?: string; before?: string }): boolean {
  const n = plan.index.slice(3);
  const sortKey = String(item[`gsi${n}sk`]);
  return plan.partitions.includes(String(item[`gsi${n}pk`])) && (!plan.prefix || sortKey.startsWith(plan.prefix)) && (!plan.before || sortKey < plan.before);
}

describe('the registry search plan', () => {
  const source = {
    id: '01JSOURCE0000000000000000',
    districtCode: DISTRICT,
    kind: 'industrial',
    name: '华新 Chemical 厂',
    creditCode: '91310106000000000X',
    address: '测试路 1 号',
    location: { lat: 31.2296, lng: 121.448, coordSystem: 'WGS-84' },
    streetCode: 'jingansi',
    tags: ['夜间施工'],
    systemTags: ['重点监管'],
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    credit: { score: 70, level: 'yellow', levelByScore: 'yellow', rulesVersion: 'x', asOf: '2026-01-01T00:00:00.000Z', explanation: [] },
    warnings: [],
    openRectifications: 0,
  } as SourceRecord;
  const items = [sourceItem(source), ...tagItems(source, ['夜间施工', '重点监管'])];
  const filters = { streetCode: 'jingansi', level: 'yellow', kind: 'industrial', tag: '夜间施工', name: '华新c' };

  it('reads every combination the search page offers where the builders put a matching source, by key but for one', () => {
    for (const query of combinations(filters) as SourceQuery[]) {
      const plan = planSearch(DISTRICT, query);
      if (plan.read !== 'list') throw new Error('a list was expected');
      expect(plan.partitions.length).toBeLessThanOrEqual(5);
      // The source meets every filter (and, with none, is on the key-supervision list the bureau sees first).
      expect(
        items.some((item) => listed(item, plan)),
        JSON.stringify(query),
      ).toBe(true);
      // The one combination no key answers: a name prefix in the whole district with a level, kind or tag.
      const residual = Boolean(query.name && !query.streetCode && (query.level || query.kind || query.tag));
      expect(plan.filter !== undefined, JSON.stringify(query)).toBe(residual);
    }
  });

  it('reads a level alone from its five kinds, a kind alone from its four levels, never the source outside the filters', () => {
    const byLevel = planSearch(DISTRICT, { level: 'red' });
    expect(byLevel).toMatchObject({ index: 'GSI2', partitions: SOURCE_KINDS.map((kind) => `SOURCES#${DISTRICT}#LEVEL#red#KIND#${kind}`) });
    expect(planSearch(DISTRICT, { kind: 'industrial', streetCode: 'jingansi' })).toMatchObject({
      partitions: CREDIT_LEVELS.map((level) => `SOURCES#${DISTRICT}#LEVEL#${level}#KIND#industrial`),
      prefix: 'jingansi#',
    });
    for (const query of [
      { level: 'red' },
      { kind: 'restaurant' },
      { streetCode: 'pengpuzhen' },
      { tag: '其他' },
      { name: '老' },
      { streetCode: 'jingansi', name: '老' },
    ]) {
      const plan = planSearch(DISTRICT, query);
      if (plan.read !== 'list') throw new Error('a list was expected');
      expect(
        items.some((item) => listed(item, plan)),
        JSON.stringify(query),
      ).toBe(false);
    }
    expect(planSearch(DISTRICT, { creditCode: ' 91310106000000000x ' })).toEqual({ read: 'creditCode', creditCode: '91310106000000000X' });
  });
});

describe('the queue plan', () => {
  const submittedAt = '2026-01-01T00:00:00.000Z';
  const complaint = (status: ComplaintStatus) =>
    ({
      id: '01JCOMPLAINT000000000000000',
      districtCode: DISTRICT,
      status,
      streetCode: 'jingansi',
      category: { type: 'noise', subtype: 'other' },
      complainantId: 'u1',
      submittedAt,
      acknowledgeBy: '2026-01-16T00:00:00.000Z',
      closeBy: '2026-03-02T00:00:00.000Z',
    }) as ComplaintRecord;
  const later = '2026-06-01T00:00:00.000Z';

  it('answers every combination of street, status, type, overdue and urgency from few partitions, holding exactly the complaints that meet it', () => {
    for (const status of COMPLAINT_STATUSES) {
      const record = complaint(status);
      const items = [complaintItem(record), ...queueEntryItems(record).put];
      for (const filter of combinations({ streetCode: 'jingansi', status, type: 'noise', overdueAt: later, urgentFirst: true })) {
        const plan = planQueue(DISTRICT, filter.streetCode, filter);
        const isOverdue = overdue(status, record, new Date(later)).any;
        if ('none' in plan) {
          expect(filter.overdueAt && !isOverdue).toBeTruthy();
          continue;
        }
        expect(plan.partitions.length).toBeLessThanOrEqual(9);
        expect(
          items.some((item) => listed(item, plan)),
          `${status} ${JSON.stringify(filter)}`,
        ).toBe((!filter.overdueAt || isOverdue) && (!filter.urgentFirst || filter.status !== undefined || owesDeadline(status)));
        // Most urgent first reads up by the moment each becomes overdue, unless the status owes no deadline.
        expect(plan.newestFirst, `${status} ${JSON.stringify(filter)}`).toBe(!(filter.urgentFirst && (!filter.status || owesDeadline(filter.status))));
      }
      // Nor in another status's, type's or street's list.
      const others: Array<{ streetCode?: string; status?: ComplaintStatus; type?: string }> = [
        { status: status === 'closed' ? 'submitted' : 'closed' },
        { type: 'air' },
        { streetCode: 'pengpuzhen', type: 'noise' },
      ];
      for (const other of others) {
        const plan = planQueue(DISTRICT, other.streetCode, other);
        if ('none' in plan) continue;
        expect(items.some((item) => listed(item, plan))).toBe(false);
      }
    }
  });

  it('merges one partition per type for a status in a street, one per status for a type', () => {
    expect(planQueue(DISTRICT, 'jingansi', { status: 'submitted' })).toMatchObject({ index: 'GSI2' });
    expect((planQueue(DISTRICT, 'jingansi', { status: 'submitted' }) as { partitions: string[] }).partitions).toHaveLength(COMPLAINT_TYPES.length);
    expect((planQueue(DISTRICT, undefined, { type: 'air' }) as { partitions: string[] }).partitions).toHaveLength(COMPLAINT_STATUSES.length);
    expect(planQueue(DISTRICT, undefined, { status: 'closed', overdueAt: later })).toEqual({ none: true });
    expect(planQueue(DISTRICT, undefined, {})).toEqual({ index: 'GSI2', partitions: [`QUEUE#${DISTRICT}`], newestFirst: true });
  });

  it('lists the work owed most urgent first: every complaint owing a deadline, ascending by when it is or becomes overdue', () => {
    expect(planQueue(DISTRICT, undefined, { urgentFirst: true })).toEqual({ index: 'GSI3', partitions: [`OVERDUE#${DISTRICT}`], newestFirst: false });
    expect(planQueue(DISTRICT, 'jingansi', { urgentFirst: true, overdueAt: later })).toEqual({
      index: 'GSI4',
      partitions: [`OVERDUE#${DISTRICT}#STREET#jingansi`],
      before: later,
      newestFirst: false,
    });
    // A status owing no deadline has no urgency: newest first, as without it.
    expect(planQueue(DISTRICT, undefined, { urgentFirst: true, status: 'closed' })).toEqual(planQueue(DISTRICT, undefined, { status: 'closed' }));
    // The order the lists hold: overdue first (longest overdue first), then by due date.
    const withDue = (id: string, status: ComplaintStatus, acknowledgeBy: string, closeBy: string) =>
      queueEntryItems({ ...complaint(status), id, acknowledgeBy, closeBy }).put[0].gsi3sk as string;
    const keysInOrder = [
      withDue('A', 'in_progress', '2026-01-16T00:00:00.000Z', '2026-03-02T00:00:00.000Z'),
      withDue('B', 'submitted', '2026-05-20T00:00:00.000Z', '2026-07-01T00:00:00.000Z'),
      withDue('C', 'accepted', '2026-05-20T00:00:00.000Z', '2026-05-25T00:00:00.000Z'),
      withDue('D', 'submitted', '2026-06-05T00:00:00.000Z', '2026-07-20T00:00:00.000Z'),
    ];
    expect([...keysInOrder].sort()).toEqual(keysInOrder);
    expect(keysInOrder.filter((key) => key < later)).toHaveLength(3);
  });

  it('indexes a complaint by the moment it becomes overdue, as the views flag it', () => {
    const due = { acknowledgeBy: '2026-01-16T00:00:00.000Z', closeBy: '2026-03-02T00:00:00.000Z' };
    for (const status of COMPLAINT_STATUSES)
      for (const at of ['2026-01-10T00:00:00.000Z', due.acknowledgeBy, '2026-02-01T00:00:00.000Z', due.closeBy, '2026-04-01T00:00:00.000Z']) {
        const from = overdueFrom(status, due);
        expect(from !== undefined && at > from, `${status} at ${at}`).toBe(overdue(status, due, new Date(at)).any);
      }
  });

  it('names the deadline owed next: acknowledging while submitted, closing while open, none once resolved', () => {
    const due = { acknowledgeBy: '2026-01-16T00:00:00.000Z', closeBy: '2026-03-02T00:00:00.000Z' };
    expect(nextDeadline('submitted', due)).toEqual({ kind: 'acknowledge', by: due.acknowledgeBy });
    expect(nextDeadline('accepted', due)).toEqual({ kind: 'close', by: due.closeBy });
    expect(nextDeadline('reopened', due)).toEqual({ kind: 'close', by: due.closeBy });
    // A closing deadline earlier than the acknowledgement's (a short closing limit) comes first.
    expect(nextDeadline('submitted', { acknowledgeBy: due.closeBy, closeBy: due.acknowledgeBy })).toEqual({ kind: 'close', by: due.acknowledgeBy });
    for (const status of ['resolved', 'closed', 'duplicate', 'not_our_responsibility'] as const) expect(nextDeadline(status, due)).toBeUndefined();
  });
});

describe('match candidates', () => {
  const spot = { lat: 31.2296, lng: 121.448 };

  it('reads rings of fine cells, each ring covering more, three reaching past the match radius at Shanghai', () => {
    const centre = geohashEncode(spot.lat, spot.lng, FINE_CELL_PRECISION);
    expect([0, 1, 2, 3].map((ring) => geohashRing(centre, ring).length)).toEqual([1, 8, 16, 24]);
    const covered = [0, 1, 2, 3].map((ring) => coveredRadiusMetres(spot, FINE_CELL_PRECISION, ring));
    expect(covered[0]).toBeLessThan(covered[1]);
    expect(covered[1]).toBeGreaterThan(120);
    expect(covered[2]).toBeGreaterThan(covered[1] + 120);
    expect(covered[3]).toBeGreaterThan(MATCH_RADIUS_METRES);
    // Every place within the covered distance lies in a cell read.
    const read = new Set([0, 1, 2].flatMap((ring) => geohashRing(centre, ring)));
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const radians = (bearing * Math.PI) / 180;
      const metres = covered[2] - 1;
      const place = {
        lat: spot.lat + (metres * Math.cos(radians)) / 111_195,
        lng: spot.lng + (metres * Math.sin(radians)) / (111_195 * Math.cos((spot.lat * Math.PI) / 180)),
      };
      expect(distanceMetres(spot, place)).toBeLessThan(covered[2]);
      expect(read.has(geohashEncode(place.lat, place.lng, FINE_CELL_PRECISION))).toBe(true);
    }
  });

  it('stops once enough of the nearest lie within the covered distance, or it passes the radius', () => {
    const at = (metres: number, id: string) => ({ id, name: id, address: '', location: { lat: spot.lat + metres / 111_195, lng: spot.lng } });
    const close = Array.from({ length: NEAREST_CANDIDATES }, (_, i) => at(10 + i, `c${i}`));
    expect(nearestAreRead(spot, close, 50)).toBe(true);
    expect(nearestAreRead(spot, close.slice(1), 50)).toBe(false);
    expect(nearestAreRead(spot, [at(200, 'far')], 60)).toBe(false);
    expect(nearestAreRead(spot, [], MATCH_RADIUS_METRES)).toBe(true);
  });

  it('looks names up where they may start in the text, once per prefix, at most a fixed number', () => {
    const lookups = nameLookups('静安区 南京西路1号，老弄堂面馆油烟');
    // In the names' own form: full-width punctuation folded, as the index stores them.
    expect(lookups[0]).toBe('静安区南京西路1号,老弄');
    expect(lookups).toContain('老弄堂面馆油烟');
    // Not from a digit, nor across punctuation.
    expect(lookups.some((lookup) => /^[0-9]/.test(lookup) || lookup.startsWith('号,'))).toBe(false);
    expect(nameLookups('AB Cafe').map((lookup) => lookup.slice(0, 2))).toEqual(['ab', 'bc', 'ca', 'af', 'fe']);
    const long = Array.from({ length: 500 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    expect(nameLookups(long)).toHaveLength(MAX_NAME_LOOKUPS);
  });

  it('proposes a named source first and up to 600 m away, others within 300 m by score', () => {
    const at = (metres: number, id: string, name = id) => ({ id, name, address: '某地', location: { lat: spot.lat + metres / 111_195, lng: spot.lng } });
    const candidates = [
      at(20, 'near', '甲乙'),
      at(250, 'edge', '丙丁'),
      at(320, 'beyond', '戊己'),
      at(450, 'named', '蓝天汽修厂'),
      at(700, 'named-far', '蓝天汽修厂二'),
    ];
    const proposals = proposeMatches({ location: spot, address: '某路', description: '蓝天汽修厂和蓝天汽修厂二喷漆' }, candidates);
    expect(proposals.map((proposal) => proposal.sourceId)).toEqual(['named', 'near', 'edge']);
  });
});
