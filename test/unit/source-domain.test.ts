/**
 * The registry's pure rules: credit codes, scores and their explanations, warnings, restaurant
 * standards, geohash cells, match proposals, eco-code signatures, posters, operator notifications.
 */
import { describe, expect, it } from 'vitest';
import { composeCreditCode, creditCodeProblem, normalizeCreditCode } from '@green-shield/shared/sources/credit-code';

const isValidCreditCode = (code: string) => creditCodeProblem(code) === undefined;
import { computeCreditScore, creditWarnings, type ScoringFact } from '@green-shield/shared/sources/scoring';
import { CREDIT_LEVELS, CURRENT_CREDIT_RULES, creditRules } from '@green-shield/shared/sources/credit-rules';
import { levelBand, levelBasis, nextLevel } from '@green-shield/shared/sources/level-guidance';
import { purifierMeetsStandard, sizeClassOf } from '@green-shield/shared/sources/kinds';
import { checklistFor, CURRENT_CHECKLISTS } from '@green-shield/shared/sources/checklists';
import { distanceMetres, geohashEncode, geohashWithNeighbours } from '@green-shield/shared/geo/geohash';
import { nameKey, nameSimilarity, nameWithoutBranch, proposeMatches } from '@green-shield/shared/sources/matching';
import { ecoCodeFromText, ecoCodeUrl } from '@green-shield/shared/sources/eco-code';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { signEcoCode, verifyEcoCode } from '../../functions/src/sources/eco-code-signer';
import { projectionChanged, projectScore } from '../../functions/src/sources/score-projection';
import { qrPath, renderPoster } from '../../functions/src/sources/poster';
import { xmlProblem } from '../support/xml';
import { sourceEventBase } from '../support/fixtures';
import { officerScope, streetFilter } from '../../functions/src/lib/officer-scope';
import { operatorNotifications } from '../../functions/src/sources/stream-handler';
import type { RectificationRecord, SourceEventRecord } from '../../functions/src/sources/records';
import { toOfficerSourceView, toOperatorSourceView, toPublicProfile } from '../../functions/src/sources/views';

