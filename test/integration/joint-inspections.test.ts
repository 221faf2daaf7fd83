/**
 * Joint inspection requests end to end through the local gateway: a street raises one, the bureau
 * asks, accepts, schedules, inspects each source through the registry (orders, score and the
 * source's timeline follow) and records the result with its follow-up; the street sends it back
 * once and confirms. And every refusal the loop promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { CURRENT_CHECKLISTS, checklistFor } from '@green-shield/shared/sources/checklists';
import { startTestSystem, DEMO_ACCOUNTS, type TestSystem } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { newIdempotencyKey, submitComplaint, uploadPhoto, waitForNotifications } from '../support/fixtures';

let t: TestSystem;
let bureau: ApiClient;
let jingansi: ApiClient;
let pengpuzhen: ApiClient;
let resident: ApiClient;
let serial = 0;

const near = { lat: 31.2242, lng: 121.4429, coordSystem: 'WGS-84' as const };

async function register(streetCode = 'jingansi') {
  const code = composeCreditCode('92', '310106', `J${String(Date.now() % 1e6).padStart(6, '0')}${serial++ % 10}`.slice(0, 8));
  const view = await bureau
    .call('POST', '/api/sources', {
      kind: 'restaurant',
      name: `联检面馆${++serial}`,
      creditCode: code,
      address: '静安区愚园路 210 号',
      location: near,
      streetCode,
    })
    .expect(201);
  return view.source as { id: string; name: string };
}

const inspection = (failing: string[] = []) => ({
  checklistVersion: CURRENT_CHECKLISTS.version,
  results: checklistFor('restaurant').map((item) => ({ itemId: item.id, outcome: failing.includes(item.id) ? 'fail' : 'pass' })),
});

function raise(api: ApiClient, body: Record<string, unknown>, key = newIdempotencyKey()) {
  return api.call('POST', '/api/joint-inspections', body, { 'idempotency-key': key });
}

const stepOn = (api: ApiClient, request: { id: string; version: number }, body: Record<string, unknown>) =>
  api.call('POST', `/api/joint-inspections/${request.id}/transitions`, { expectedVersion: request.version, ...body });

/** A date some days from the test system's now, in Shanghai. */
const dayFromNow = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestSystem();
  [bureau, jingansi, pengpuzhen, resident] = await Promise.all([
    t.signIn(DEMO_ACCOUNTS.bureau.phone),
    t.signIn(DEMO_ACCOUNTS.jingansi.phone),
    t.signIn(DEMO_ACCOUNTS.pengpuzhen.phone),
    t.signIn('13900000077'),
  ]);
});
afterAll(() => t?.stop());

