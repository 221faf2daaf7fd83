/**
 * The rectification loop's rules (issue 15, items 1, 3 and 4): lateness judged by when evidence
 * arrived, against the deadline in force at the time; an officer's decision with its own due time;
 * one order per item however often it fails; a rejection's new deadline. At their boundaries.
 */
import { describe, expect, it } from 'vitest';
import {
  computeCreditScore,
  creditWarnings,
  missedDeadline,
  rectificationOverdue,
  type RectificationFact,
  type ScoringFact,
} from '@green-shield/shared/sources/scoring';
import { CURRENT_CREDIT_RULES } from '@green-shield/shared/sources/credit-rules';
import { CURRENT_CHECKLISTS, checklistFor } from '@green-shield/shared/sources/checklists';
import { CURRENT_RECTIFICATION_RULES } from '@green-shield/shared/sources/rectification-rules';
import {
  applyRectificationStep,
  deadlineAfter,
  decisionDueAt,
  defaultResubmitDays,
  noteRepeatFailure,
  openRectification,
  type RectificationOrder,
} from '@green-shield/shared/sources/rectification-state-machine';
import { EvidenceDecisionBody } from '@green-shield/shared/api/source-schemas';
import { inspectionRecords, rejectionDefaultDays } from '../../functions/src/sources/inspections';
import { awaitingDecisionItem } from '../../functions/src/sources/items';
import { planDecisions } from '../../functions/src/sources/search-plan';
import { projectScore, rectificationFact } from '../../functions/src/sources/score-projection';
import { operatorNotifications } from '../../functions/src/sources/stream-handler';
import { overdueReminders } from '../../functions/src/sources/reminders';
import { toDecisionSummary, toOperatorSourceView } from '../../functions/src/sources/views';
import type { SourceEventRecord, SourceRecord } from '../../functions/src/sources/records';
import { sourceEventBase } from '../support/fixtures';

