import { describe, expect, it } from 'vitest';
import {
  applyRectificationStep,
  availableRectificationActions,
  decideRectificationStep,
  openRectification,
  ordersVerifiedOnSite,
  RECTIFICATION_ACTIONS,
  RECTIFICATION_STATUSES,
  RECTIFICATION_TRANSITIONS,
  type RectificationActor,
  type RectificationOrder,
  type RectificationStep,
} from '@green-shield/shared/sources/rectification-state-machine';
import { inspectionProblems, inspectionRecords, recordDate } from '../../functions/src/sources/inspections';

const now = new Date('2026-03-10T02:00:00.000Z');
const item = { id: 'purifier', label: '油烟净化器正常运行', basis: 'DB31/844-2014', points: 10, rectifyDays: 15 };

const order = (overrides: Partial<RectificationOrder> = {}): RectificationOrder => ({
  ...openRectification({ id: 'R1', sourceId: 'S1', inspectionId: 'I1', item, now }),
  ...overrides,
});

const evidence = { id: 'E1', at: '2026-03-12T00:00:00.000Z', by: 'operator-1', note: '已清洗', photoKeys: ['photos/S1/evidence-E1/1.jpg'] };
const newDeadline = '2026-03-28T00:00:00.000Z';
const stepFor = (action: RectificationStep['action'], actor: RectificationActor): RectificationStep => {
  const decided = { actor, at: '2026-03-13T00:00:00.000Z', decidedBy: 'officer-1' };
  if (action === 'submit_evidence') return { action, actor, evidence };
  if (action === 'verify_on_site') return { action, ...decided, inspectionId: 'I2' };
  if (action === 'accept_evidence') return { action, ...decided };
  return { action, ...decided, reason: '照片模糊', deadline: newDeadline };
};

