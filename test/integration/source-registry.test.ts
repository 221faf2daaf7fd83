/**
 * The pollution-source registry end to end, through the local gateway on DynamoDB Local and the
 * local S3: import, inspection → rectification → evidence → decision → score, eco-codes,
 * claims, search, complaint links and who may see what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { CURRENT_CHECKLISTS, checklistFor } from '@green-shield/shared/sources/checklists';
import { CURRENT_RECTIFICATION_RULES } from '@green-shield/shared/sources/rectification-rules';
import { deadlineAfter } from '@green-shield/shared/sources/rectification-state-machine';
import { IMPORT_FILE_TYPES } from '@green-shield/shared/api/limits';
import { sourceTemplateWorkbook } from '../../functions/src/sources/import/template';
import { writeXlsx } from '../../functions/src/sources/import/xlsx-writer';
import { signEcoCode } from '../../functions/src/sources/eco-code-signer';
import { startTestSystem, DEMO_ACCOUNTS, type TestSystem } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { newIdempotencyKey, runImport, submitComplaint, uploadImportFile, uploadPhoto, waitForNotifications } from '../support/fixtures';

let t: TestSystem;
let bureau: ApiClient;
let jingansi: ApiClient;
let pengpuzhen: ApiClient;
let serial = 0;
const DAY_MS = 86_400_000;

const center = { lat: 31.2296, lng: 121.448, coordSystem: 'WGS-84' as const };
const creditCode = () => composeCreditCode('92', '310106', `T${String(Date.now() % 1e6).padStart(6, '0')}${serial++ % 10}`.slice(0, 8));

function restaurant(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'restaurant',
    name: `测试面馆${++serial}`,
    creditCode: creditCode(),
    address: '静安区愚园路 300 号',
    location: center,
    streetCode: 'jingansi',
    responsiblePerson: { name: '张老板', phone: '13700000009' },
    restaurant: { seats: 30, burners: 2, purifierInstalled: true, purifierEfficiencyPercent: 92, cleaningIntervalDays: 30 },
    ...overrides,
  };
}

async function register(api: ApiClient, overrides: Record<string, unknown> = {}) {
  return api.call('POST', '/api/sources', restaurant(overrides)).expect(201);
}

function inspection(kind: string, failing: string[]) {
  return {
    checklistVersion: CURRENT_CHECKLISTS.version,
    results: checklistFor(kind as 'restaurant').map((item) => ({ itemId: item.id, outcome: failing.includes(item.id) ? 'fail' : 'pass' })),
  };
}

/** A view's order for a checklist item. */
const orderOf = (view: any, itemId: string) => view.rectifications.find((r: any) => r.itemId === itemId);

/** The stored projection (public profile) follows events through the stream consumer. */
async function waitForProfile(code: string, until: (profile: any) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const profile = await t.client().call('GET', `/api/eco/${code}`).expect(200);
    if (until(profile) || Date.now() > deadline) return profile;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

beforeAll(async () => {
  t = await startTestSystem();
  [bureau, jingansi, pengpuzhen] = await Promise.all([
    t.signIn(DEMO_ACCOUNTS.bureau.phone),
    t.signIn(DEMO_ACCOUNTS.jingansi.phone),
    t.signIn(DEMO_ACCOUNTS.pengpuzhen.phone),
  ]);
});
afterAll(() => t?.stop());

describe('registration', () => {
  it('registers a source, scored 100 and green, with derived restaurant facts', async () => {
    const view = await register(jingansi, { restaurant: { seats: 80, burners: 4, purifierInstalled: true, purifierEfficiencyPercent: 85 } });
    expect(view.source).toMatchObject({ level: 'green', score: 100, version: 1 });
    expect(view.source.restaurant).toMatchObject({ sizeClass: 'medium', requiredEfficiencyPercent: 90, purifierMeetsStandard: false });
    expect(view.credit.rulesVersion).toBe('jingan-credit-2026.2');
    expect(view.credit.rulesSource).toContain('环发〔2013〕150号');
  });

  it('refuses a second source with the same credit code, and a bad check character', async () => {
    const code = creditCode();
    await register(bureau, { creditCode: code });
    const duplicate = await bureau.call('POST', '/api/sources', restaurant({ creditCode: code })).expect(409);
    expect(duplicate.error.code).toBe('DUPLICATE_CREDIT_CODE');
    const altered = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const bad = await bureau.call('POST', '/api/sources', restaurant({ creditCode: altered })).expect(400);
    expect(bad.error.details[0]).toMatchObject({ field: 'body.creditCode' });
  });

  it('reads credit codes as people type them: spaces and full-width characters', async () => {
    const code = creditCode();
    const fullWidth = [...code].map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).join('');
    const typed = `${fullWidth.slice(0, 6)} ${fullWidth.slice(6, 12)}\u3000${fullWidth.slice(12)}`;
    const view = await register(bureau, { creditCode: typed });
    expect(view.source.creditCode).toBe(code);
    const found = await bureau.call('GET', `/api/sources?creditCode=${encodeURIComponent(` ${code.slice(0, 9)} ${code.slice(9)}`)}`).expect(200);
    expect(found.items.map((source: { id: string }) => source.id)).toEqual([view.source.id]);
  });

  it('keeps street officers to their own street', async () => {
    const refused = await pengpuzhen.call('POST', '/api/sources', restaurant()).expect(403);
    expect(refused.error.code).toBe('FORBIDDEN');
    const { source } = await register(jingansi);
    await pengpuzhen.call('GET', `/api/sources/${source.id}`).expect(403);
    await pengpuzhen.call('GET', `/api/sources?streetCode=jingansi`).expect(403);
  });

  it('updates attributes with optimistic versions and records what changed', async () => {
    const { source } = await register(jingansi);
    const updated = await jingansi
      .call('PATCH', `/api/sources/${source.id}`, { expectedVersion: 1, tags: ['夜市'], name: `${source.name}（新店名）` })
      .expect(200);
    expect(updated.source).toMatchObject({ version: 2, tags: ['夜市'] });
    const systemTag = await jingansi.call('PATCH', `/api/sources/${source.id}`, { expectedVersion: 2, tags: ['重点监管'] }).expect(400);
    expect(systemTag.error.details[0].field).toBe('body.tags.0');
    const stale = await jingansi.call('PATCH', `/api/sources/${source.id}`, { expectedVersion: 1, tags: [] }).expect(409);
    expect(stale.error.code).toBe('VERSION_CONFLICT');
    const timeline = await jingansi.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
    expect(timeline.items.map((event: any) => event.type)).toEqual(['updated', 'registered']);
    const byTag = await jingansi.call('GET', `/api/sources?tag=${encodeURIComponent('夜市')}`).expect(200);
    expect(byTag.items.map((item: any) => item.id)).toContain(source.id);
    expect(
      (await jingansi.call('GET', `/api/sources?tag=${encodeURIComponent('夜市')}&level=red`).expect(200)).items.map((item: any) => item.id),
    ).not.toContain(source.id);
  });
});

