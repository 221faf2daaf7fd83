import { describe, expect, it } from 'vitest';
import {
  applyRectificationStep,
  availableRectificationActions,
  decideRectificationStep,
  openRectification,
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
const stepFor = (action: RectificationStep['action'], actor: RectificationActor): RectificationStep =>
  action === 'submit_evidence' ? { action, actor, evidence } : { action, actor, at: '2026-03-13T00:00:00.000Z', decidedBy: 'officer-1', reason: '照片模糊' };

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
    expect(rejected).toMatchObject({ status: 'open', version: 2 });
    expect(rejected.closedAt).toBeUndefined();
    expect(rejected.evidence).toEqual([
      { ...evidence, decision: 'rejected', reason: '照片模糊', decidedAt: '2026-03-13T00:00:00.000Z', decidedBy: 'officer-1' },
    ]);
    const again = applyRectificationStep(rejected, { action: 'submit_evidence', actor: 'operator', evidence: { ...evidence, id: 'E2' } });
    const accepted = applyRectificationStep(again, { action: 'accept_evidence', actor: 'officer', at: '2026-03-14T00:00:00.000Z', decidedBy: 'officer-2' });
    expect(accepted).toMatchObject({ status: 'closed', version: 4, closedAt: '2026-03-14T00:00:00.000Z' });
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
          else if (status !== rule.from) expect(decided, label).toEqual({ ok: false, refusal: { code: 'RECTIFICATION_NOT_OPEN', message: rule.wrongStatus } });
          else expect(decided, label).toEqual({ ok: true, to: rule.to });
          if (decided.ok) expect(applyRectificationStep(order({ status, evidence: [evidence] }), stepFor(action, actor)).status, label).toBe(decided.to);
          else expect(() => applyRectificationStep(order({ status, evidence: [evidence] }), stepFor(action, actor)), label).toThrow(decided.refusal.message);
        }
      }
    }
    expect(Object.values(RECTIFICATION_TRANSITIONS).map(({ from, to, actor }) => `${actor}: ${from} → ${to}`)).toEqual([
      'operator: open → submitted',
      'officer: submitted → closed',
      'officer: submitted → open',
    ]);
  });

  it('keeps a closed order closed and names the refusals the API answers with', () => {
    expect(availableRectificationActions('closed', 'operator')).toEqual([]);
    expect(availableRectificationActions('closed', 'officer')).toEqual([]);
    expect(availableRectificationActions('open', 'operator')).toEqual(['submit_evidence']);
    expect(availableRectificationActions('submitted', 'officer')).toEqual(['accept_evidence', 'reject_evidence']);
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
      now,
      newId: () => ids.shift() ?? 'none',
    });
    expect(results).toEqual([
      { itemId: 'purifier', label: item.label, points: 10, outcome: 'fail', note: '未开启', rectificationId: 'R1' },
      { itemId: 'odour', label: '无明显异味', points: 5, outcome: 'fail', note: undefined, rectificationId: undefined },
    ]);
    expect(rectifications).toEqual([openRectification({ id: 'R1', sourceId: 'S1', inspectionId: 'I1', item, rectifyDays: 3, now })]);
  });

  it('files a record under a valid past date, or now', () => {
    expect(recordDate(undefined, now)).toEqual({ ok: true, at: now.toISOString() });
    expect(recordDate('2026-03-01T08:00:00+08:00', now)).toEqual({ ok: true, at: '2026-03-01T00:00:00.000Z' });
    expect(recordDate(now.toISOString(), now)).toEqual({ ok: true, at: now.toISOString() });
    expect(recordDate('2026-03-10T02:00:00.001Z', now)).toEqual({ ok: false });
    expect(recordDate('not a date', now)).toEqual({ ok: false });
  });
});
