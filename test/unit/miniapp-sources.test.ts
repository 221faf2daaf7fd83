import { describe, expect, it, vi } from 'vitest';
import { CREDIT_LEVELS, CURRENT_CREDIT_RULES } from '@green-shield/shared/sources/credit-rules';
import { EXPLANATION_CODES, WARNING_CODES } from '@green-shield/shared/sources/scoring';
import { checklistFor, CURRENT_CHECKLISTS } from '@green-shield/shared/sources/checklists';
import { TIMELINE_EVENT_TYPES, type PublicSourceProfileT, type TimelineEventViewT } from '@green-shield/shared/api/source-schemas';
import { isKnownSubtype } from '@green-shield/shared/complaints/taxonomy';
import {
  creditLevelBadge,
  explanationLineKey,
  explanationLineView,
  levelBasisText,
  nextLevelText,
  rectificationsInWorkOrder,
  warningText,
} from '../../miniapp/src/utils/credit';
import { handOffReportPrefill, ownWords, reportPrefillFromProfile, startsWithPrefill, takeReportPrefill } from '../../miniapp/src/utils/report-prefill';
import { blankAnswers, inspectionSubmission } from '../../miniapp/src/sources/inspect/inspection-form';
import { timelineEventLines, timelineEventTitle } from '../../miniapp/src/utils/source-timeline';
import { svgPixelSize } from '../../miniapp/src/utils/svg-size';

// The client reads Taro only when it sends; the document test answers its requests.
const taro = { request: vi.fn(), getStorageSync: () => '', setStorageSync: vi.fn(), removeStorageSync: vi.fn(), reLaunch: vi.fn() };
vi.mock('@tarojs/taro', () => ({ default: taro }));

const CHINESE = /[\u4e00-\u9fa5]/;

describe('credit level badges', () => {
  it('name the four levels of 环发〔2013〕150号 and colour them green, blue, yellow, red', () => {
    expect(CREDIT_LEVELS.map((level) => creditLevelBadge(level).label)).toEqual(['环保诚信', '环保良好', '环保警示', '环保不良']);
    expect(creditLevelBadge('yellow').className).toBe('credit-level credit-level--yellow');
    expect(creditLevelBadge('red').className).toContain('credit-level--red');
  });
});