describe('inspection → rectification → evidence → decision → score', () => {
  it('moves the score and level with an explanation at every step, and tells the operator', async () => {
    const { source } = await register(jingansi);
    const link = await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700000101' }).expect(201);
    expect(link.phoneMasked).toBe('137****0101');
    const operator = await t.signIn('13700000101');

    const inspected = await jingansi
      .call('POST', `/api/sources/${source.id}/inspections`, inspection('restaurant', ['purifier_running', 'cleaning_record']), {
        'idempotency-key': newIdempotencyKey(),
      })
      .expect(201);
    expect(inspected.credit).toMatchObject({ score: 75, level: 'yellow' });
    expect(inspected.credit.explanation.map((line: any) => [line.code, line.points, line.detail])).toEqual(
      expect.arrayContaining([
        ['failed_item', -15, '油烟净化设施正常运行'],
        ['failed_item', -10, '清洗维护记录在清洗周期内'],
      ]),
    );
    expect(inspected.rectifications).toHaveLength(2);

    const mine = await operator.call('GET', '/api/my/sources').expect(200);
    expect(mine.items.map((item: any) => item.id)).toEqual([source.id]);
    const own = await operator.call('GET', `/api/my/sources/${source.id}`).expect(200);
    expect(own.credit.level).toBe('yellow');
    const item = own.rectifications.find((r: any) => r.itemId === 'purifier_running');
    expect(item).toMatchObject({ status: 'open', overdue: false, version: 0 });

    // Evidence needs at least one photo of the operator's own.
    const noPhoto = await operator
      .call('POST', `/api/my/sources/${source.id}/rectifications/${item.id}/evidence`, { expectedVersion: 0, photoKeys: [] })
      .expect(400);
    expect(noPhoto.error.code).toBe('VALIDATION_FAILED');
    const photo = await uploadPhoto(operator);
    const submitted = await operator
      .call('POST', `/api/my/sources/${source.id}/rectifications/${item.id}/evidence`, { expectedVersion: 0, note: '已维修风机并恢复运行', photoKeys: [photo] })
      .expect(200);
    const pending = submitted.rectifications.find((r: any) => r.id === item.id);
    expect(pending).toMatchObject({ status: 'submitted', version: 1 });
    expect(pending.evidence[0].photos[0].url).toMatch(/^http/);
    await operator
      .call('POST', `/api/my/sources/${source.id}/rectifications/${item.id}/evidence`, { expectedVersion: 1, photoKeys: [await uploadPhoto(operator)] })
      .expect(409);

    // Rejected: back to open with the reason; the score is unchanged.
    const rejected = await jingansi
      .call('POST', `/api/sources/${source.id}/rectifications/${item.id}/decision`, {
        expectedVersion: 1,
        decision: 'reject',
        reason: '照片看不清设备运行状态',
      })
      .expect(200);
    expect(rejected.rectifications.find((r: any) => r.id === item.id)).toMatchObject({ status: 'open', version: 2 });
    expect(rejected.credit.score).toBe(75);
    await operator
      .call('POST', `/api/my/sources/${source.id}/rectifications/${item.id}/evidence`, { expectedVersion: 2, photoKeys: [await uploadPhoto(operator)] })
      .expect(200);

    // Accepted in time: the failed item now costs 20 % of its points, and the level rises.
    const accepted = await jingansi
      .call('POST', `/api/sources/${source.id}/rectifications/${item.id}/decision`, { expectedVersion: 3, decision: 'accept' })
      .expect(200);
    expect(accepted.credit).toMatchObject({ score: 87, level: 'blue' });
    expect(accepted.credit.explanation).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'failed_item_rectified', points: -3, detail: '油烟净化设施正常运行' })]),
    );
    const closed = accepted.rectifications.find((r: any) => r.id === item.id);
    expect(closed.status).toBe('closed');
    expect(closed.evidence.map((e: any) => e.decision)).toEqual(['rejected', 'accepted']);

    // The stored projection (public profile, lists) follows through the stream consumer.
    const profile = await waitForProfile(accepted.source.ecoCode, (p) => p.level === 'blue');
    expect(profile).toMatchObject({ level: 'blue', score: 87, openRectifications: 1 });
    // Linked, two items opened, the inspection's score change, rejected, accepted, the acceptance's score change.
    const notified = await waitForNotifications(operator, 7);
    expect(notified.items).toHaveLength(7);
    const actions = notified.items.map((n: any) => n.action);
    expect(actions).toEqual(expect.arrayContaining(['rectification_opened', 'evidence_rejected', 'evidence_accepted', 'score_changed', 'operator_linked']));
    expect(notified.items.every((n: any) => n.source?.id === source.id)).toBe(true);
  });

  it('closes open items an on-site re-inspection finds passing (复查销项), on the timeline, and the score follows', async () => {
    const { source } = await register(jingansi);
    await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700000909' }).expect(201);
    const operator = await t.signIn('13700000909');
    const failed = await jingansi
      .call('POST', `/api/sources/${source.id}/inspections`, inspection('restaurant', ['purifier_running', 'cleaning_record', 'odour']), {
        'idempotency-key': newIdempotencyKey(),
      })
      .expect(201);
    expect(failed.credit.score).toBe(65);
    // Evidence for one item awaits a decision when the officer comes back.
    const cleaning = orderOf(failed, 'cleaning_record');
    await operator
      .call('POST', `/api/my/sources/${source.id}/rectifications/${cleaning.id}/evidence`, { expectedVersion: 0, photoKeys: [await uploadPhoto(operator)] })
      .expect(200);

    t.clock.advanceDays(2);
    try {
      const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      const notLookedAt = {
        ...inspection('restaurant', []),
        results: inspection('restaurant', []).results.map((r) => (r.itemId === 'odour' ? { ...r, outcome: 'not_applicable' } : r)),
      };
      const rechecked = await officer
        .call('POST', `/api/sources/${source.id}/inspections`, notLookedAt, { 'idempotency-key': newIdempotencyKey() })
        .expect(201);
      const at = rechecked.rectifications.find((r: any) => r.status === 'closed').closedAt;
      expect(orderOf(rechecked, 'purifier_running')).toMatchObject({
        status: 'closed',
        closedHow: 'verified_on_site',
        overdue: false,
        version: 1,
        closedAt: at,
      });
      expect(orderOf(rechecked, 'cleaning_record')).toMatchObject({ status: 'closed', closedHow: 'verified_on_site', version: 2, closedAt: at });
      expect(orderOf(rechecked, 'cleaning_record').evidence[0].decision).toBeUndefined();
      // Not applicable says nothing about the item: its order stays open, and so no clean-inspection bonus.
      expect(orderOf(rechecked, 'odour')).toMatchObject({ status: 'open' });
      expect(rechecked.credit.score).toBe(100 - 3 - 2 - 10);
      expect(rechecked.credit.explanation.map((line: any) => line.code)).not.toContain('clean_inspection');

      const timeline = await officer.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
      const verified = timeline.items.filter((event: any) => event.type === 'rectification_verified');
      expect(verified.map((event: any) => event.rectification.id).sort()).toEqual([orderOf(failed, 'purifier_running').id, cleaning.id].sort());
      expect(verified.every((event: any) => event.actorName === DEMO_ACCOUNTS.jingansi.name && event.at === at)).toBe(true);

      // The operator sees it closed and can send nothing more for it; they are told.
      const operatorLater = await t.signIn('13700000909');
      const own = await operatorLater.call('GET', `/api/my/sources/${source.id}`).expect(200);
      expect(orderOf(own, 'purifier_running')).toMatchObject({ status: 'closed', closedHow: 'verified_on_site' });
      const late = await operatorLater
        .call('POST', `/api/my/sources/${source.id}/rectifications/${orderOf(own, 'purifier_running').id}/evidence`, {
          expectedVersion: 1,
          photoKeys: [await uploadPhoto(operatorLater)],
        })
        .expect(409);
      expect(late.error.code).toBe('RECTIFICATION_NOT_OPEN');
      // Linked, three items opened, the first score change; two items verified, the second score change.
      const told = await waitForNotifications(operatorLater, 8);
      expect(told.items.filter((n: any) => n.action === 'rectification_verified')).toHaveLength(2);

      // Once every item passed, the last order closes too and the clean visit counts.
      const clean = await officer
        .call('POST', `/api/sources/${source.id}/inspections`, inspection('restaurant', []), { 'idempotency-key': newIdempotencyKey() })
        .expect(201);
      expect(orderOf(clean, 'odour')).toMatchObject({ status: 'closed', closedHow: 'verified_on_site' });
      expect(clean.credit).toMatchObject({ score: 100 - 3 - 2 - 2 + 2, level: 'green' });
      expect((await waitForProfile(clean.source.ecoCode, (p) => p.openRectifications === 0)).openRectifications).toBe(0);
    } finally {
      t.clock.advanceDays(-2);
    }
  });

  it('lists the sources whose evidence awaits a decision, by street, and counts them for the home page', async () => {
    const { source } = await register(jingansi);
    await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700001010' }).expect(201);
    const operator = await t.signIn('13700001010');
    const inspected = await jingansi
      .call('POST', `/api/sources/${source.id}/inspections`, inspection('restaurant', ['odour']), { 'idempotency-key': newIdempotencyKey() })
      .expect(201);
    const order = inspected.rectifications[0];
    await operator
      .call('POST', `/api/my/sources/${source.id}/rectifications/${order.id}/evidence`, { expectedVersion: 0, photoKeys: [await uploadPhoto(operator)] })
      .expect(200);
    /** The decisions list as the stream consumer leaves it. */
    const listedOnceSettled = async (api: ApiClient, listed: boolean) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const page = await api.call('GET', '/api/decisions').expect(200);
        const found = page.items.find((item: any) => item.id === source.id);
        if (Boolean(found) === listed || Date.now() > deadline) return page;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    const page = await listedOnceSettled(jingansi, true);
    expect(page.items.find((item: any) => item.id === source.id)).toMatchObject({ awaitingDecision: 1, openRectifications: 1 });
    expect(await jingansi.call('GET', '/api/decisions/summary').expect(200)).toEqual({ sources: { count: page.items.length, more: false } });
    expect((await bureau.call('GET', '/api/decisions?streetCode=jingansi').expect(200)).items.map((item: any) => item.id)).toContain(source.id);
    expect((await pengpuzhen.call('GET', '/api/decisions').expect(200)).items.map((item: any) => item.id)).not.toContain(source.id);
    await pengpuzhen.call('GET', '/api/decisions/summary?streetCode=jingansi').expect(403);
    await operator.call('GET', '/api/decisions').expect(403);

    // Decided: off the list.
    await jingansi.call('POST', `/api/sources/${source.id}/rectifications/${order.id}/decision`, { expectedVersion: 1, decision: 'accept' }).expect(200);
    const after = await listedOnceSettled(jingansi, false);
    expect(after.items.map((item: any) => item.id)).not.toContain(source.id);
  });

  it('makes a missed deadline cost points, raise a warning and remind the operator, once time has passed', async () => {
    const { source } = await register(jingansi);
    await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700000808' }).expect(201);
    const view = await jingansi
      .call('POST', `/api/sources/${source.id}/inspections`, inspection('restaurant', ['odour']), { 'idempotency-key': newIdempotencyKey() })
      .expect(201);
    expect(view.credit.score).toBe(90);
    // Let the stream consumer score the inspection before time moves on.
    expect((await waitForProfile(view.source.ecoCode, (p) => p.score === 90)).score).toBe(90);
    t.clock.advanceDays(16);
    try {
      // Access tokens last an hour: sign in again in the future.
      const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      const later = await officer.call('GET', `/api/sources/${source.id}`).expect(200);
      expect(later.credit.score).toBe(80);
      expect(later.credit.explanation.map((line: any) => line.code)).toContain('overdue_rectification');
      expect(later.rectifications[0].overdue).toBe(true);
      await t.system.runRescore();
      const warnings = await officer.call('GET', '/api/warnings').expect(200);
      const listed = warnings.items.find((item: any) => item.id === source.id);
      expect(listed.warnings.map((w: any) => w.code)).toContain('overdue_rectification');
      const operator = await t.signIn('13700000808');
      const reminded = await waitForNotifications(operator, 3);
      expect(reminded.items.filter((n: any) => n.action === 'rectification_overdue')).toHaveLength(1);
      await t.system.runRescore();
      expect((await operator.call('GET', '/api/notifications').expect(200)).items.filter((n: any) => n.action === 'rectification_overdue')).toHaveLength(1);
    } finally {
      t.clock.advanceDays(-16);
    }
  });

  it('judges lateness by when the evidence arrived, and shows officers when each decision is due', async () => {
    const { source } = await register(jingansi);
    await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700001111' }).expect(201);
    const operator = await t.signIn('13700001111');
    const inspected = await jingansi
      .call('POST', `/api/sources/${source.id}/inspections`, inspection('restaurant', ['purifier_running', 'cleaning_record']), {
        'idempotency-key': newIdempotencyKey(),
      })
      .expect(201);
    const running = orderOf(inspected, 'purifier_running');
    const cleaning = orderOf(inspected, 'cleaning_record');
    // Evidence for one item at once, well before its 7-day deadline.
    const sent = await operator
      .call('POST', `/api/my/sources/${source.id}/rectifications/${running.id}/evidence`, { expectedVersion: 0, photoKeys: [await uploadPhoto(operator)] })
      .expect(200);
    const sentAt = orderOf(sent, 'purifier_running').evidence[0].at;
    const decisionDue = deadlineAfter(sentAt, CURRENT_RECTIFICATION_RULES.decisionWithinDays);
    expect(orderOf(sent, 'purifier_running').decisionDue).toEqual({ at: decisionDue, overdue: false });
    expect((await waitForProfile(source.ecoCode, (p) => p.score === 75)).score).toBe(75);

    t.clock.advanceDays(10);
    try {
      const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      const later = await officer.call('GET', `/api/sources/${source.id}`).expect(200);
      // The evidence sent in time waits past the deadline: not overdue; the item nothing was sent for is.
      expect(orderOf(later, 'purifier_running')).toMatchObject({ status: 'submitted', overdue: false, decisionDue: { at: decisionDue, overdue: true } });
      expect(orderOf(later, 'cleaning_record')).toMatchObject({ status: 'open', overdue: true });
      const overdueLines = (view: any) => view.credit.explanation.filter((line: any) => line.code === 'overdue_rectification').map((line: any) => line.detail);
      expect(overdueLines(later)).toEqual([cleaning.itemLabel]);
      expect(later.credit.score).toBe(100 - 15 - 10 - 10);
      await t.system.runRescore();
      const warned = (await officer.call('GET', '/api/warnings').expect(200)).items.find((item: any) => item.id === source.id);
      expect(warned.warnings).toContainEqual({ code: 'overdue_rectification', value: 1 });
      // The officers' decisions list says when the decision was due, and that it is overdue (street and district alike).
      for (const api of [officer, await t.signIn(DEMO_ACCOUNTS.bureau.phone)]) {
        const decisions = await api.call('GET', '/api/decisions').expect(200);
        expect(decisions.items.find((item: any) => item.id === source.id)).toMatchObject({
          awaitingDecision: 1,
          decisionDue: { at: decisionDue, overdue: true },
        });
      }

      // The other item's evidence arrives late; the officer accepts both, ten days after the first came in.
      const operatorLater = await t.signIn('13700001111');
      await operatorLater
        .call('POST', `/api/my/sources/${source.id}/rectifications/${cleaning.id}/evidence`, {
          expectedVersion: 0,
          photoKeys: [await uploadPhoto(operatorLater)],
        })
        .expect(200);
      await officer.call('POST', `/api/sources/${source.id}/rectifications/${running.id}/decision`, { expectedVersion: 1, decision: 'accept' }).expect(200);
      const accepted = await officer
        .call('POST', `/api/sources/${source.id}/rectifications/${cleaning.id}/decision`, { expectedVersion: 1, decision: 'accept' })
        .expect(200);
      // Only the late evidence costs the overdue points: the officer's delay costs the operator nothing.
      expect(orderOf(accepted, 'purifier_running')).toMatchObject({ status: 'closed', overdue: false });
      expect(orderOf(accepted, 'cleaning_record')).toMatchObject({ status: 'closed', overdue: true });
      // Put right since, late: 逾期整改, no longer 逾期未整改.
      expect(overdueLines(accepted)).toEqual([]);
      expect(accepted.credit.explanation.filter((line: any) => line.code === 'late_rectification').map((line: any) => line.detail)).toEqual([
        cleaning.itemLabel,
      ]);
      expect(accepted.credit.score).toBe(100 - 3 - 2 - 10);
    } finally {
      t.clock.advanceDays(-10);
    }
  });

  it('notes a repeat failure on the open order instead of opening a second: charged once, its deadline only ever shortened', async () => {
    const { source } = await register(jingansi);
    await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700001212' }).expect(201);
    const first = await jingansi
      .call('POST', `/api/sources/${source.id}/inspections`, inspection('restaurant', ['odour']), { 'idempotency-key': newIdempotencyKey() })
      .expect(201);
    const order = orderOf(first, 'odour');
    expect(first.credit.score).toBe(90);

    t.clock.advanceDays(2);
    try {
      const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      const failingAgain = (rectifyDays: number) => {
        const body = inspection('restaurant', ['odour']);
        return { ...body, results: body.results.map((result) => (result.itemId === 'odour' ? { ...result, rectifyDays } : result)) };
      };
      // Failed again with 3 days: the same order, due sooner; the item is not charged twice.
      const again = await officer
        .call('POST', `/api/sources/${source.id}/inspections`, failingAgain(3), { 'idempotency-key': newIdempotencyKey() })
        .expect(201);
      expect(again.rectifications).toHaveLength(1);
      const noted = orderOf(again, 'odour');
      expect(noted).toMatchObject({ id: order.id, status: 'open', version: 1, repeatFailures: [{ at: expect.any(String) }] });
      expect(Date.parse(noted.deadline) - Date.parse(noted.repeatFailures[0].at)).toBe(3 * DAY_MS);
      expect(noted.deadline < order.deadline).toBe(true);
      expect(again.credit.score).toBe(90);
      expect(again.credit.explanation.filter((line: any) => line.code === 'failed_item')).toHaveLength(1);
      // Days that would end later leave the deadline as it is: never lengthened.
      const third = await officer
        .call('POST', `/api/sources/${source.id}/inspections`, failingAgain(30), { 'idempotency-key': newIdempotencyKey() })
        .expect(201);
      expect(orderOf(third, 'odour')).toMatchObject({ id: order.id, deadline: noted.deadline, version: 2 });
      expect(orderOf(third, 'odour').repeatFailures).toHaveLength(2);
      expect(third.credit.score).toBe(90);

      // On the timeline: each inspection names the order, each repeat failure its deadline.
      const timeline = await officer.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
      const repeats = timeline.items.filter((event: any) => event.type === 'rectification_failed_again');
      expect(repeats.map((event: any) => [event.rectification.id, event.rectification.deadline])).toEqual([
        [order.id, noted.deadline],
        [order.id, noted.deadline],
      ]);
      const inspections = timeline.items.filter((event: any) => event.type === 'inspection');
      expect(inspections.map((event: any) => event.inspection.results.find((r: any) => r.itemId === 'odour').rectificationId)).toEqual([
        order.id,
        order.id,
        order.id,
      ]);
      expect(timeline.items.filter((event: any) => event.type === 'rectification_opened')).toHaveLength(1);
      // The operator is told each time, with the deadline; one order to send evidence for.
      const operator = await t.signIn('13700001212');
      const told = await waitForNotifications(operator, 5);
      expect(told.items.filter((n: any) => n.action === 'rectification_failed_again').map((n: any) => n.deadline)).toEqual([noted.deadline, noted.deadline]);
      const own = await operator.call('GET', `/api/my/sources/${source.id}`).expect(200);
      expect(own.rectifications.map((r: any) => r.id)).toEqual([order.id]);
      expect((await waitForProfile(first.source.ecoCode, (p) => p.openRectifications === 1)).openRectifications).toBe(1);
    } finally {
      t.clock.advanceDays(-2);
    }
  });

  it('gives rejected evidence a new deadline, the officer’s days or the item’s, and tells the operator', async () => {
    const { source } = await register(jingansi);
    await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700001313' }).expect(201);
    const operator = await t.signIn('13700001313');
    const inspected = await jingansi
      .call('POST', `/api/sources/${source.id}/inspections`, inspection('restaurant', ['purifier_running']), { 'idempotency-key': newIdempotencyKey() })
      .expect(201);
    const order = orderOf(inspected, 'purifier_running');
    const evidence = async (api: ApiClient, expectedVersion: number) =>
      api
        .call('POST', `/api/my/sources/${source.id}/rectifications/${order.id}/evidence`, { expectedVersion, photoKeys: [await uploadPhoto(api)] })
        .expect(200);
    const sent = await evidence(operator, 0);
    expect(orderOf(sent, 'purifier_running').rejectionDays).toBe(checklistFor('restaurant').find((item) => item.id === 'purifier_running')?.rectifyDays);

    // The officer decides only after the original deadline has passed.
    t.clock.advanceDays(9);
    let moved = 9;
    try {
      const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      const decide = (body: Record<string, unknown>) => officer.call('POST', `/api/sources/${source.id}/rectifications/${order.id}/decision`, body);
      const reject = { expectedVersion: 1, decision: 'reject', reason: '照片看不清设备运行状态' };
      for (const rectifyDays of [0, CURRENT_RECTIFICATION_RULES.maxResubmitDays + 1, 1.5]) {
        const refused = await decide({ ...reject, rectifyDays }).expect(400);
        expect(refused.error.code).toBe('VALIDATION_FAILED');
        expect(refused.error.details.map((detail: any) => detail.field)).toEqual(['body.rectifyDays']);
      }
      expect((await decide({ expectedVersion: 1, decision: 'accept', rectifyDays: 5 }).expect(400)).error.details[0].field).toBe('body.rectifyDays');

      // By default the item's 7 days from the rejection: not the deadline already past, and nothing is overdue.
      const rejected = orderOf(await decide(reject).expect(200), 'purifier_running');
      const rejectedAt = rejected.evidence[0].decidedAt;
      expect(rejected).toMatchObject({ status: 'open', overdue: false, deadline: deadlineAfter(rejectedAt, 7) });
      const timeline = await officer.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
      expect(timeline.items.find((event: any) => event.type === 'evidence_rejected').rectification).toMatchObject({
        id: order.id,
        deadline: rejected.deadline,
        reason: reject.reason,
      });
      const operatorLater = await t.signIn('13700001313');
      const told = await waitForNotifications(operatorLater, 4);
      expect(told.items.find((n: any) => n.action === 'evidence_rejected')).toMatchObject({ deadline: rejected.deadline });

      // Again, and this time the officer gives 3 days; nothing arrives by then: overdue, charged once.
      await evidence(operatorLater, 2);
      const second = orderOf(await decide({ ...reject, expectedVersion: 3, rectifyDays: 3 }).expect(200), 'purifier_running');
      expect(second.deadline).toBe(deadlineAfter(second.evidence[1].decidedAt, 3));
      t.clock.advanceDays(4);
      moved += 4;
      const late = await (await t.signIn(DEMO_ACCOUNTS.jingansi.phone)).call('GET', `/api/sources/${source.id}`).expect(200);
      expect(orderOf(late, 'purifier_running')).toMatchObject({ status: 'open', overdue: true });
      expect(late.credit.explanation.filter((line: any) => line.code === 'overdue_rectification').map((line: any) => line.at)).toEqual([second.deadline]);
      expect(late.credit.score).toBe(100 - 15 - 10);
    } finally {
      t.clock.advanceDays(-moved);
    }
  });

  it('does not record an inspection twice when the same request is retried', async () => {
    const { source } = await register(jingansi);
    const key = newIdempotencyKey();
    const body = inspection('restaurant', ['grease_trap']);
    const [first, second] = await Promise.all([
      jingansi.call('POST', `/api/sources/${source.id}/inspections`, body, { 'idempotency-key': key }),
      jingansi.call('POST', `/api/sources/${source.id}/inspections`, body, { 'idempotency-key': key }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const after = await jingansi.call('GET', `/api/sources/${source.id}`).expect(200);
    expect(after.rectifications).toHaveLength(1);
    const reused = await jingansi.call('POST', `/api/sources/${source.id}/inspections`, inspection('restaurant', []), { 'idempotency-key': key }).expect(409);
    expect(reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses items that are not on the checklist, and unknown checklist versions', async () => {
    const { source } = await register(jingansi);
    const wrong = await jingansi
      .call(
        'POST',
        `/api/sources/${source.id}/inspections`,
        { checklistVersion: CURRENT_CHECKLISTS.version, results: [{ itemId: 'boundary_noise', outcome: 'fail' }] },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(400);
    expect(wrong.error).toMatchObject({ code: 'UNKNOWN_CHECKLIST_ITEM' });
    await jingansi
      .call(
        'POST',
        `/api/sources/${source.id}/inspections`,
        { checklistVersion: 'nope', results: [{ itemId: 'odour', outcome: 'pass' }] },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(400);
    const timeline = await jingansi.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
    expect(timeline.items).toHaveLength(1);
  });

  it('turns a major incident red and an ordinary one into one level down', async () => {
    const { source } = await register(jingansi);
    const ordinary = await bureau
      .call(
        'POST',
        `/api/sources/${source.id}/records`,
        { type: 'incident', severity: 'ordinary', description: '净化器故障导致短时超标' },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(201);
    expect(ordinary.credit).toMatchObject({ score: 100, levelByScore: 'green', level: 'blue' });
    const major = await bureau
      .call(
        'POST',
        `/api/sources/${source.id}/records`,
        { type: 'incident', severity: 'major', description: '油烟管道起火' },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(201);
    expect(major.credit.level).toBe('red');
    const penalty = await bureau
      .call(
        'POST',
        `/api/sources/${source.id}/records`,
        { type: 'penalty', decisionNumber: '沪静环罚〔2026〕1 号', amountYuan: 5000 },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(201);
    expect(penalty.credit.score).toBe(85);
  });
});

describe('eco-codes', () => {
  it('opens the public profile for a valid code and refuses altered or forged ones', async () => {
    const view = await register(jingansi);
    const code: string = view.source.ecoCode;
    const profile = await t.client().call('GET', `/api/eco/${code}`).expect(200);
    expect(profile).toMatchObject({ name: view.source.name, kind: 'restaurant', streetName: '静安寺街道', level: 'green', score: 100, openRectifications: 0 });

    // As a person copies it by hand: lower case, O for 0, l for 1; and as the app shows it after the redirect.
    const misread = code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect(await t.client().call('GET', `/api/eco/${misread}`).expect(200)).toMatchObject({ name: view.source.name });

    const lastChar = code.at(-1) === '0' ? '1' : '0';
    const altered = await t
      .client()
      .call('GET', `/api/eco/${code.slice(0, -1)}${lastChar}`)
      .expect(400);
    expect(altered.error.code).toBe('ECO_CODE_FORGED');
    const otherSource = `${ulid()}-${code.split('-')[1]}`;
    expect((await t.client().call('GET', `/api/eco/${otherSource}`).expect(400)).error.code).toBe('ECO_CODE_FORGED');
    expect((await t.client().call('GET', '/api/eco/not-a-code').expect(400)).error.code).toBe('ECO_CODE_FORGED');
    // Signed with the real key but for a source that does not exist.
    expect(
      (
        await t
          .client()
          .call('GET', `/api/eco/${signEcoCode(t.system.ecoCodeKey, ulid())}`)
          .expect(404)
      ).error.code,
    ).toBe('SOURCE_NOT_FOUND');
  });

  it('serves a printable SVG poster holding the profile URL', async () => {
    const view = await register(jingansi);
    const response = await jingansi.call('GET', `/api/sources/${view.source.id}/poster`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.body).toContain(view.source.name);
    expect(response.body).toContain('环保诚信');
    expect(response.body).toContain(view.source.ecoCode);
    // The operator downloads their own poster; another operator's answers as a missing source.
    await jingansi.call('POST', `/api/sources/${view.source.id}/operators`, { phone: '13700001111' }).expect(201);
    const operator = await t.signIn('13700001111');
    const own = await operator.call('GET', `/api/my/sources/${view.source.id}/poster`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(own.body).toBe(response.body);
    const other = await register(jingansi);
    expect((await operator.call('GET', `/api/my/sources/${other.source.id}/poster`).expect(404)).error.code).toBe('SOURCE_NOT_FOUND');
    expect((await operator.call('GET', `/api/my/sources/${ulid()}/poster`).expect(404)).error.code).toBe('SOURCE_NOT_FOUND');
    await jingansi.call('GET', `/api/my/sources/${view.source.id}/poster`).expect(403);
    // The /e/<code> link opens the app's profile page (the same redirect CloudFront runs).
    const redirect = await fetch(`${t.system.url}/e/${view.source.ecoCode}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`/#/pages/eco/index?code=${view.source.ecoCode}`);
  });
});

describe('import', () => {
  const header = ['名称', '类型', '统一社会信用代码', '地址', '纬度', '经度', '坐标系', '街道', '负责人', '座位数', '灶头数', '净化效率', '标签'];
  const row = (name: string, code: string, extra: Partial<Record<string, string>> = {}) => [
    name,
    extra.kind ?? '餐饮',
    code,
    '静安区江宁路 100 号',
    '31.235',
    '121.452',
    'WGS-84',
    extra.street ?? '江宁路街道',
    '刘经理',
    '20',
    '2',
    extra.efficiency ?? '92%',
    '夜宵',
  ];

  it('reports every bad row in a dry run, commits the valid rows, and re-imports by credit code', async () => {
    const codes = [creditCode(), creditCode(), creditCode(), creditCode()];
    const table = [
      header,
      row('江宁路小吃', codes[0]),
      row('江宁路茶餐厅', codes[1]),
      // A check character that is certainly wrong (a fixed one is right for about 1 code in 31).
      row('坏行一', `${codes[2].slice(0, 17)}${codes[2].endsWith('X') ? 'Y' : 'X'}`),
      row('坏行二', codes[3], { street: '不存在街道' }),
      row('江宁路火锅', codes[2]),
    ];
    const file = writeXlsx(table);

    const dryRun = await runImport(bureau, file, 'xlsx', true);
    expect(dryRun).toMatchObject({ status: 'done', dryRun: true, progress: { done: 5, total: 5 } });
    expect(dryRun.report).toMatchObject({ dryRun: true, rows: 5, valid: 3, created: 3, updated: 0, rejected: 2, errorCount: 2 });
    expect(dryRun.report.errors.map((e: any) => e.row)).toEqual([4, 5]);
    expect((await bureau.call('GET', `/api/sources?creditCode=${codes[0]}`).expect(200)).items).toHaveLength(0);

    const committed = await runImport(bureau, file, 'xlsx', false);
    expect(committed.report).toMatchObject({ dryRun: false, valid: 3, created: 3, rejected: 2 });
    expect((await bureau.call('GET', `/api/sources?creditCode=${codes[0]}`).expect(200)).items[0]).toMatchObject({
      name: '江宁路小吃',
      streetCode: 'jiangninglu',
    });

    const csv = [header, row('江宁路小吃（更名）', codes[0]), row('江宁路茶餐厅', codes[1])].map((cells) => cells.join(',')).join('\r\n');
    const again = await runImport(bureau, Buffer.from(csv), 'csv', false);
    const found = await bureau.call('GET', `/api/sources?creditCode=${codes[0]}`).expect(200);
    expect(found.items).toHaveLength(1);
    expect(found.items[0].name).toBe('江宁路小吃（更名）');
    const timeline = await bureau.call('GET', `/api/sources/${found.items[0].id}/timeline`).expect(200);
    expect(timeline.items.map((event: any) => [event.type, event.changed])).toEqual([
      ['updated', ['name']],
      ['registered', undefined],
    ]);
    expect(again.report).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejected: 0 });
    const recent = await bureau.call('GET', '/api/sources/imports').expect(200);
    expect(recent.items.slice(0, 3).map((job: any) => job.id)).toEqual([again.id, committed.id, dryRun.id]);
    expect(recent.items[2].report).toMatchObject({ errorCount: 2, errors: [] });
    await jingansi.call('GET', '/api/sources/imports').expect(403);

    // A row that changes the kind clears the restaurant attributes (removed, not left behind).
    const retyped = [header, row('江宁路茶餐厅', codes[1], { kind: '其他' })].map((cells) => cells.join(',')).join('\r\n');
    expect((await runImport(bureau, Buffer.from(retyped), 'csv', false)).report).toMatchObject({ updated: 1 });
    const teahouse = (await bureau.call('GET', `/api/sources?creditCode=${codes[1]}`).expect(200)).items[0];
    const detail = await bureau.call('GET', `/api/sources/${teahouse.id}`).expect(200);
    expect(detail.source.kind).toBe('other');
    expect(detail.source.restaurant).toBeUndefined();
  });

  it('hands the bureau a short-lived link to the template, stored once under a key named by its content', async () => {
    const link = await bureau.call('GET', '/api/sources/imports/template').expect(200);
    expect(link).toMatchObject({ fileName: '污染源导入模板.xlsx', url: expect.stringMatching(/\/templates\/source-import-[0-9a-f]{16}\.xlsx\?/) });
    expect(Date.parse(link.expiresAt)).not.toBeNaN();
    const download = await fetch(link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe(IMPORT_FILE_TYPES.xlsx);
    expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('污染源导入模板.xlsx')}`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array(sourceTemplateWorkbook()));
    const again = await bureau.call('GET', '/api/sources/imports/template').expect(200);
    expect(new URL(again.url).pathname).toBe(new URL(link.url).pathname);
    await jingansi.call('GET', '/api/sources/imports/template').expect(403);
  });

  it('fails a job on a file that is not a spreadsheet, refuses uploads that are not the caller’s, and is for the bureau only', async () => {
    const notZip = await uploadImportFile(bureau, Buffer.from('not a zip but called xlsx'), 'xlsx');
    expect((await bureau.call('POST', '/api/sources/imports', { uploadKey: notZip }).expect(400)).error.code).toBe('IMPORT_FILE_INVALID');
    const noHeader = await runImport(bureau, Buffer.from('a,b\n1,2'), 'csv', true);
    expect(noHeader).toMatchObject({ status: 'failed', failureCode: 'HEADER_UNRECOGNISED' });
    expect(noHeader.failure).toMatch(/[\u4e00-\u9fa5]/);
    const photo = await uploadPhoto(jingansi);
    // A photo's key is not an import upload key: refused by the schema, naming the field.
    expect((await bureau.call('POST', '/api/sources/imports', { uploadKey: photo }).expect(400)).error.details[0].field).toBe('body.uploadKey');
    await jingansi.call('POST', '/api/sources/imports/uploads', { format: 'csv', size: 10 }).expect(403);
    await bureau.call('GET', `/api/sources/imports/${ulid()}`).expect(404);
  });
});

describe('search', () => {
  it('finds sources by name prefix, level and street, paginated, never outside the officer street', async () => {
    const prefix = `搜索${Date.now() % 10000}`;
    for (let i = 0; i < 3; i++) await register(bureau, { name: `${prefix}店${i}` });
    await register(bureau, { name: `${prefix}彭浦店`, streetCode: 'pengpuzhen' });
    const all = await bureau.call('GET', `/api/sources?name=${encodeURIComponent(prefix)}`).expect(200);
    expect(all.items).toHaveLength(4);
    const street = await jingansi.call('GET', `/api/sources?name=${encodeURIComponent(prefix)}`).expect(200);
    expect(street.items.map((item: any) => item.streetCode)).toEqual(['jingansi', 'jingansi', 'jingansi']);
    const green = await bureau.call('GET', '/api/sources?level=green&streetCode=pengpuzhen').expect(200);
    expect(green.items.some((item: any) => item.name === `${prefix}彭浦店`)).toBe(true);
    const forged = await bureau
      .call('GET', `/api/sources?streetCode=jingansi&cursor=${Buffer.from('{"gsi1pk":"SOURCES#310106#STREET#pengpuzhen"}').toString('base64url')}`)
      .expect(400);
    expect(forged.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('complaints and claims', () => {
  it('proposes nearby sources for a complaint, links one, and it counts once substantiated', async () => {
    const { source } = await register(jingansi, { name: '愚园路测试烧烤', address: '静安区愚园路 188 弄', location: center });
    const resident = await t.signIn(DEMO_ACCOUNTS.resident.phone);
    const complaint = (
      await submitComplaint(resident, {
        description: '愚园路测试烧烤晚上油烟直排，很呛人。',
        location: { ...center, address: '静安区愚园路 188 弄' },
        streetCode: 'jingansi',
      })
    ).complaint;
    const matches = await jingansi.call('GET', `/api/complaints/${complaint.id}/source-matches`).expect(200);
    expect(matches.items[0]).toMatchObject({ source: { id: source.id }, alreadyLinked: false });
    expect(matches.items[0].distanceMetres).toBeLessThan(5);

    const link = (complaintId: string, substantiated: boolean) => jingansi.call('POST', `/api/sources/${source.id}/complaints`, { complaintId, substantiated });
    // Substantiated only once handled: linked first as not (yet) substantiated, which costs nothing.
    expect(matches.substantiable).toBe(false);
    expect((await link(complaint.id, true).expect(409)).error.code).toBe('COMPLAINT_NOT_HANDLED');
    expect((await link(complaint.id, false).expect(201)).credit.explanation).toEqual([]);
    expect((await link(complaint.id, false).expect(409)).error.code).toBe('ALREADY_LINKED');
    const act = (id: string, body: Record<string, unknown>) => jingansi.call('POST', `/api/complaints/${id}/transitions`, body).expect(200);
    await act(complaint.id, { action: 'accept', expectedVersion: 1 });
    await act(complaint.id, { action: 'resolve', expectedVersion: 2, note: '现场核实油烟直排，已责令整改' });
    expect((await jingansi.call('GET', `/api/complaints/${complaint.id}/source-matches`).expect(200)).items[0]).toMatchObject({
      alreadyLinked: true,
      linkedSubstantiated: false,
    });
    const linked = await link(complaint.id, true).expect(201);
    // It counts from the day it was received, not the day it was linked.
    expect(linked.credit.explanation).toEqual([
      expect.objectContaining({ code: 'verified_complaint', points: -5, detail: complaint.trackingNumber, at: complaint.submittedAt }),
    ]);
    expect((await link(complaint.id, true).expect(409)).error.code).toBe('ALREADY_LINKED');
    expect((await jingansi.call('GET', `/api/complaints/${complaint.id}/source-matches`).expect(200)).items[0]).toMatchObject({
      alreadyLinked: true,
      linkedSubstantiated: true,
    });

    // A duplicate of it, also found substantiated, counts once with its original.
    const duplicate = (
      await submitComplaint(resident, {
        description: '愚园路测试烧烤又在排油烟。',
        location: { ...center, address: '静安区愚园路 188 弄' },
        streetCode: 'jingansi',
      })
    ).complaint;
    await act(duplicate.id, { action: 'mark_duplicate', expectedVersion: 1, duplicateOf: complaint.trackingNumber });
    const both = await link(duplicate.id, true).expect(201);
    expect(both.credit.explanation.filter((line: { code: string }) => line.code === 'verified_complaint')).toHaveLength(1);
    expect(both.source.score).toBe(95);

    // Nothing about the complainant reaches the operator, the public or even the officer's source views.
    await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700000202' }).expect(201);
    const operator = await t.signIn('13700000202');
    const seen = JSON.stringify([
      await operator.call('GET', `/api/my/sources/${source.id}`).expect(200),
      await operator.call('GET', '/api/my/sources').expect(200),
      await t.client().call('GET', `/api/eco/${linked.source.ecoCode}`).expect(200),
      await jingansi.call('GET', `/api/sources/${source.id}/timeline`).expect(200),
    ]);
    const residentUser = await resident.call('GET', '/api/me').expect(200);
    expect(seen).not.toContain(DEMO_ACCOUNTS.resident.phone);
    expect(seen).not.toContain(residentUser.id);
    expect(seen).not.toContain(residentUser.phoneMasked);
  });

  it('lets a resident claim a source by credit code and an officer approve it', async () => {
    const view = await register(jingansi);
    const claimant = await t.signIn('13700000303');
    expect((await claimant.call('POST', '/api/my/claims', { creditCode: creditCode() }).expect(404)).error.code).toBe('SOURCE_NOT_FOUND');
    const claim = await claimant.call('POST', '/api/my/claims', { creditCode: view.source.creditCode.toLowerCase(), note: '我是店长' }).expect(201);
    expect(claim).toMatchObject({ status: 'pending', sourceId: view.source.id, claimantPhoneMasked: '137****0303' });
    const retried = await claimant.call('POST', '/api/my/claims', { creditCode: view.source.creditCode, note: '我是店长' }).expect(201);
    expect(retried.id).toBe(claim.id);
    await claimant.call('GET', `/api/my/sources/${view.source.id}`).expect(404);

    expect((await pengpuzhen.call('GET', '/api/claims').expect(200)).items.some((c: any) => c.id === claim.id)).toBe(false);
    await pengpuzhen.call('POST', `/api/claims/${claim.id}/decision`, { decision: 'approve' }).expect(403);
    const pending = await jingansi.call('GET', '/api/claims').expect(200);
    expect(pending.items.map((c: any) => c.id)).toContain(claim.id);
    const approved = await jingansi.call('POST', `/api/claims/${claim.id}/decision`, { decision: 'approve' }).expect(200);
    expect(approved.status).toBe('approved');
    expect((await jingansi.call('POST', `/api/claims/${claim.id}/decision`, { decision: 'reject', reason: '重复' }).expect(409)).error.code).toBe(
      'CLAIM_ALREADY_DECIDED',
    );
    expect((await claimant.call('GET', '/api/my/sources').expect(200)).items.map((s: any) => s.id)).toEqual([view.source.id]);
    const mine = await claimant.call('GET', '/api/my/claims').expect(200);
    expect(mine.items.map((c: any) => c.status)).toEqual(['approved']);
  });
});

describe('authorization', () => {
  it("keeps operator A out of operator B's source, and residents out of officer routes", async () => {
    const a = await register(jingansi);
    const b = await register(jingansi);
    await jingansi.call('POST', `/api/sources/${a.source.id}/operators`, { phone: '13700000404' }).expect(201);
    await jingansi.call('POST', `/api/sources/${b.source.id}/operators`, { phone: '13700000505' }).expect(201);
    const operatorA = await t.signIn('13700000404');
    const rectifiable = await jingansi
      .call('POST', `/api/sources/${b.source.id}/inspections`, inspection('restaurant', ['odour']), { 'idempotency-key': newIdempotencyKey() })
      .expect(201);

    const denied = await operatorA.call('GET', `/api/my/sources/${b.source.id}`).expect(404);
    expect(denied.error.code).toBe('SOURCE_NOT_FOUND');
    const rectificationId = rectifiable.rectifications[0].id;
    await operatorA
      .call('POST', `/api/my/sources/${b.source.id}/rectifications/${rectificationId}/evidence`, {
        expectedVersion: 0,
        photoKeys: [await uploadPhoto(operatorA)],
      })
      .expect(404);
    await operatorA.call('GET', `/api/sources/${b.source.id}`).expect(403);
    await operatorA.call('GET', `/api/sources/${b.source.id}/poster`).expect(403);
    await operatorA
      .call('POST', `/api/sources/${a.source.id}/rectifications/${rectificationId}/decision`, { expectedVersion: 0, decision: 'accept' })
      .expect(403);
    expect((await operatorA.call('GET', '/api/my/sources').expect(200)).items.map((s: any) => s.id)).toEqual([a.source.id]);
    const b2 = await t.signIn('13700000505');
    expect((await b2.call('GET', `/api/my/sources/${b.source.id}`).expect(200)).source.responsiblePerson.phone).toBe('13700000009');
  });

  it('links each phone to a source only once, and an officer can unlink it again', async () => {
    const { source } = await register(jingansi);
    const link = await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700000606' }).expect(201);
    expect((await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700000606' }).expect(409)).error.code).toBe('ALREADY_OPERATOR');
    await pengpuzhen.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700000707' }).expect(403);

    const operator = await t.signIn('13700000606');
    await operator.call('GET', `/api/my/sources/${source.id}`).expect(200);
    await pengpuzhen.call('DELETE', `/api/sources/${source.id}/operators/${link.userId}`).expect(403);
    const unlinked = await jingansi.call('DELETE', `/api/sources/${source.id}/operators/${link.userId}`).expect(200);
    expect(unlinked.operators).toEqual([]);
    await operator.call('GET', `/api/my/sources/${source.id}`).expect(404);
    expect((await operator.call('GET', '/api/my/sources').expect(200)).items).toEqual([]);
    await jingansi.call('DELETE', `/api/sources/${source.id}/operators/${link.userId}`).expect(404);
    const timeline = await jingansi.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
    expect(timeline.items[0]).toMatchObject({ type: 'operator_unlinked', note: '137****0606' });
  });
});