describe('the joint inspection loop', () => {
  it('runs from the street’s request to its confirmation, with the sources’ timelines, orders and penalties following', async () => {
    const [source, other] = [await register(), await register()];
    const complaint = (await submitComplaint(resident, { streetCode: 'jingansi' })).complaint;
    const photo = await uploadPhoto(jingansi);
    const key = newIdempotencyKey();
    const body = {
      urgency: 'urgent',
      reason: '晚间油烟直排，街道多次劝导无效，请区局联合检查',
      sourceIds: [source.id],
      area: { address: '愚园路 200–220 号沿街', point: near },
      photoKeys: [photo],
      complaintTrackingNumbers: [complaint.trackingNumber.toLowerCase()],
    };
    const raised = await raise(jingansi, body, key).expect(201);
    const { request } = raised;
    expect(request).toMatchObject({
      status: 'submitted',
      version: 1,
      streetCode: 'jingansi',
      urgency: 'urgent',
      raisedByName: DEMO_ACCOUNTS.jingansi.name,
      sources: [{ id: source.id, name: source.name, kind: 'restaurant', inspected: false }],
      area: { address: '愚园路 200–220 号沿街', point: { coordSystem: 'WGS-84' }, radiusMetres: 200 },
      complaints: [{ id: complaint.id, trackingNumber: complaint.trackingNumber }],
      overdue: { any: false },
      nextDeadline: { kind: 'acknowledge' },
      availableActions: ['withdraw', 'comment'],
    });
    expect(request.reference).toMatch(/^JA-LJ-\d{4}-\d{4}$/);
    expect(request.photos).toHaveLength(1);
    expect(raised.events).toMatchObject([{ action: 'raise', to: 'submitted', party: 'street', actorName: DEMO_ACCOUNTS.jingansi.name }]);
    // A retry with the same key is the same request; another body under it is refused.
    expect((await raise(jingansi, body, key).expect(201)).request.id).toBe(request.id);
    await raise(jingansi, { ...body, reason: '别的原因，不同的请求' }, key).expect(409);

    // The source's timeline shows the request.
    const timeline = await jingansi.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
    expect(timeline.items[0]).toMatchObject({ type: 'joint_inspection_requested', jointInspection: { id: request.id, reference: request.reference } });

    // The bureau sees it among the requests it owes a step on, the most urgent first; the street among its own.
    const owed = await bureau.call('GET', '/api/joint-inspections?awaiting=bureau').expect(200);
    expect(owed.items.map((item: { id: string }) => item.id)).toContain(request.id);
    expect(owed.items.find((item: { id: string }) => item.id === request.id).availableActions).toEqual(['request_info', 'accept', 'decline', 'comment']);
    expect((await jingansi.call('GET', '/api/joint-inspections?open=true').expect(200)).items[0].id).toBe(request.id);

    let current = (await stepOn(bureau, request, { action: 'request_info', question: '请补充油烟排放的时段' }).expect(200)).request;
    expect(current.status).toBe('info_requested');
    current = (await stepOn(jingansi, current, { action: 'provide_info', note: '每晚 18 点到 22 点' }).expect(200)).request;
    const schedule = { date: dayFromNow(1), time: '19:00', people: ['王敏', '李强'] };
    const accepted = await stepOn(bureau, current, { action: 'accept', schedule }).expect(200);
    current = accepted.request;
    expect(current).toMatchObject({ status: 'scheduled', schedule, nextDeadline: { kind: 'complete' } });
    expect(accepted.events.slice(-2).map((event: { action: string }) => event.action)).toEqual(['accept', 'schedule']);

    // Comments both ways, without touching the version.
    await jingansi.call('POST', `/api/joint-inspections/${request.id}/comments`, { note: '街道两名网格员一同前往' }).expect(201);
    const commented = await bureau.call('POST', `/api/joint-inspections/${request.id}/comments`, { note: '好的' }).expect(201);
    expect(commented.request.version).toBe(current.version);
    expect(commented.events.filter((event: { action: string }) => event.action === 'comment').map((event: { party: string }) => event.party)).toEqual([
      'street',
      'bureau',
    ]);

    // Carried out as the registry's inspection: a failed item opens an order on the source.
    const visitKey = newIdempotencyKey();
    const visitBody = { sourceId: source.id, inspection: inspection(['purifier_running']) };
    const visited = await bureau.call('POST', `/api/joint-inspections/${request.id}/inspections`, visitBody, { 'idempotency-key': visitKey }).expect(201);
    expect(visited.request.sources[0].inspected).toBe(true);
    expect(visited.request.inspections).toMatchObject([
      {
        sourceId: source.id,
        byName: DEMO_ACCOUNTS.bureau.name,
        failedItems: [{ itemId: 'purifier_running' }],
        rectifications: [{ itemLabel: '油烟净化设施正常运行' }],
      },
    ]);
    // Retried, the same inspection: one on the request, one on the source.
    const again = await bureau.call('POST', `/api/joint-inspections/${request.id}/inspections`, visitBody, { 'idempotency-key': visitKey }).expect(201);
    expect(again.request.inspections).toHaveLength(1);
    const sourceView = await bureau.call('GET', `/api/sources/${source.id}`).expect(200);
    expect(sourceView.rectifications).toMatchObject([{ itemId: 'purifier_running', status: 'open' }]);
    const inspected = await bureau.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
    expect(inspected.items.filter((event: { type: string }) => event.type === 'inspection')).toMatchObject([{ jointInspection: { id: request.id } }]);

    // Another source of the street found on the visit joins the request.
    const joined = await bureau
      .call(
        'POST',
        `/api/joint-inspections/${request.id}/inspections`,
        { sourceId: other.id, inspection: inspection() },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(201);
    expect(joined.request.sources.map((s: { id: string }) => s.id)).toEqual([source.id, other.id]);
    current = joined.request;

    const result = {
      summary: '净化设施未开启，已责令整改并处罚',
      penalties: [{ sourceId: source.id, decisionNumber: '沪静环罚〔2026〕99 号', amountYuan: 5000 }],
      reinspectOn: dayFromNow(10),
    };
    const recorded = (await stepOn(bureau, current, { action: 'record_result', result }).expect(200)).request;
    expect(recorded).toMatchObject({
      status: 'result_recorded',
      result: {
        summary: result.summary,
        recordedByName: DEMO_ACCOUNTS.bureau.name,
        followUp: {
          rectifications: [{ sourceId: source.id, itemLabel: '油烟净化设施正常运行' }],
          penalties: [{ sourceId: source.id, sourceName: source.name, decisionNumber: '沪静环罚〔2026〕99 号' }],
          reinspectOn: result.reinspectOn,
        },
      },
    });
    const afterResult = await bureau.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
    expect(afterResult.items.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['joint_inspection_result', 'penalty']));
    expect(afterResult.items.find((event: { type: string }) => event.type === 'penalty')).toMatchObject({
      jointInspection: { id: request.id },
      penalty: { amountYuan: 5000 },
    });

    current = (await stepOn(jingansi, recorded, { action: 'send_back', reason: '请写明复查时由谁负责' }).expect(200)).request;
    expect(current).toMatchObject({
      status: 'sent_back',
      sendBacks: 1,
      earlierResults: [{ sentBackReason: '请写明复查时由谁负责' }],
      nextDeadline: { kind: 'rework' },
    });
    current = (await stepOn(bureau, current, { action: 'record_result', result: { ...result, summary: '已整改并处罚，复查由区局执法二队负责' } }).expect(200))
      .request;
    const twice = await stepOn(jingansi, current, { action: 'send_back', reason: '还想再退回一次' }).expect(409);
    expect(twice.error.code).toBe('SEND_BACK_LIMIT_REACHED');
    const closed = await stepOn(jingansi, current, { action: 'confirm', note: '确认' }).expect(200);
    expect(closed.request).toMatchObject({ status: 'closed', availableActions: [] });
    expect(closed.events.map((event: { action: string }) => event.action)).toEqual([
      'raise',
      'request_info',
      'provide_info',
      'accept',
      'schedule',
      'comment',
      'comment',
      'record_inspection',
      'record_inspection',
      'record_result',
      'send_back',
      'record_result',
      'confirm',
    ]);
    // Ended, it takes no more comments.
    await jingansi.call('POST', `/api/joint-inspections/${request.id}/comments`, { note: '再说一句' }).expect(409);

    // Each party heard of the other's steps, not of its own.
    const heard = async (api: ApiClient, count: number) =>
      (await waitForNotifications(api, count)).items
        .filter((item: { subject?: { id: string } }) => item.subject?.id === request.id)
        .map((item: { action: string }) => item.action);
    const streetHeard = await heard(jingansi, 9);
    expect(streetHeard).toEqual(
      expect.arrayContaining(['joint_request_info', 'joint_accept', 'joint_schedule', 'joint_comment', 'joint_record_inspection', 'joint_record_result']),
    );
    expect(streetHeard).not.toContain('joint_confirm');
    const bureauHeard = await heard(bureau, 5);
    expect(bureauHeard).toEqual(expect.arrayContaining(['joint_raise', 'joint_provide_info', 'joint_comment', 'joint_send_back', 'joint_confirm']));
    expect(bureauHeard).not.toContain('joint_accept');
    // Some forty requests and the stream's deliveries: generous on a loaded machine.
  }, 120_000);
});