describe('rectification state machine', () => {
  it('opens an order from a failed item, due after the item’s days or the officer’s', () => {
    expect(order()).toEqual({
      id: 'R1',
      sourceId: 'S1',
      itemId: 'purifier',
      itemLabel: '油烟净化器正常运行',
      basis: 'DB31/844-2014',
      inspectionId: 'I1',
      openedAt: '2026-03-10T02:00:00.000Z',
      deadline: '2026-03-25T02:00:00.000Z',
      status: 'open',
      version: 0,
      evidence: [],
    });
    expect(openRectification({ id: 'R2', sourceId: 'S1', inspectionId: 'I1', item, rectifyDays: 3, now }).deadline).toBe('2026-03-13T02:00:00.000Z');
  });

  it('walks submit, reject, submit again, accept', () => {
    const submitted = applyRectificationStep(order(), stepFor('submit_evidence', 'operator'));
    expect(submitted).toMatchObject({ status: 'submitted', version: 1, evidence: [evidence] });
    const rejected = applyRectificationStep(submitted, stepFor('reject_evidence', 'officer'));
    // The rejection's new deadline replaces the first, which is kept with when it was replaced.
    expect(rejected).toMatchObject({
      status: 'open',
      version: 2,
      deadline: newDeadline,
      earlierDeadlines: [{ deadline: '2026-03-25T02:00:00.000Z', replacedAt: '2026-03-13T00:00:00.000Z' }],
    });
    expect(rejected.closedAt).toBeUndefined();
    expect(rejected.evidence).toEqual([
      { ...evidence, decision: 'rejected', reason: '照片模糊', decidedAt: '2026-03-13T00:00:00.000Z', decidedBy: 'officer-1' },
    ]);
    const again = applyRectificationStep(rejected, { action: 'submit_evidence', actor: 'operator', evidence: { ...evidence, id: 'E2' } });
    const accepted = applyRectificationStep(again, { action: 'accept_evidence', actor: 'officer', at: '2026-03-14T00:00:00.000Z', decidedBy: 'officer-2' });
    expect(accepted).toMatchObject({
      status: 'closed',
      version: 4,
      closedAt: '2026-03-14T00:00:00.000Z',
      closure: { how: 'evidence_accepted', by: 'officer-2' },
    });
    // Only the last entry is decided; the earlier rejection stays as it was.
    expect(accepted.evidence.map((entry) => [entry.id, entry.decision, entry.decidedBy])).toEqual([
      ['E1', 'rejected', 'officer-1'],
      ['E2', 'accepted', 'officer-2'],
    ]);
  });

  it('allows exactly the written-down transitions, to their statuses, and refuses every other', () => {
    for (const status of RECTIFICATION_STATUSES) {
      for (const action of RECTIFICATION_ACTIONS) {
        for (const actor of ['operator', 'officer'] as const) {
          const rule = RECTIFICATION_TRANSITIONS[action];
          const decided = decideRectificationStep(status, action, actor);
          const label = `${actor} ${action} from ${status}`;
          if (actor !== rule.actor) expect(decided, label).toMatchObject({ ok: false, refusal: { code: 'FORBIDDEN' } });
          else if (!(rule.from as readonly string[]).includes(status))
            expect(decided, label).toEqual({ ok: false, refusal: { code: 'RECTIFICATION_NOT_OPEN', message: rule.wrongStatus } });
          else expect(decided, label).toEqual({ ok: true, to: rule.to });
          if (decided.ok) expect(applyRectificationStep(order({ status, evidence: [evidence] }), stepFor(action, actor)).status, label).toBe(decided.to);
          else expect(() => applyRectificationStep(order({ status, evidence: [evidence] }), stepFor(action, actor)), label).toThrow(decided.refusal.message);
        }
      }
    }
    expect(Object.values(RECTIFICATION_TRANSITIONS).map(({ from, to, actor }) => `${actor}: ${from.join('|')} → ${to}`)).toEqual([
      'operator: open → submitted',
      'officer: submitted → closed',
      'officer: submitted → open',
      'officer: open|submitted → closed',
    ]);
  });

  it('keeps a closed order closed and names the refusals the API answers with', () => {
    expect(availableRectificationActions('closed', 'operator')).toEqual([]);
    expect(availableRectificationActions('closed', 'officer')).toEqual([]);
    expect(availableRectificationActions('open', 'operator')).toEqual(['submit_evidence']);
    expect(availableRectificationActions('open', 'officer')).toEqual(['verify_on_site']);
    expect(availableRectificationActions('submitted', 'officer')).toEqual(['accept_evidence', 'reject_evidence', 'verify_on_site']);
    expect(decideRectificationStep('closed', 'verify_on_site', 'officer')).toEqual({
      ok: false,
      refusal: { code: 'RECTIFICATION_NOT_OPEN', message: 'This item is already closed' },
    });
    expect(decideRectificationStep('open', 'verify_on_site', 'operator')).toEqual({
      ok: false,
      refusal: { code: 'FORBIDDEN', message: 'Only an officer may verify on site' },
    });
    expect(decideRectificationStep('submitted', 'submit_evidence', 'operator')).toEqual({
      ok: false,
      refusal: { code: 'RECTIFICATION_NOT_OPEN', message: 'Evidence for this item is awaiting a decision or the item is closed' },
    });
    expect(decideRectificationStep('open', 'accept_evidence', 'officer')).toEqual({
      ok: false,
      refusal: { code: 'RECTIFICATION_NOT_OPEN', message: 'There is no evidence awaiting a decision on this item' },
    });
    expect(decideRectificationStep('submitted', 'accept_evidence', 'operator')).toEqual({
      ok: false,
      refusal: { code: 'FORBIDDEN', message: 'Only an officer may accept evidence' },
    });
  });
});

describe('a passing re-inspection closes open orders (复查销项)', () => {
  const inspection = { id: 'I2', at: '2026-03-20T06:00:00.000Z', by: 'officer-3' };
  const odourOrder = order({ id: 'R2', itemId: 'odour', itemLabel: '无明显异味' });

  it('closes an open order of a passing item at the inspection’s time, by its officer, deciding no evidence', () => {
    const submitted = applyRectificationStep(order(), stepFor('submit_evidence', 'operator'));
    const [verified] = ordersVerifiedOnSite([submitted], new Set(['purifier']), inspection);
    expect(verified).toEqual({
      ...submitted,
      status: 'closed',
      version: submitted.version + 1,
      closedAt: inspection.at,
      closure: { how: 'verified_on_site', by: 'officer-3', inspectionId: 'I2' },
    });
    // The evidence awaiting a decision stays undecided: nobody judged the photos.
    expect(verified.evidence).toEqual([evidence]);
    expect(ordersVerifiedOnSite([order()], new Set(['purifier']), inspection)).toMatchObject([{ status: 'closed', version: 1 }]);
  });

  it('leaves orders of items not found passing, and orders already closed, as they are', () => {
    const closed = order({ id: 'R3', status: 'closed', closedAt: '2026-03-15T00:00:00.000Z', version: 2 });
    expect(ordersVerifiedOnSite([order(), odourOrder, closed], new Set(['odour']), inspection).map((o) => o.id)).toEqual(['R2']);
    expect(ordersVerifiedOnSite([order(), odourOrder, closed], new Set(), inspection)).toEqual([]);
    expect(ordersVerifiedOnSite([closed], new Set(['purifier']), inspection)).toEqual([]);
  });
});