const rules = CURRENT_CREDIT_RULES;
const DAY = 86_400_000;
const now = new Date('2026-11-28T04:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

describe('unified social credit codes (GB 32100-2015)', () => {
  it('accepts published codes and names the first problem of a bad one', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110108551385082q')).toBe(true);
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('characters');
    expect(creditCodeProblem('B1350100M000100Y43')).toBe('authority');
    expect(creditCodeProblem('94350100M000100Y43')).toBe('organisation-type');
    expect(creditCodeProblem('Y2350100M000100Y43')).toBe('organisation-type');
    expect(creditCodeProblem('9135A100M000100Y43')).toBe('division');
    expect(creditCodeProblem('91350100M000101Y43')).toBe('organisation-check');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check-character');
  });

  it('accepts every registration authority and organisation type of the GB 32100 table, and no other pair', () => {
    const valid = [
      '11',
      '12',
      '13',
      '19',
      '21',
      '29',
      '31',
      '35',
      '39',
      '41',
      '51',
      '52',
      '53',
      '59',
      '61',
      '62',
      '71',
      '72',
      '81',
      '91',
      '92',
      '93',
      'A1',
      'A9',
      'N1',
      'N3',
      'N9',
      'Y1',
    ];
    for (const prefix of valid) expect(creditCodeProblem(composeCreditCode(prefix, '310106', 'MA1K7P3N')), prefix).toBeUndefined();
    for (const prefix of ['14', '22', '36', '42', '54', '63', '73', '82', '94', '99', 'A2', 'N4', 'Y9', '01', 'B1'])
      expect(creditCodeProblem(composeCreditCode(prefix, '310106', 'MA1K7P3N')), prefix).toMatch(/authority|organisation-type/);
  });

  it('reads codes as people type them: inner spaces, full-width characters, lower case', () => {
    const code = '91350100M000100Y43';
    expect(normalizeCreditCode(' 9135 0100 M000 100Y 43 ')).toBe(code);
    expect(normalizeCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe(code);
    expect(normalizeCreditCode('91350100m000100y43\u3000')).toBe(code);
    expect(creditCodeProblem('９１３５０１００ｍ０００１００ｙ４３')).toBeUndefined();
    expect(creditCodeProblem('9135 0100 M000 100Y 44')).toBe('check-character');
  });

  it('composes valid codes from their parts', () => {
    for (let i = 0; i < 50; i++) expect(isValidCreditCode(composeCreditCode('92', '310106', `B${String(i * 7919).padStart(7, '0')}`))).toBe(true);
    expect(() => composeCreditCode('92', '310106', 'BRWS0001')).toThrow(/Cannot compose/);
  });
});

describe('credit score', () => {
  const inspection = (id: string, at: string, failed: Array<[string, number, string?]>): ScoringFact => ({
    kind: 'inspection',
    id,
    at,
    failedItems: failed.map(([label, points, rectificationId]) => ({ itemId: label, label, points, rectificationId })),
  });

  it('starts at 100 and green with nothing against it', () => {
    expect(computeCreditScore([], rules, now)).toMatchObject({ score: 100, level: 'green', explanation: [], rulesVersion: rules.version });
  });

  it('explains every point, newest first, and maps the score to a level by the configured cut-offs', () => {
    const facts: ScoringFact[] = [
      inspection('i1', daysAgo(10), [
        ['净化器运行', 15],
        ['清洗记录', 10],
      ]),
      { kind: 'complaint', id: 'c1', at: daysAgo(3), trackingNumber: 'JA-2026-000001', substantiated: true },
      { kind: 'complaint', id: 'c2', at: daysAgo(2), trackingNumber: 'JA-2026-000002', substantiated: false },
    ];
    const score = computeCreditScore(facts, rules, now);
    expect(score).toMatchObject({ score: 70, level: 'yellow', levelByScore: 'yellow' });
    expect(score.explanation.map((line) => [line.code, line.points, line.detail])).toEqual([
      ['verified_complaint', -5, 'JA-2026-000001'],
      ['failed_item', -15, '净化器运行'],
      ['failed_item', -10, '清洗记录'],
    ]);
    const cutoffs = rules.levels.map((band) => band.minScore);
    expect(cutoffs).toEqual([95, 80, 60, 0]);
  });

  it('reduces a failed item to a fraction once rectified in time, and charges a missed deadline', () => {
    const rectification = (closedAt?: string): ScoringFact => ({
      kind: 'rectification',
      id: 'r1',
      itemLabel: '净化器运行',
      openedAt: daysAgo(10),
      deadline: daysAgo(3),
      closedAt,
    });
    const facts = (closedAt?: string) => [inspection('i1', daysAgo(10), [['净化器运行', 15, 'r1']]), rectification(closedAt)];
    expect(computeCreditScore(facts(daysAgo(5)), rules, now)).toMatchObject({ score: 97 });
    expect(computeCreditScore(facts(undefined), rules, now).score).toBe(100 - 15 - rules.overdueRectificationPoints);
    // Closed late: the item is rectified but the missed deadline still counts.
    expect(computeCreditScore(facts(daysAgo(1)), rules, now).score).toBe(100 - 3 - rules.overdueRectificationPoints);
    // Before the deadline passed, nothing was overdue.
    expect(computeCreditScore(facts(undefined), rules, new Date(Date.parse(daysAgo(4)))).score).toBe(85);
  });

  it('forgets facts older than the look-back window and caps the bonus at the base score', () => {
    const old = inspection('i0', daysAgo(rules.lookbackDays + 1), [['异味', 10]]);
    const clean = inspection('i1', daysAgo(1), []);
    expect(computeCreditScore([old], rules, now).score).toBe(100);
    // Capped: a line says the listed points no longer add up to the score.
    expect(computeCreditScore([clean], rules, now)).toMatchObject({
      score: 100,
      explanation: [
        expect.objectContaining({ code: 'score_clamped', points: -2, at: now.toISOString() }),
        expect.objectContaining({ code: 'clean_inspection', points: 2 }),
      ],
    });
    const penalties = Array.from({ length: 8 }, (_, i): ScoringFact => ({ kind: 'penalty', id: `p${i}`, at: daysAgo(1), decisionNumber: `罚${7 - i}` }));
    const floored = computeCreditScore(penalties, rules, now);
    expect(floored.score).toBe(0);
    expect(floored.explanation[0]).toMatchObject({ code: 'score_clamped', points: 8 * rules.penaltyPoints - 100 });
    expect(floored.explanation.reduce((sum, line) => sum + line.points, 0)).toBe(-100);
    // Lines of the same moment keep one order whatever order the facts came in.
    expect(computeCreditScore([...penalties].reverse(), rules, now).explanation).toEqual(floored.explanation);
    expect(floored.explanation.slice(1).map((line) => line.ref.id)).toEqual(penalties.map((p) => p.id));
    expect(computeCreditScore([clean, inspection('i2', daysAgo(2), [['异味', 10]])], rules, now).score).toBe(92);
  });

  it('scores an order verified on site (复查销项) as rectified, and gives no clean bonus over an order still open', () => {
    const order = (closedAt?: string, deadline = daysAgo(3)): ScoringFact => ({
      kind: 'rectification',
      id: 'r1',
      itemLabel: '净化器运行',
      openedAt: daysAgo(10),
      deadline,
      closedAt,
    });
    const failed = inspection('i1', daysAgo(10), [['净化器运行', 15, 'r1']]);
    const recheck = daysAgo(5);
    const clean = inspection('i2', recheck, []);
    // Before the fix: the pass left the order open, the full item cost stood, and a bonus came on top.
    expect(computeCreditScore([failed, order(undefined, daysAgo(-10)), clean], rules, now)).toMatchObject({ score: 85 });
    expect(computeCreditScore([failed, order(undefined, daysAgo(-10)), clean], rules, now).explanation.map((line) => line.code)).not.toContain(
      'clean_inspection',
    );
    // Verified on site in time: closed at the re-inspection, the item costs its fraction and the clean visit counts.
    const verified = computeCreditScore([failed, order(recheck), clean], rules, now);
    expect(verified.score).toBe(100 - 3 + rules.cleanInspectionBonus);
    expect(verified.explanation.map((line) => [line.code, line.points])).toEqual([
      ['clean_inspection', 2],
      ['failed_item_rectified', -3],
    ]);
    // Boundaries: closed at the inspection's very moment is closed; a millisecond later it was still open then.
    const justAfter = new Date(Date.parse(recheck) + 1).toISOString();
    expect(computeCreditScore([failed, order(justAfter), clean], rules, now).score).toBe(97);
    // Verified after the deadline: rectified, but the missed deadline still costs.
    const late = daysAgo(1);
    expect(computeCreditScore([failed, order(late), inspection('i2', late, [])], rules, now).score).toBe(
      100 - 3 - rules.overdueRectificationPoints + rules.cleanInspectionBonus,
    );
  });

  it('turns a major incident red and drops one level in all for ordinary incidents, saying what each did', () => {
    const incident = (id: string, severity: 'ordinary' | 'major', days = 1): ScoringFact => ({ kind: 'incident', id, at: daysAgo(days), severity });
    const effects = (score: ReturnType<typeof computeCreditScore>) => score.explanation.filter((l) => l.code === 'incident_ordinary').map((l) => l.detail);
    expect(rules.incident.source).toContain('150号');
    const one = computeCreditScore([incident('a', 'ordinary')], rules, now);
    expect(one).toMatchObject({ score: 100, levelByScore: 'green', level: 'blue' });
    expect(effects(one)).toEqual(['lowered']);
    const two = computeCreditScore([incident('a', 'ordinary', 5), incident('b', 'ordinary', 2)], rules, now);
    expect(two.level).toBe('blue');
    expect(effects(two)).toEqual(['lowered', 'already_lowered']);
    expect(computeCreditScore([incident('a', 'major')], rules, now).level).toBe('red');
    expect(effects(computeCreditScore([incident('a', 'major'), incident('b', 'ordinary')], rules, now))).toEqual(['major_incident']);
    // Red by score already: the incident cannot lower it, and its line says so.
    const penalties = Array.from({ length: 3 }, (_, i): ScoringFact => ({ kind: 'penalty', id: `p${i}`, at: daysAgo(i + 1), decisionNumber: `罚${i}` }));
    const red = computeCreditScore([...penalties, incident('a', 'ordinary')], rules, now);
    expect(red).toMatchObject({ score: 55, level: 'red' });
    expect(effects(red)).toEqual(['already_lowest']);
    // The first rules version lowered one level per incident; scores keep the version they were computed under.
    const first = creditRules('jingan-credit-2026.1');
    expect(computeCreditScore([incident('a', 'ordinary', 5), incident('b', 'ordinary', 2)], first, now).level).toBe('yellow');
  });

  it('raises warnings for frequent verified complaints, overdue items and a sharp drop', () => {
    const complaints = [1, 5, 9].map(
      (days, i): ScoringFact => ({ kind: 'complaint', id: `c${i}`, at: daysAgo(days), trackingNumber: `JA-${i}`, substantiated: true }),
    );
    expect(creditWarnings(complaints, rules, now).map((w) => w.code)).toEqual(['frequent_complaints', 'score_drop']);
    expect(creditWarnings(complaints.slice(0, 2), rules, now)).toEqual([]);
    const overdue: ScoringFact = { kind: 'rectification', id: 'r', itemLabel: 'x', openedAt: daysAgo(40), deadline: daysAgo(35) };
    expect(creditWarnings([overdue], rules, now)).toEqual([{ code: 'overdue_rectification', value: 1 }]);
  });

  it('counts a substantiated complaint once per matter: a duplicate and its original count once, from the earlier receipt', () => {
    const complaint = (id: string, days: number, trackingNumber: string, countsAs?: string, substantiated = true): ScoringFact => ({
      kind: 'complaint',
      id,
      at: daysAgo(days),
      trackingNumber,
      substantiated,
      countsAs,
    });
    const original = complaint('c1', 20, 'JA-1');
    const duplicate = complaint('c2', 10, 'JA-2', 'JA-1');
    const score = computeCreditScore([duplicate, original], rules, now);
    expect(score.explanation.map((line) => [line.code, line.detail, line.at])).toEqual([['verified_complaint', 'JA-1', daysAgo(20)]]);
    expect(score.score).toBe(100 - rules.verifiedComplaintPoints);
    // The duplicate alone (its original not found substantiated) still counts, once.
    expect(computeCreditScore([duplicate, complaint('c1', 20, 'JA-1', undefined, false)], rules, now).explanation.map((line) => line.detail)).toEqual(['JA-2']);
    // Received 366 days ago: outside the look-back, however recently it was linked.
    expect(computeCreditScore([complaint('c3', rules.lookbackDays + 1, 'JA-3')], rules, now).score).toBe(100);
    // Three reports of one matter are one complaint for the warning.
    const same = [complaint('a', 1, 'JA-9'), complaint('b', 2, 'JA-10', 'JA-9'), complaint('c', 3, 'JA-11', 'JA-9')];
    expect(creditWarnings(same, rules, now).map((w) => w.code)).not.toContain('frequent_complaints');
  });

  it('names an existing version and refuses unknown ones', () => {
    expect(creditRules(rules.version).source).toContain('150号');
    expect(() => creditRules('nope')).toThrow(/Unknown credit-rules version/);
  });
});

describe('what a level rests on and what raises it', () => {
  const incident = (id: string, severity: 'ordinary' | 'major', days = 1): ScoringFact => ({ kind: 'incident', id, at: daysAgo(days), severity });
  const penalties = (n: number) =>
    Array.from({ length: n }, (_, i): ScoringFact => ({ kind: 'penalty', id: `p${i}`, at: daysAgo(i + 1), decisionNumber: `罚${i}` }));
  const failed = (points: number): ScoringFact => ({ kind: 'inspection', id: 'i', at: daysAgo(2), failedItems: [{ itemId: 'x', label: 'x', points }] });
  const scored = (facts: ScoringFact[]) => computeCreditScore(facts, rules, now);

  it('says a level comes from the score, a major incident, or ordinary incidents lowering it', () => {
    expect(levelBasis(scored(penalties(2)))).toEqual({ by: 'score' });
    // Red with a score of 100: a major incident, not the points.
    const major = scored([incident('m', 'major')]);
    expect(major).toMatchObject({ score: 100, level: 'red' });
    expect(levelBasis(major)).toEqual({ by: 'major_incident' });
    expect(levelBasis(scored([incident('a', 'ordinary'), incident('b', 'ordinary')]))).toEqual({ by: 'ordinary_incidents', count: 2, levelByScore: 'green' });
    // An ordinary incident on a source already red by its score changes nothing: the score is the reason.
    expect(levelBasis(scored([...penalties(3), incident('a', 'ordinary')]))).toEqual({ by: 'score' });
  });

  it('names each band by the configured cut-offs', () => {
    expect(CREDIT_LEVELS.map((level) => levelBand(level, rules))).toEqual([
      { min: 95, max: 100 },
      { min: 80, max: 94 },
      { min: 60, max: 79 },
      { min: 0, max: 59 },
    ]);
  });

  it('counts the points to the next level at each cut-off, and says when incidents hold the level whatever the score', () => {
    expect(nextLevel(scored([]), rules)).toEqual({ kind: 'top' });
    // At the boundaries: 94 needs 1 to be green, 80 needs 15, 79 needs 1 to be blue, 59 needs 1 to be yellow.
    expect(nextLevel(scored([failed(6)]), rules)).toEqual({ kind: 'points', level: 'green', points: 1 });
    expect(nextLevel(scored([failed(20)]), rules)).toEqual({ kind: 'points', level: 'green', points: 15 });
    expect(nextLevel(scored([failed(21)]), rules)).toEqual({ kind: 'points', level: 'blue', points: 1 });
    expect(nextLevel(scored([failed(41)]), rules)).toEqual({ kind: 'points', level: 'yellow', points: 1 });
    // Blue by score lowered to yellow: reaching green's band lifts it back to blue.
    expect(nextLevel(scored([failed(10), incident('a', 'ordinary')]), rules)).toEqual({ kind: 'points', level: 'blue', points: 5 });
    // Red whatever the score until the major incident leaves the 365-day look-back.
    expect(nextLevel(scored([failed(10), incident('m', 'major', 30)]), rules)).toEqual({
      kind: 'held_by_incidents',
      until: new Date(Date.parse(daysAgo(30)) + rules.lookbackDays * DAY).toISOString(),
    });
    // Already at 100 and lowered by ordinary incidents (one level in all): the last to leave the look-back frees it.
    expect(nextLevel(scored([incident('a', 'ordinary', 10), incident('b', 'ordinary', 40)]), rules)).toEqual({
      kind: 'held_by_incidents',
      until: new Date(Date.parse(daysAgo(10)) + rules.lookbackDays * DAY).toISOString(),
    });
  });
});

/** A timeline event of source `s`, registered a day ago unless the fields say otherwise. */
const event = (fields: Partial<SourceEventRecord>): SourceEventRecord => ({
  sourceId: 's',
  eventId: 'e',
  at: daysAgo(1),
  type: 'registered',
  actorId: 'o',
  actorRole: 'officer',
  districtCode: '310106',
  sourceName: '面馆',
  ...fields,
});

describe('projection from a timeline', () => {
  it('reads inspections, links, penalties and rectifications into a score, tags and counts', () => {
    const rectification: RectificationRecord = {
      id: 'r1',
      sourceId: 's',
      itemId: 'odour',
      itemLabel: '无明显异味扰民',
      basis: '',
      inspectionId: 'i',
      openedAt: daysAgo(2),
      deadline: daysAgo(-10),
      status: 'open',
      version: 0,
      evidence: [],
    };
    const events = [
      event({
        eventId: 'i',
        type: 'inspection',
        inspection: {
          checklistVersion: 'v',
          results: [
            { itemId: 'odour', label: '无明显异味扰民', points: 10, outcome: 'fail', rectificationId: 'r1' },
            { itemId: 'licences', label: '证照', points: 5, outcome: 'pass' },
          ],
        },
      }),
      event({ eventId: 'c', type: 'complaint_linked', complaint: { id: 'c1', trackingNumber: 'JA-1', substantiated: true } }),
      event({ eventId: 'p', type: 'penalty', penalty: { decisionNumber: '罚1' } }),
    ];
    const projection = projectScore(events, [rectification], rules, now);
    expect(projection).toMatchObject({ openRectifications: 1, lastInspectionAt: daysAgo(1), systemTags: ['重点监管'] });
    expect(projection.credit).toMatchObject({ score: 70, level: 'yellow' });
    expect(projectScore([], [], rules, now)).toMatchObject({ systemTags: [], openRectifications: 0, credit: { level: 'green' } });
  });
});

describe('restaurant standards and checklists', () => {
  it('classifies by reference burners (GB 18483) and applies the Shanghai efficiency (DB31/844)', () => {
    expect([1, 2.9, 3, 5, 6, 20].map((burners) => sizeClassOf(burners))).toEqual(['small', 'small', 'medium', 'medium', 'large', 'large']);
    expect(sizeClassOf(0)).toBeUndefined();
    expect(purifierMeetsStandard({ burners: 2, purifierEfficiencyPercent: 90 })).toBe(true);
    expect(purifierMeetsStandard({ burners: 8, purifierEfficiencyPercent: 89 })).toBe(false);
    expect(purifierMeetsStandard({ burners: 8 })).toBeUndefined();
  });
  it('has a versioned checklist for every kind, each item with its basis, points and deadline', () => {
    for (const kind of ['restaurant', 'auto_repair', 'construction_site', 'industrial', 'other'] as const) {
      const items = checklistFor(kind, CURRENT_CHECKLISTS.version);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item.basis.length * item.points * item.rectifyDays).toBeGreaterThan(0);
    }
    expect(checklistFor('restaurant', 'unknown')).toEqual([]);
  });
});