describe('refusals', () => {
  let request: { id: string; version: number; reference: string };
  beforeAll(async () => {
    const source = await register();
    request = (await raise(jingansi, { reason: '工地夜间施工噪声', sourceIds: [source.id] }).expect(201)).request;
  });

  it('cannot be closed without a result', async () => {
    const answer = await stepOn(jingansi, request, { action: 'confirm' }).expect(409);
    expect(answer.error.code).toBe('RESULT_NOT_RECORDED');
  });

  it('does not let the bureau skip a step: no inspection or result before scheduling, no schedule before accepting', async () => {
    expect((await stepOn(bureau, request, { action: 'record_result', result: { summary: '跳过检查直接登记' } }).expect(409)).error.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect((await stepOn(bureau, request, { action: 'schedule', schedule: { date: dayFromNow(2), people: ['王敏'] } }).expect(409)).error.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    const visit = await bureau
      .call(
        'POST',
        `/api/joint-inspections/${request.id}/inspections`,
        { sourceId: (await register()).id, inspection: inspection() },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(409);
    expect(visit.error.code).toBe('ILLEGAL_TRANSITION');
    const accepted = (await stepOn(bureau, request, { action: 'accept' }).expect(200)).request;
    const scheduled = (await stepOn(bureau, accepted, { action: 'schedule', schedule: { date: dayFromNow(2), people: ['王敏'] } }).expect(200)).request;
    // Scheduled, but its source not yet inspected.
    expect((await stepOn(bureau, scheduled, { action: 'record_result', result: { summary: '未检查就登记结果' } }).expect(409)).error.code).toBe(
      'INSPECTIONS_MISSING',
    );
    request = scheduled;
  });

  it('keeps the parties to their own steps (403) and to the version they read (409)', async () => {
    expect((await stepOn(jingansi, request, { action: 'decline', reason: '街道不能替区局拒绝' }).expect(403)).error.code).toBe('FORBIDDEN');
    expect(
      (
        await stepOn(bureau, { ...request, version: request.version - 1 }, { action: 'schedule', schedule: { date: dayFromNow(3), people: ['王敏'] } }).expect(
          409,
        )
      ).error.code,
    ).toBe('VERSION_CONFLICT');
  });

  it('shuts out an officer of another street (403, as for complaints), a resident, and unknown requests (404)', async () => {
    expect((await pengpuzhen.call('GET', `/api/joint-inspections/${request.id}`).expect(403)).error.code).toBe('FORBIDDEN');
    await stepOn(pengpuzhen, request, { action: 'confirm' }).expect(403);
    await pengpuzhen.call('POST', `/api/joint-inspections/${request.id}/comments`, { note: '路过看看' }).expect(403);
    await pengpuzhen.call('GET', '/api/joint-inspections?streetCode=jingansi').expect(403);
    expect((await pengpuzhen.call('GET', '/api/joint-inspections').expect(200)).items.map((item: { id: string }) => item.id)).not.toContain(request.id);
    await resident.call('GET', `/api/joint-inspections/${request.id}`).expect(403);
    await resident.call('GET', '/api/joint-inspections').expect(403);
    expect((await bureau.call('GET', '/api/joint-inspections/01ARZ3NDEKTSV4RRFFQ69G5FAV').expect(404)).error.code).toBe('NOT_FOUND');
    // Only a street raises, and only about its own sources and complaints.
    await raise(bureau, { reason: '区局不能发起', sourceIds: [(await register()).id] }).expect(403);
    const foreign = await raise(pengpuzhen, { reason: '别的街道的污染源', sourceIds: [(await register('jingansi')).id] }).expect(400);
    expect(foreign.error.details).toEqual([{ field: 'body.sourceIds.0', message: '不是本街道登记的污染源' }]);
  });

  it('asks for sources or an area, and a reason', async () => {
    const empty = await raise(jingansi, { reason: '没有对象' }).expect(400);
    expect(empty.error.details.map((d: { field: string }) => d.field)).toContain('body.sourceIds');
    await raise(jingansi, { sourceIds: [], area: { address: '愚园路' } }).expect(400);
    await raise(jingansi, { reason: '只有半径', area: { radiusMetres: 100 } }).expect(400);
    expect((await raise(jingansi, { reason: '只写地址也可以', area: { address: '愚园路 200 号一带' } }).expect(201)).request.area).toEqual({
      address: '愚园路 200 号一带',
    });
  });
});