describe('score explanation lines', () => {
  it('say in Chinese what each point gained or lost was for, with signed points and the Beijing date', () => {
    const failed = explanationLineView({ code: 'failed_item', points: -15, at: '2026-03-01T17:00:00.000Z', detail: '油烟净化设施正常运行' });
    expect(failed).toEqual({ code: 'failed_item', points: '−15', tone: 'loss', sentence: '检查不合格：油烟净化设施正常运行', day: '2026-03-02' });
    const rectified = explanationLineView({ code: 'failed_item_rectified', points: -3, at: '2026-03-01T02:00:00.000Z', detail: '油烟净化设施正常运行' });
    expect(rectified.sentence).toContain('已整改');
    expect(explanationLineView({ code: 'clean_inspection', points: 2, at: '2026-03-01T02:00:00.000Z', detail: '' })).toMatchObject({
      points: '+2',
      tone: 'gain',
    });
    expect(explanationLineView({ code: 'incident_major', points: 0, at: '2026-03-01T02:00:00.000Z', detail: '' })).toMatchObject({ points: '', tone: 'level' });
  });

  it('are told apart by fact, rule and item, so an inspection failing two items gives two lines', () => {
    const inspection = { kind: 'inspection', id: 'i1' };
    const keys = [
      explanationLineKey({ code: 'failed_item', ref: inspection, detail: '油烟净化设施正常运行' }),
      explanationLineKey({ code: 'failed_item', ref: inspection, detail: '隔油设施' }),
      explanationLineKey({ code: 'failed_item', ref: { kind: 'inspection', id: 'i2' }, detail: '隔油设施' }),
      explanationLineKey({ code: 'clean_inspection', ref: inspection, detail: '' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('have a sentence for every explanation code and every warning code', () => {
    for (const code of EXPLANATION_CODES) expect(explanationLineView({ code, points: -1, at: '2026-01-01T00:00:00Z', detail: 'X' }).sentence).toMatch(CHINESE);
    for (const code of WARNING_CODES) expect(warningText({ code, value: 3 })).toMatch(CHINESE);
    expect(warningText({ code: 'frequent_complaints', value: 4 })).toBe(`近 ${CURRENT_CREDIT_RULES.warnings.complaintsWithinDays} 天查实举报 4 件`);
  });

  it('lists rectifications by what the viewer has to do first, nearest deadline first', () => {
    const rectifications = [
      { id: 'done', status: 'closed' as const, deadline: '2026-01-01' },
      { id: 'late', status: 'open' as const, deadline: '2026-02-01' },
      { id: 'review', status: 'submitted' as const, deadline: '2026-01-01' },
      { id: 'soon', status: 'open' as const, deadline: '2026-01-15' },
    ];
    expect(rectificationsInWorkOrder(rectifications, 'operator').map((r) => r.id)).toEqual(['soon', 'late', 'review', 'done']);
    expect(rectificationsInWorkOrder(rectifications, 'officer').map((r) => r.id)).toEqual(['review', 'soon', 'late', 'done']);
  });
});

describe('a level and its reason, and the way to the next one', () => {
  it('says on a card why a level is what it is: the score band, or the incident that set it whatever the score', () => {
    expect(levelBasisText({ level: 'yellow', levelBasis: { by: 'score' } })).toBe('信用分 60–79 分评为“环保警示”');
    expect(levelBasisText({ level: 'red', levelBasis: { by: 'major_incident' } })).toBe('发生重大环境事件，不论分数评为“环保不良”');
    expect(levelBasisText({ level: 'yellow', levelBasis: { by: 'ordinary_incidents', count: 1, levelByScore: 'blue' } })).toBe(
      '发生 1 起一般环境事件，等级由“环保良好”下调',
    );
  });

  it('tells the business how many points lead to the next level, or when an incident stops holding it down', () => {
    const credit = { score: 87, level: 'blue' as const, levelByScore: 'blue' as const, explanation: [], rulesVersion: CURRENT_CREDIT_RULES.version };
    expect(nextLevelText(credit)).toMatch(/^再提高 8 分可升为“环保诚信”/);
    expect(nextLevelText({ ...credit, score: 100, level: 'green', levelByScore: 'green' })).toBe('已是最高等级“环保诚信”，请继续保持');
    const major = { ...credit, score: 100, level: 'red' as const, levelByScore: 'green' as const };
    expect(nextLevelText({ ...major, explanation: [{ code: 'incident_major' as const, at: '2026-03-01T02:00:00.000Z' }] })).toBe(
      '因环境事件，等级暂不随信用分提高；该事件 2027-03-01 起不再计入',
    );
  });
});

describe('reporting a source from its public profile', () => {
  const profile: Pick<PublicSourceProfileT, 'name' | 'kind' | 'address' | 'streetCode' | 'location'> = {
    name: '老弄堂面馆',
    kind: 'restaurant',
    address: '静安区愚园路 100 号',
    streetCode: 'jingansi',
    location: { lat: 31.2236, lng: 121.4452, coordSystem: 'WGS-84' },
  };

  it('prefills the address, street, position and a description naming the business', () => {
    const prefill = reportPrefillFromProfile(profile);
    expect(prefill).toMatchObject({ address: profile.address, streetCode: 'jingansi', point: { lat: 31.2236, lng: 121.4452, coordSystem: 'WGS-84' } });
    expect(prefill.description).toContain('老弄堂面馆');
  });

  it('picks the category residents usually report for restaurants and construction sites, and leaves others open', () => {
    const restaurant = reportPrefillFromProfile(profile).category!;
    expect(restaurant).toEqual({ type: 'air', subtype: 'cooking_fumes' });
    expect(isKnownSubtype(restaurant.type, restaurant.subtype)).toBe(true);
    const site = reportPrefillFromProfile({ ...profile, kind: 'construction_site' }).category!;
    expect(site).toEqual({ type: 'noise', subtype: 'construction_noise' });
    expect(isKnownSubtype(site.type, site.subtype)).toBe(true);
    expect(reportPrefillFromProfile({ ...profile, kind: 'auto_repair' }).category).toBeUndefined();
  });

  it('counts only the resident’s own words toward the description, never the opening naming the shop', () => {
    const prefill = reportPrefillFromProfile(profile);
    expect(ownWords(prefill.description, prefill)).toBe('');
    expect(ownWords(`${prefill.description}  厨房油烟直排  `, prefill)).toBe('厨房油烟直排');
    expect(startsWithPrefill(`${prefill.description}厨房油烟直排`, prefill)).toBe(true);
    // Rewritten or deleted, the opening is the resident's own text.
    expect(ownWords('面馆油烟直排，每晚都有', prefill)).toBe('面馆油烟直排，每晚都有');
    expect(startsWithPrefill('面馆油烟直排', prefill)).toBe(false);
    // A report started from home has no opening to discount.
    expect(ownWords(' 楼下油烟 ', undefined)).toBe('楼下油烟');
  });

  it('hands the prefill to one report form only', () => {
    handOffReportPrefill(reportPrefillFromProfile(profile));
    expect(takeReportPrefill()?.address).toBe(profile.address);
    expect(takeReportPrefill()).toBeUndefined();
  });
});

describe('the inspection form', () => {
  const items = checklistFor('restaurant', CURRENT_CHECKLISTS.version);
  const extras = { checklistVersion: CURRENT_CHECKLISTS.version, note: '  ', photoKeys: ['k1'] };

  it('is built from the current checklist and wants every item answered', () => {
    expect(items.length).toBeGreaterThan(0);
    const answers = blankAnswers(items);
    answers[items[0].id] = { ...answers[items[0].id], outcome: 'pass' };
    expect(inspectionSubmission(items, answers, extras)).toEqual({ problems: { unanswered: items.length - 1 } });
  });

  it('opens a rectification for a failed item by default, with the checklist’s deadline', () => {
    const answers = blankAnswers(items);
    for (const item of items) answers[item.id] = { ...answers[item.id], outcome: 'pass' };
    const running = items.find((item) => item.id === 'purifier_running')!;
    answers.purifier_running = { ...answers.purifier_running, outcome: 'fail', note: ' 未开启 ' };
    answers[items[0].id] = { ...answers[items[0].id], outcome: 'not_applicable' };
    const submission = inspectionSubmission(items, answers, extras);
    if (!('body' in submission)) throw new Error('expected a body');
    expect(submission.body.checklistVersion).toBe(CURRENT_CHECKLISTS.version);
    expect(submission.body.note).toBeUndefined();
    expect(submission.body.photoKeys).toEqual(['k1']);
    expect(submission.body.results.find((r) => r.itemId === 'purifier_running')).toEqual({
      itemId: 'purifier_running',
      outcome: 'fail',
      note: '未开启',
      rectify: true,
      rectifyDays: running.rectifyDays,
    });
    expect(submission.body.results.find((r) => r.itemId === items[0].id)).toEqual({ itemId: items[0].id, outcome: 'not_applicable', note: undefined });
  });

  it('lets the officer skip the rectification or change its deadline within 1–180 days', () => {
    const answers = blankAnswers(items);
    for (const item of items) answers[item.id] = { ...answers[item.id], outcome: 'fail', rectify: false };
    answers.odour = { ...answers.odour, rectify: true, rectifyDays: '0' };
    expect(inspectionSubmission(items, answers, extras)).toEqual({ problems: { badDays: ['odour'] } });
    answers.odour = { ...answers.odour, rectifyDays: '20' };
    const submission = inspectionSubmission(items, answers, extras);
    if (!('body' in submission)) throw new Error('expected a body');
    expect(submission.body.results.find((r) => r.itemId === 'odour')).toMatchObject({ rectify: true, rectifyDays: 20 });
    expect(submission.body.results.find((r) => r.itemId === 'licences')).toMatchObject({ rectify: false });
  });
});

describe('the source timeline', () => {
  const event = (patch: Partial<TimelineEventViewT>): TimelineEventViewT => ({
    id: 'e',
    at: '2026-03-01T02:00:00.000Z',
    type: 'registered',
    actorRole: 'officer',
    ...patch,
  });

  it('names every event type in Chinese', () => {
    for (const type of TIMELINE_EVENT_TYPES) expect(timelineEventTitle({ type })).toMatch(CHINESE);
  });

  it('spells out inspections, rectifications, complaints, penalties, permits and incidents', () => {
    expect(
      timelineEventLines(
        event({
          type: 'inspection',
          inspection: { checklistVersion: 'v', results: [{ itemId: 'a', label: '油烟净化设施正常运行', outcome: 'fail', note: '未开启' }] },
        }),
      ),
    ).toEqual(['油烟净化设施正常运行：不合格（未开启）']);
    expect(timelineEventLines(event({ type: 'evidence_rejected', rectification: { id: 'r', itemLabel: '隔油设施', reason: '照片不清晰' } }))).toEqual([
      '整改事项：隔油设施',
      '原因：照片不清晰',
    ]);
    expect(timelineEventLines(event({ type: 'complaint_linked', complaint: { id: 'c', trackingNumber: 'JA-2026-000001', substantiated: true } }))).toEqual([
      '举报 JA-2026-000001（查实）',
    ]);
    expect(timelineEventLines(event({ type: 'penalty', penalty: { decisionNumber: '第 1 号', amountYuan: 5000 } }))).toEqual([
      '处罚决定书：第 1 号',
      '罚款 5000 元',
    ]);
    expect(timelineEventLines(event({ type: 'permit', permit: { permitType: '排污许可证', permitNumber: 'X1', validUntil: '2027-01-01' } }))).toEqual([
      '排污许可证：X1',
      '有效期至 2027-01-01',
    ]);
    expect(timelineEventLines(event({ type: 'incident', incident: { severity: 'major', description: '油烟管道起火' }, note: '已处置' }))).toEqual([
      '重大环境事件：油烟管道起火',
      '已处置',
    ]);
    expect(
      timelineEventLines(event({ type: 'joint_inspection_result', jointInspection: { id: 'j', reference: 'JA-LJ-2026-0001', summary: '已责令整改' } })),
    ).toEqual(['联合检查 JA-LJ-2026-0001：已责令整改']);
    expect(timelineEventLines(event({ type: 'joint_inspection_requested', jointInspection: { id: 'j', reference: 'JA-LJ-2026-0001' } }))).toEqual([
      '联合检查 JA-LJ-2026-0001',
    ]);
  });
});

describe('the eco-code poster', () => {
  it('is sized from its width and height in mm (A5 → CSS pixels), or else its viewBox', () => {
    const a5 = svgPixelSize('<svg xmlns="http://www.w3.org/2000/svg" width="148mm" height="210mm" viewBox="0 0 420 595"><rect/></svg>')!;
    expect(Math.round(a5.width)).toBe(559);
    expect(Math.round(a5.height)).toBe(794);
    expect(svgPixelSize('<svg viewBox="0 0 420 595"></svg>')).toEqual({ width: 420, height: 595 });
    expect(svgPixelSize('<svg width="100%"></svg>')).toBeUndefined();
  });

  it('is fetched as text, and an error answer still reads in Chinese', async () => {
    const { fetchDocument, ApiError } = await import('../../miniapp/src/api/client');
    const sourceId = '01J00000000000000000000000';
    taro.request.mockResolvedValueOnce({ statusCode: 200, data: '<svg></svg>' });
    await expect(fetchDocument('sourcePoster', { params: { id: sourceId } })).resolves.toBe('<svg></svg>');
    expect(taro.request.mock.calls[0][0]).toMatchObject({
      url: expect.stringMatching(new RegExp(`/api/sources/${sourceId}/poster$`)),
      method: 'GET',
      dataType: 'text',
    });
    taro.request.mockResolvedValueOnce({ statusCode: 404, data: JSON.stringify({ error: { code: 'SOURCE_NOT_FOUND', message: 'no such source' } }) });
    const failure = await fetchDocument('sourcePoster', { params: { id: sourceId } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as InstanceType<typeof ApiError>).userMessage).toBe('未找到该商户');
  });

  it('has a warning for forged eco-codes', async () => {
    const { ApiError } = await import('../../miniapp/src/api/client');
    expect(new ApiError(400, 'ECO_CODE_FORGED', 'forged').userMessage).toBe('此环保码无效或已被篡改，请勿信任');
    expect(new ApiError(404, 'NOT_YOUR_SOURCE', 'x').userMessage).toBe('未找到该商户');
  });
});