describe('geohash cells and match proposals', () => {
  const center = { lat: 31.2296, lng: 121.448 };
  it('encodes a known point and covers its neighbours', () => {
    expect(geohashEncode(57.64911, 10.40744, 11)).toBe('u4pruydqqvj');
    const cells = geohashWithNeighbours(geohashEncode(center.lat, center.lng));
    expect(cells).toHaveLength(9);
    expect(cells).toContain(geohashEncode(center.lat + 0.004, center.lng + 0.008));
    expect(distanceMetres(center, { lat: center.lat + 0.001, lng: center.lng })).toBeCloseTo(111.2, 0);
  });
  it('ranks near sources first, lets a named one win, and drops distant ones', () => {
    const candidates = [
      { id: 'near', name: '老王饭店', address: '愚园路 1 号', location: { lat: center.lat + 0.0002, lng: center.lng } },
      { id: 'named', name: '愚园路烧烤', address: '愚园路 9 号', location: { lat: center.lat + 0.0009, lng: center.lng } },
      { id: 'far', name: '愚园路烧烤分店', address: '远处', location: { lat: center.lat + 0.01, lng: center.lng } },
    ];
    const proposals = proposeMatches({ location: center, address: '静安区愚园路', description: '愚园路烧烤油烟很大' }, candidates);
    expect(proposals.map((p) => p.sourceId)).toEqual(['named', 'near']);
    expect(nameSimilarity('愚园路烧烤', '愚园路烧烤油烟')).toBe(1);
    expect(nameSimilarity('', 'x')).toBe(0);
  });
  it('matches names regardless of case, full-width forms and a branch suffix in brackets', () => {
    expect(nameWithoutBranch('老弄堂面馆（常德路店）')).toBe('老弄堂面馆');
    expect(nameWithoutBranch('老弄堂面馆【常德路店】')).toBe('老弄堂面馆');
    expect(nameWithoutBranch('（常德路店）')).toBe('(常德路店)');
    expect(nameSimilarity('老弄堂面馆（常德路店）', '老弄堂面馆油烟很大')).toBe(1);
    expect(nameSimilarity('老弄堂面馆', '老弄堂面馆（常德路店）油烟')).toBe(1);
    expect(nameSimilarity('ＫＦＣ炸鸡', 'kfc炸鸡排风扇太响')).toBe(1);
    expect(nameKey('ＫＦＣ 炸鸡')).toBe(nameKey('kfc炸鸡'));
    const candidates = [{ id: 'branch', name: '老弄堂面馆（常德路店）', address: '常德路 8 号', location: { lat: center.lat + 0.004, lng: center.lng } }];
    // 445 m away: only a source the complaint names is proposed that far.
    expect(proposeMatches({ location: center, address: '常德路', description: '老弄堂面馆油烟很大' }, candidates).map((p) => p.sourceId)).toEqual(['branch']);
  });
});