const rules = CURRENT_CREDIT_RULES;
const DAY = 86_400_000;
const now = new Date('2026-11-28T04:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta).toISOString();

/** Failed on day −10 (15 points), due on day −3. */
const DEADLINE = daysAgo(3);
const failed: ScoringFact = {
  kind: 'inspection',
  id: 'i1',
  at: daysAgo(10),
  failedItems: [{ itemId: 'purifier', label: '净化器运行', points: 15, rectificationId: 'r1' }],
};
const order = (fields: Partial<RectificationFact> = {}): RectificationFact => ({
  kind: 'rectification',
  id: 'r1',
  itemLabel: '净化器运行',
  openedAt: daysAgo(10),
  deadline: DEADLINE,
  ...fields,
});
const scored = (fields: Partial<RectificationFact>, asOf = now) => computeCreditScore([failed, order(fields)], rules, asOf);
const codes = (fields: Partial<RectificationFact>, asOf = now) => scored(fields, asOf).explanation.map((line) => line.code);
const overdueWarning = (fields: Partial<RectificationFact>, asOf = now) =>
  creditWarnings([failed, order(fields)], rules, asOf).some((warning) => warning.code === 'overdue_rectification');

describe('lateness is judged by when the evidence arrived', () => {
  it('accepts evidence sent at the deadline’s very instant as in time, however late the officer decides', () => {
    const atDeadline = { evidence: [{ at: DEADLINE, decidedAt: daysAgo(1) }], closedAt: daysAgo(1) };
    expect(scored(atDeadline).score).toBe(100 - 3);
    expect(codes(atDeadline)).not.toContain('overdue_rectification');
    expect(codes(atDeadline)).not.toContain('late_rectification');
    expect(missedDeadline(order(atDeadline), now)).toBeUndefined();
  });

  it('charges evidence sent one millisecond after the deadline once, dated at the deadline', () => {
    const late = { evidence: [{ at: ms(DEADLINE, 1), decidedAt: daysAgo(1) }], closedAt: daysAgo(1) };
    expect(scored(late).score).toBe(100 - 3 - rules.overdueRectificationPoints);
    // Put right since, so labelled 逾期整改 (late), not 逾期未整改 (still not rectified).
    expect(scored(late).explanation.find((line) => line.code === 'late_rectification')).toMatchObject({ at: DEADLINE, detail: '净化器运行' });
    expect(codes(late)).not.toContain('overdue_rectification');
    expect(codes({ evidence: [] }, now)).toContain('overdue_rectification');
    expect(missedDeadline(order(late), now)).toBe(DEADLINE);
  });

  it('is not overdue while evidence sent in time awaits a decision across the deadline: no warning, no deduction', () => {
    const pending = { evidence: [{ at: daysAgo(5) }] };
    expect(scored(pending).score).toBe(100 - 15);
    expect(codes(pending)).not.toContain('overdue_rectification');
    expect(codes(pending)).not.toContain('late_rectification');
    expect(overdueWarning(pending)).toBe(false);
    expect(rectificationOverdue(order(pending), now)).toBe(false);
    // Evidence a millisecond late is overdue while it waits, and raises the warning.
    const latePending = { evidence: [{ at: ms(DEADLINE, 1) }] };
    expect(rectificationOverdue(order(latePending), now)).toBe(true);
    expect(overdueWarning(latePending)).toBe(true);
    // Nothing sent: overdue from the millisecond after the deadline, not at it.
    expect(rectificationOverdue(order(), new Date(DEADLINE))).toBe(false);
    expect(rectificationOverdue(order(), new Date(ms(DEADLINE, 1)))).toBe(true);
  });

  it('scores a past date from what was known then: pending then, decided since', () => {
    const decidedLate = { evidence: [{ at: daysAgo(5), decidedAt: daysAgo(1) }], closedAt: daysAgo(1) };
    // Two days ago the evidence awaited a decision: the full item, nothing overdue.
    expect(scored(decidedLate, new Date(daysAgo(2))).score).toBe(85);
    expect(overdueWarning(decidedLate, new Date(daysAgo(2)))).toBe(false);
    expect(scored(decidedLate).score).toBe(97);
  });

  it('judges rejected then resubmitted evidence against the deadline in force at each moment', () => {
    // Sent in time, rejected after the deadline with a new one, sent again in time and accepted: never late.
    const newDeadline = daysAgo(-4);
    const rejectedInTime = {
      deadline: newDeadline,
      earlierDeadlines: [{ deadline: DEADLINE, replacedAt: daysAgo(2) }],
      evidence: [
        { at: daysAgo(5), decidedAt: daysAgo(2) },
        { at: daysAgo(1), decidedAt: daysAgo(0.5) },
      ],
      closedAt: daysAgo(0.5),
    };
    expect(scored(rejectedInTime).score).toBe(97);
    expect(overdueWarning({ ...rejectedInTime, evidence: rejectedInTime.evidence.slice(0, 1), closedAt: undefined })).toBe(false);
    // Sent late the first time: the missed deadline stays charged, though the resubmission kept the new one.
    const lateFirst = { ...rejectedInTime, evidence: [{ at: daysAgo(2.5), decidedAt: daysAgo(2) }, rejectedInTime.evidence[1]] };
    expect(scored(lateFirst).score).toBe(100 - 3 - rules.overdueRectificationPoints);
    expect(missedDeadline(order(lateFirst), now)).toBe(DEADLINE);
    // Replaced before it passed: the first deadline binds nobody; the new one, missed, costs once.
    const missedNew = {
      deadline: daysAgo(1),
      earlierDeadlines: [{ deadline: DEADLINE, replacedAt: daysAgo(4) }],
      evidence: [{ at: daysAgo(5), decidedAt: daysAgo(4) }],
    };
    expect(missedDeadline(order(missedNew), now)).toBe(daysAgo(1));
    expect(scored(missedNew).score).toBe(100 - 15 - rules.overdueRectificationPoints);
    expect(rectificationOverdue(order(missedNew), now)).toBe(true);
    // An order rejected before deadlines moved kept its only deadline: rejected evidence awaits nothing.
    expect(missedDeadline(order({ evidence: [{ at: daysAgo(5), decidedAt: daysAgo(4) }] }), now)).toBe(DEADLINE);
  });

  it('keeps evidence sent in time on time when the order is then verified on site after the deadline', () => {
    expect(missedDeadline(order({ evidence: [{ at: daysAgo(5) }], closedAt: daysAgo(1) }), now)).toBeUndefined();
    expect(missedDeadline(order({ closedAt: daysAgo(1) }), now)).toBe(DEADLINE);
    expect(missedDeadline(order({ closedAt: DEADLINE }), now)).toBeUndefined();
  });

  it('carries each piece of evidence’s arrival and decision, and the deadlines, from the order to scoring', () => {
    const opened = openRectification({
      id: 'r1',
      sourceId: 's',
      inspectionId: 'i1',
      item: { id: 'purifier', label: '净化器运行', basis: '', rectifyDays: 7 },
      now: new Date(daysAgo(10)),
    });
    const submitted = applyRectificationStep(opened, {
      action: 'submit_evidence',
      actor: 'operator',
      evidence: { id: 'e1', at: daysAgo(5), by: 'op', photoKeys: [] },
    });
    const rejected = applyRectificationStep(submitted, {
      action: 'reject_evidence',
      actor: 'officer',
      at: daysAgo(2),
      decidedBy: 'o',
      reason: '照片模糊',
      deadline: daysAgo(-5),
    });
    expect(rectificationFact(rejected)).toEqual({
      kind: 'rectification',
      id: 'r1',
      itemLabel: '净化器运行',
      openedAt: daysAgo(10),
      deadline: daysAgo(-5),
      earlierDeadlines: [{ deadline: daysAgo(3), replacedAt: daysAgo(2) }],
      evidence: [{ at: daysAgo(5), decidedAt: daysAgo(2) }],
      closedAt: undefined,
    });
    // Overdue now only if the operator sends nothing by the new deadline; the reminder job agrees.
    expect(rectificationOverdue(rectificationFact(rejected), now)).toBe(false);
    expect(rectificationOverdue(rectificationFact(rejected), new Date(daysAgo(-6)))).toBe(true);
  });
});

describe('an officer’s decision has its own due time', () => {
  const item = { id: 'purifier', label: '净化器运行', basis: '', rectifyDays: 7 };
  const opened = openRectification({ id: 'r1', sourceId: 's', inspectionId: 'i1', item, now: new Date(daysAgo(10)) });
  const submitted = applyRectificationStep(opened, {
    action: 'submit_evidence',
    actor: 'operator',
    evidence: { id: 'e1', at: daysAgo(5), by: 'op', photoKeys: [] },
  });

  it('is due the configured days after the evidence arrived, and only while evidence awaits a decision', () => {
    expect(CURRENT_RECTIFICATION_RULES.source).toContain('静安区');
    expect(decisionDueAt(submitted, CURRENT_RECTIFICATION_RULES)).toBe(deadlineAfter(daysAgo(5), CURRENT_RECTIFICATION_RULES.decisionWithinDays));
    expect(decisionDueAt(opened, CURRENT_RECTIFICATION_RULES)).toBeUndefined();
    const accepted = applyRectificationStep(submitted, { action: 'accept_evidence', actor: 'officer', at: daysAgo(1), decidedBy: 'o' });
    expect(decisionDueAt(accepted, CURRENT_RECTIFICATION_RULES)).toBeUndefined();
  });

  it('puts the most urgent due time on the source, and the decisions list reads it in that order, flagged once passed', () => {
    const later = applyRectificationStep(
      openRectification({ id: 'r2', sourceId: 's', inspectionId: 'i1', item: { ...item, id: 'odour' }, now: new Date(daysAgo(10)) }),
      { action: 'submit_evidence', actor: 'operator', evidence: { id: 'e2', at: daysAgo(1), by: 'op', photoKeys: [] } },
    );
    const projection = projectScore([], [later, submitted, opened], rules, now);
    const due = deadlineAfter(daysAgo(5), CURRENT_RECTIFICATION_RULES.decisionWithinDays);
    expect(projection).toMatchObject({ awaitingDecision: 2, decisionDueAt: due });
    expect(projectScore([], [opened], rules, now).decisionDueAt).toBeUndefined();

    const source = (id: string, streetCode: string, decisionDueAt: string) =>
      ({ id, districtCode: '310106', streetCode, name: '面馆', awaitingDecision: 1, decisionDueAt }) as SourceRecord;
    const members = [source('S3', 'jingansi', daysAgo(-3)), source('S1', 'pengpuzhen', daysAgo(1)), source('S2', 'jingansi', daysAgo(2))].map(
      awaitingDecisionItem,
    );
    const read = (plan: ReturnType<typeof planDecisions>) => {
      const n = plan.index.slice(3);
      return members
        .filter((member) => (member as Record<string, unknown>)[`gsi${n}pk`] === plan.partitions[0])
        .filter((member) => !plan.prefix || String((member as Record<string, unknown>)[`gsi${n}sk`]).startsWith(plan.prefix))
        .sort((a, b) => String((a as Record<string, unknown>)[`gsi${n}sk`]).localeCompare(String((b as Record<string, unknown>)[`gsi${n}sk`])))
        .map((member) => member.sourceId);
    };
    expect(read(planDecisions('310106', undefined))).toEqual(['S2', 'S1', 'S3']);
    expect(read(planDecisions('310106', 'jingansi'))).toEqual(['S2', 'S3']);

    const record = {
      ...source('S2', 'jingansi', daysAgo(2)),
      kind: 'restaurant',
      credit: projection.credit,
      warnings: [],
      systemTags: [],
      tags: [],
      openRectifications: 1,
    } as SourceRecord;
    expect(toDecisionSummary(record, now).decisionDue).toEqual({ at: daysAgo(2), overdue: true });
    expect(toDecisionSummary({ ...record, decisionDueAt: daysAgo(-1) }, now).decisionDue).toEqual({ at: daysAgo(-1), overdue: false });
  });
});

describe('one open order per item', () => {
  const purifier = { id: 'purifier', label: '净化器运行', basis: 'DB31/844', points: 15, rectifyDays: 15 };
  const checklist = new Map([[purifier.id, purifier]]);
  const first = openRectification({ id: 'R1', sourceId: 'S1', inspectionId: 'I1', item: purifier, now: new Date(daysAgo(10)) });
  const inspect = (orders: RectificationOrder[], result: { outcome: 'fail' | 'pass'; rectify?: boolean; rectifyDays?: number }) =>
    inspectionRecords({
      checklist,
      results: [{ itemId: 'purifier', rectify: true, ...result }],
      sourceId: 'S1',
      inspectionId: 'I2',
      orders,
      officerId: 'officer-1',
      now,
      newId: () => 'R2',
    });

  it('notes a repeat failure on the open order instead of opening a second, and the result names that order', () => {
    const { results, rectifications, failedAgain } = inspect([first], { outcome: 'fail' });
    expect(rectifications).toEqual([]);
    expect(results[0]).toMatchObject({ outcome: 'fail', rectificationId: 'R1' });
    expect(failedAgain).toEqual([{ ...first, version: 1, repeatFailures: [{ inspectionId: 'I2', at: now.toISOString() }] }]);
    // Awaiting a decision counts as open too; not asked to rectify, the failure is still noted.
    const submitted = applyRectificationStep(first, {
      action: 'submit_evidence',
      actor: 'operator',
      evidence: { id: 'E1', at: daysAgo(1), by: 'op', photoKeys: [] },
    });
    expect(inspect([submitted], { outcome: 'fail', rectify: false }).failedAgain).toMatchObject([
      { status: 'submitted', repeatFailures: [{ inspectionId: 'I2' }] },
    ]);
    // A closed order is history: failing again opens a new one.
    const closed = { ...first, status: 'closed' as const, closedAt: daysAgo(2) };
    expect(inspect([closed], { outcome: 'fail' })).toMatchObject({ failedAgain: [], rectifications: [{ id: 'R2', itemId: 'purifier' }] });
  });

  it('lets the officer shorten the deadline with the days given, never lengthen it', () => {
    const shortened = inspect([first], { outcome: 'fail', rectifyDays: 1 }).failedAgain[0];
    expect(shortened).toMatchObject({ deadline: deadlineAfter(now, 1), earlierDeadlines: [{ deadline: first.deadline, replacedAt: now.toISOString() }] });
    // 15 days from now ends after the order's deadline (day +5): it stays.
    const kept = inspect([first], { outcome: 'fail', rectifyDays: 15 }).failedAgain[0];
    expect(kept.deadline).toBe(first.deadline);
    expect(kept.earlierDeadlines).toBeUndefined();
    expect(() => noteRepeatFailure({ ...first, status: 'closed' }, { id: 'I2', at: now.toISOString() })).toThrow(/closed/);
  });

  it('charges each order’s item once, by the inspection that failed it first, whatever order the facts come in', () => {
    const again: ScoringFact = {
      kind: 'inspection',
      id: 'i2',
      at: daysAgo(4),
      failedItems: [{ itemId: 'purifier', label: '净化器运行', points: 15, rectificationId: 'r1' }],
    };
    const open = order({ deadline: daysAgo(-5) });
    const score = computeCreditScore([again, failed, open], rules, now);
    expect(score.score).toBe(85);
    expect(score.explanation.map((line) => [line.code, line.ref.id])).toEqual([['failed_item', 'i1']]);
    // Once closed in time, the one charge falls to its fraction.
    expect(computeCreditScore([failed, again, { ...open, closedAt: daysAgo(1) }], rules, now).score).toBe(97);
    // A failure not asked to be rectified names no order: it is charged each time.
    const unordered = (id: string): ScoringFact => ({ kind: 'inspection', id, at: daysAgo(2), failedItems: [{ itemId: 'odour', label: '异味', points: 5 }] });
    expect(computeCreditScore([unordered('a'), unordered('b')], rules, now).score).toBe(90);
  });
});

describe('rejected evidence sets a new deadline', () => {
  it('defaults to the checklist item’s days under the checklist the order was opened with, within the configured cap', () => {
    const items = checklistFor('restaurant');
    const inspection = { eventId: 'I1', inspection: { checklistVersion: CURRENT_CHECKLISTS.version, results: [] } } as unknown as SourceEventRecord;
    expect(rejectionDefaultDays({ itemId: items[0].id, inspectionId: 'I1' }, 'restaurant', [inspection], CURRENT_RECTIFICATION_RULES)).toBe(
      items[0].rectifyDays,
    );
    // No inspection on record: the current checklist; an item no checklist has: the cap.
    expect(rejectionDefaultDays({ itemId: items[1].id, inspectionId: 'gone' }, 'restaurant', [], CURRENT_RECTIFICATION_RULES)).toBe(items[1].rectifyDays);
    expect(rejectionDefaultDays({ itemId: 'nope', inspectionId: 'I1' }, 'restaurant', [inspection], CURRENT_RECTIFICATION_RULES)).toBe(
      CURRENT_RECTIFICATION_RULES.maxResubmitDays,
    );
    expect(defaultResubmitDays({ rectifyDays: 90 }, CURRENT_RECTIFICATION_RULES)).toBe(CURRENT_RECTIFICATION_RULES.maxResubmitDays);
    // Every checklist default fits under the cap, so a default is never cut short.
    for (const version of [CURRENT_CHECKLISTS])
      for (const kindItems of Object.values(version.kinds))
        for (const item of kindItems) expect(item.rectifyDays, item.id).toBeLessThanOrEqual(CURRENT_RECTIFICATION_RULES.maxResubmitDays);
  });

  it('takes the officer’s days only with a rejection: whole, positive, within the cap', () => {
    const body = (fields: Record<string, unknown>) =>
      EvidenceDecisionBody.safeParse({ expectedVersion: 1, decision: 'reject', reason: '照片看不清', ...fields });
    const cap = CURRENT_RECTIFICATION_RULES.maxResubmitDays;
    expect(body({ rectifyDays: 1 }).success).toBe(true);
    expect(body({ rectifyDays: cap }).success).toBe(true);
    expect(body({}).success).toBe(true);
    for (const days of [0, -3, cap + 1, 2.5, '7']) {
      const parsed = body({ rectifyDays: days });
      expect(parsed.success, String(days)).toBe(false);
      expect(parsed.error?.issues[0].path, String(days)).toEqual(['rectifyDays']);
    }
    const accept = EvidenceDecisionBody.safeParse({ expectedVersion: 1, decision: 'accept', rectifyDays: 5 });
    expect(accept.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['rectifyDays', '只有退回时才能设置新的整改期限']]);
  });

  it('tells the operator the new deadline with the rejection (and with a new order or a repeat failure), not with other news', () => {
    const base = sourceEventBase(now);
    const rectification = { id: 'r1', itemLabel: '净化器运行', deadline: daysAgo(-7) };
    for (const type of ['evidence_rejected', 'rectification_opened', 'rectification_failed_again'] as const)
      expect(operatorNotifications({ ...base, type, rectification }, ['op'])[0].notification, type).toMatchObject({ action: type, deadline: daysAgo(-7) });
    expect(operatorNotifications({ ...base, type: 'rectification_verified', rectification }, ['op'])[0].notification).not.toHaveProperty('deadline');
  });
});