describe('inspection results and records', () => {
  const checklist = new Map([
    [item.id, item],
    ['odour', { id: 'odour', label: '无明显异味', basis: 'GB 14554', points: 5, rectifyDays: 7 }],
  ]);

  it('names results outside the checklist and repeated items by field', () => {
    expect(
      inspectionProblems(checklist, [
        { itemId: 'purifier', outcome: 'pass', rectify: true },
        { itemId: 'noise', outcome: 'fail', rectify: true },
        { itemId: 'purifier', outcome: 'fail', rectify: true },
      ]),
    ).toEqual([
      { field: 'body.results.1.itemId', message: '不是该类污染源检查表中的项目' },
      { field: 'body.results.2.itemId', message: '同一项目重复填写' },
    ]);
    expect(inspectionProblems(checklist, [{ itemId: 'odour', outcome: 'pass', rectify: true }])).toEqual([]);
  });

  it('records each result with its points and opens an order only for failed items to rectify', () => {
    const ids = ['R1', 'R2'];
    const { results, rectifications } = inspectionRecords({
      checklist,
      results: [
        { itemId: 'purifier', outcome: 'fail', rectify: true, rectifyDays: 3, note: '未开启' },
        { itemId: 'odour', outcome: 'fail', rectify: false },
      ],
      sourceId: 'S1',
      inspectionId: 'I1',
      orders: [],
      officerId: 'officer-1',
      now,
      newId: () => ids.shift() ?? 'none',
    });
    expect(results).toEqual([
      { itemId: 'purifier', label: item.label, points: 10, outcome: 'fail', note: '未开启', rectificationId: 'R1' },
      { itemId: 'odour', label: '无明显异味', points: 5, outcome: 'fail', note: undefined, rectificationId: undefined },
    ]);
    expect(rectifications).toEqual([openRectification({ id: 'R1', sourceId: 'S1', inspectionId: 'I1', item, rectifyDays: 3, now })]);
  });

  it('closes the open orders of the items it finds passing, not of those failed again or not applicable', () => {
    const earlier = new Date('2026-03-01T02:00:00.000Z');
    const open = (id: string, itemId: string) => openRectification({ id, sourceId: 'S1', inspectionId: 'I0', item: checklist.get(itemId)!, now: earlier });
    const { verified, rectifications } = inspectionRecords({
      checklist,
      results: [
        { itemId: 'purifier', outcome: 'pass', rectify: true },
        { itemId: 'odour', outcome: 'not_applicable', rectify: true },
      ],
      sourceId: 'S1',
      inspectionId: 'I1',
      orders: [open('R0', 'purifier'), open('R9', 'odour')],
      officerId: 'officer-1',
      now,
      newId: () => 'none',
    });
    expect(rectifications).toEqual([]);
    expect(verified).toEqual([
      {
        ...open('R0', 'purifier'),
        status: 'closed',
        version: 1,
        closedAt: now.toISOString(),
        closure: { how: 'verified_on_site', by: 'officer-1', inspectionId: 'I1' },
      },
    ]);
  });

  it('files a record under a valid past date, or now', () => {
    expect(recordDate(undefined, now)).toEqual({ ok: true, at: now.toISOString() });
    expect(recordDate('2026-03-01T08:00:00+08:00', now)).toEqual({ ok: true, at: '2026-03-01T00:00:00.000Z' });
    expect(recordDate(now.toISOString(), now)).toEqual({ ok: true, at: now.toISOString() });
    expect(recordDate('2026-03-10T02:00:00.001Z', now)).toEqual({ ok: false });
    expect(recordDate('not a date', now)).toEqual({ ok: false });
  });
});