describe('eco-codes', () => {
  const key = 'unit-test-key';
  const id = '01JD0000000000000000000000';
  it('verifies its own signature and refuses altered, re-keyed or malformed codes', () => {
    const code = signEcoCode(key, id);
    expect(code).toMatch(/^01JD0000000000000000000000-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(verifyEcoCode(key, code)).toBe(id);
    expect(verifyEcoCode(key, code.toLowerCase())).toBe(id);
    expect(verifyEcoCode('another-key', code)).toBeUndefined();
    expect(
      verifyEcoCode(
        key,
        code.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBeUndefined();
    expect(verifyEcoCode(key, `01JD0000000000000000000001-${code.split('-')[1]}`)).toBeUndefined();
    expect(verifyEcoCode(key, 'hello')).toBeUndefined();
  });
  it('finds the code in scanned URLs and typed text', () => {
    const code = signEcoCode(key, id);
    expect(ecoCodeFromText(ecoCodeUrl('https://app.example.cn/', code))).toBe(code);
    expect(ecoCodeFromText(`  ${code.toLowerCase()} `)).toBe(code);
    expect(ecoCodeFromText('https://evil.example.com/other')).toBeUndefined();
  });
  it('reads the code from the address shown after the redirect, a trailing slash, and O/0 and I/L/1 mix-ups', () => {
    const code = signEcoCode(key, id);
    expect(ecoCodeFromText(`${ecoCodeUrl('https://app.example.cn', code)}/`)).toBe(code);
    expect(ecoCodeFromText(`https://app.example.cn/#/pages/eco/index?code=${code}`)).toBe(code);
    expect(ecoCodeFromText(`https://app.example.cn/#/pages/eco/index?code=${code}&from=scan`)).toBe(code);
    const misread = code.replace(/0/g, 'O').replace(/1/g, 'l');
    expect(misread).not.toBe(code);
    expect(ecoCodeFromText(misread)).toBe(code);
    expect(verifyEcoCode(key, misread)).toBe(id);
    // U is not in the alphabet and stands for nothing else.
    expect(ecoCodeFromText(code.replace(/.$/, 'U'))).toBeUndefined();
  });
});

describe('poster', () => {
  it('draws the QR of the profile URL with the level colour and escaped text', () => {
    const profile = {
      ecoCode: signEcoCode('k', '01JD0000000000000000000000'),
      sourceId: '01JD0000000000000000000000',
      name: '<张记> & 面馆',
      kind: 'restaurant' as const,
      address: '愚园路',
      streetCode: 'jingansi',
      streetName: '静安寺街道',
      location: { lat: 31, lng: 121, coordSystem: 'WGS-84' as const },
      level: 'yellow' as const,
      score: 75,
      rulesVersion: CURRENT_CREDIT_RULES.version,
      openRectifications: 2,
    };
    const svg = renderPoster(profile, 'https://app.example.cn', loadDistrict());
    expect(svg).toContain('&lt;张记&gt; &amp; 面馆');
    expect(svg).toContain('#e0a800');
    expect(svg).toContain('环保警示 · 75 分');
    // The rules by their title, never their identifier: the poster hangs on a shop's wall.
    expect(svg).toContain(CURRENT_CREDIT_RULES.title);
    expect(svg).not.toContain(CURRENT_CREDIT_RULES.version);
    expect(svg).toContain(profile.ecoCode);
    expect(svg).toContain(qrPath(`https://app.example.cn/e/${profile.ecoCode}`, 240).path);
    expect(qrPath('a', 100).path).not.toBe(qrPath('b', 100).path);
    // Well-formed: browsers refuse to draw an SVG whose element repeats an attribute.
    for (const tag of svg.match(/<[a-z]+\s[^>]*>/g) ?? []) {
      const names = [...tag.matchAll(/\s([a-z-]+)=/g)].map((match) => match[1]);
      expect(new Set(names).size, tag).toBe(names.length);
    }
    expect(xmlProblem(svg)).toBeUndefined();
  });

  it('stays well-formed XML whatever a stored name holds, and cuts a long one between graphemes', () => {
    const profile = {
      ecoCode: signEcoCode('k', '01JD0000000000000000000000'),
      sourceId: '01JD0000000000000000000000',
      kind: 'restaurant' as const,
      address: '愚园路',
      streetCode: 'jingansi',
      streetName: '静安寺街道',
      location: { lat: 31, lng: 121, coordSystem: 'WGS-84' as const },
      level: 'green' as const,
      score: 100,
      rulesVersion: CURRENT_CREDIT_RULES.version,
      openRectifications: 0,
    };
    // Names stored before the text rule stripped such characters.
    const legacy = renderPoster({ ...profile, name: '旧\u0001店\u000b名\ufffe\ud800' }, 'https://app.example.cn', loadDistrict());
    expect(xmlProblem(legacy)).toBeUndefined();
    expect(legacy).toContain('旧店名');
    const family = '👨\u200d👩\u200d👧';
    const long = renderPoster({ ...profile, name: `${'面'.repeat(14)}${family.repeat(5)}` }, 'https://app.example.cn', loadDistrict());
    expect(xmlProblem(long)).toBeUndefined();
    expect(long).toContain(`>${'面'.repeat(14)}${family}…</text>`);
  });
});

describe('officer scope', () => {
  it('locks street officers to their street and lets the bureau choose', () => {
    expect(streetFilter(officerScope({ userId: 'b', roles: ['bureau_officer'] }), 'linfenlu')).toBe('linfenlu');
    expect(streetFilter(officerScope({ userId: 's', roles: ['street_officer'], streetCode: 'jingansi' }), undefined)).toBe('jingansi');
    expect(() => streetFilter(officerScope({ userId: 's', roles: ['street_officer'], streetCode: 'jingansi' }), 'linfenlu')).toThrow(/own street/);
    expect(() => officerScope({ userId: 'r', roles: ['resident'] })).toThrow(/Only officers/);
  });
});

describe('operator notifications', () => {
  const base = sourceEventBase(now);
  const projection = (score: number, level: 'green' | 'blue') => ({ credit: { score, level } }) as never;
  it('tells every operator of the event but its actor, and every operator of a score change', () => {
    const sent = operatorNotifications({ ...base, type: 'evidence_accepted' }, ['op1', 'op2'], {
      before: projection(75, 'blue'),
      after: projection(87, 'blue'),
    });
    expect(sent.map((n) => [n.userId, n.notification.action])).toEqual([
      ['op1', 'evidence_accepted'],
      ['op1', 'score_changed'],
      ['op2', 'evidence_accepted'],
      ['op2', 'score_changed'],
    ]);
    // An operator's own evidence rescored after the officer's acceptance landed: they hear of the new score, not of their own act.
    const own = operatorNotifications({ ...base, type: 'evidence_submitted', actorId: 'op1', actorRole: 'operator' }, ['op1', 'op2'], {
      before: projection(75, 'blue'),
      after: projection(87, 'blue'),
    });
    expect(own.map((n) => [n.userId, n.notification.action])).toEqual([
      ['op1', 'score_changed'],
      ['op2', 'score_changed'],
    ]);
    // Nobody is told of their own act.
    expect(operatorNotifications({ ...base, type: 'operator_linked', actorId: 'op1' }, ['op1', 'op2']).map((n) => n.userId)).toEqual(['op2']);
    expect(sent[0].notification.source).toEqual({ id: 's', name: '面馆' });
    expect(operatorNotifications({ ...base, type: 'penalty' }, ['op1'], { before: projection(90, 'green'), after: projection(90, 'green') })).toEqual([]);
    expect(operatorNotifications({ ...base, type: 'updated' }, ['op1'])).toEqual([]);
  });
});

describe('projection changes', () => {
  it('ignores the key order of stored maps and the computation date', () => {
    const fresh = projectScore(
      [],
      [
        {
          id: 'r',
          sourceId: 's',
          itemId: 'odour',
          itemLabel: '异味',
          basis: '',
          inspectionId: 'i',
          openedAt: daysAgo(1),
          deadline: daysAgo(-5),
          status: 'open',
          version: 0,
          evidence: [],
        },
      ],
      rules,
      now,
    );
    const reordered = JSON.parse(JSON.stringify(fresh), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    expect(projectionChanged({ ...reordered, credit: { ...reordered.credit, asOf: daysAgo(3) } }, fresh)).toBe(false);
    expect(projectionChanged({ ...reordered, openRectifications: 0 }, fresh)).toBe(true);
  });

  it('ignores the date on the clamp line, which says "as of now", so a capped score is not rewritten each day', () => {
    const events = [event({ eventId: 'i', type: 'inspection', inspection: { checklistVersion: 'v', results: [] } })];
    const today = projectScore(events, [], rules, now);
    const tomorrow = projectScore(events, [], rules, new Date(now.getTime() + 86_400_000));
    expect(today.credit.explanation[0]).toMatchObject({ code: 'score_clamped', at: now.toISOString() });
    expect(projectionChanged(today, tomorrow)).toBe(false);
    expect(projectionChanged(today, projectScore([], [], rules, now))).toBe(true);
  });
});

describe('registry views', () => {
  const record = {
    id: '01JD0000000000000000000000',
    districtCode: '310106',
    kind: 'restaurant' as const,
    name: '面馆',
    creditCode: composeCreditCode('92', '310106', 'MA1K7P3N'),
    address: '愚园路 1 号',
    location: { lat: 31.2, lng: 121.4, coordSystem: 'WGS-84' as const },
    streetCode: 'jingansi',
    responsiblePerson: { name: '陈师傅', phone: '13912345678' },
    restaurant: { burners: 2, purifierEfficiencyPercent: 92 },
    tags: [],
    version: 1,
    createdAt: daysAgo(10),
    updatedAt: daysAgo(10),
    ...projectScore([], [], rules, now),
  };
  const collection = {
    source: record,
    events: [],
    rectifications: [],
    operators: [{ sourceId: record.id, userId: 'u1', phoneMasked: '139****5678', linkedAt: daysAgo(1), linkedBy: 'o' }],
  };

  it('gives the public no personal data at all', () => {
    const profile = JSON.stringify(toPublicProfile(record, 'CODE', loadDistrict()));
    expect(profile).not.toContain('13912345678');
    expect(profile).not.toContain('陈师傅');
    expect(profile).not.toContain('5678');
  });

  it('shows operators their own record but not the other operators; officers see operators masked', () => {
    const live = projectScore([], [], rules, now);
    const operatorView = toOperatorSourceView(collection, live, 'CODE', now, new Map());
    expect(operatorView).not.toHaveProperty('operators');
    expect(operatorView.source.responsiblePerson?.phone).toBe('13912345678');
    expect(toOfficerSourceView(collection, live, 'CODE', now, new Map()).operators).toEqual([{ userId: 'u1', phoneMasked: '139****5678' }]);
  });
});