describe('what operators and officers see of it', () => {
  const item = { id: 'purifier_running', label: '油烟净化设施正常运行', basis: '', rectifyDays: 7 };
  const opened = openRectification({ id: 'r1', sourceId: 's', inspectionId: 'i1', item, now: new Date(daysAgo(10)) });
  const view = (orders: RectificationOrder[]) =>
    toOperatorSourceView(
      {
        source: {
          id: 's',
          kind: 'restaurant',
          credit: projectScore([], [], rules, now).credit,
          tags: [],
          systemTags: [],
          warnings: [],
        } as unknown as SourceRecord,
        events: [],
        rectifications: orders,
        operators: [],
      },
      projectScore([], orders, rules, now),
      'CODE',
      now,
      new Map(),
    ).rectifications[0];

  it('flags an order overdue only when the operator is late, shows the decision due and the default days while evidence waits', () => {
    const inTime = applyRectificationStep(opened, {
      action: 'submit_evidence',
      actor: 'operator',
      evidence: { id: 'e1', at: ms(opened.deadline, 0), by: 'op', photoKeys: [] },
    });
    expect(view([inTime])).toMatchObject({
      status: 'submitted',
      overdue: false,
      decisionDue: { at: deadlineAfter(opened.deadline, CURRENT_RECTIFICATION_RULES.decisionWithinDays), overdue: false },
      rejectionDays: 7,
      repeatFailures: [],
    });
    const late = applyRectificationStep(opened, {
      action: 'submit_evidence',
      actor: 'operator',
      evidence: { id: 'e1', at: ms(opened.deadline, 1), by: 'op', photoKeys: [] },
    });
    expect(view([late]).overdue).toBe(true);
    expect(view([opened])).toMatchObject({ status: 'open', overdue: true, decisionDue: undefined, rejectionDays: undefined });
    const accepted = applyRectificationStep(inTime, { action: 'accept_evidence', actor: 'officer', at: daysAgo(1), decidedBy: 'o' });
    expect(view([accepted])).toMatchObject({ status: 'closed', overdue: false });
  });

  it('reminds operators of an order that fell overdue, not of one whose evidence came in time', () => {
    const warned = (overdue: number) => ({ warnings: overdue ? [{ code: 'overdue_rectification', value: overdue }] : [] }) as never;
    const rescored = (orders: RectificationOrder[]) =>
      overdueReminders(
        {
          before: warned(0),
          after: warned(1),
          changed: true,
          collection: { source: { id: 's', name: '面馆' }, operators: [{ userId: 'op' }], rectifications: orders },
        } as never,
        now,
      );
    expect(rescored([opened])).toHaveLength(1);
    const inTime = applyRectificationStep(opened, {
      action: 'submit_evidence',
      actor: 'operator',
      evidence: { id: 'e1', at: daysAgo(5), by: 'op', photoKeys: [] },
    });
    expect(rescored([inTime])).toEqual([]);
  });
});
