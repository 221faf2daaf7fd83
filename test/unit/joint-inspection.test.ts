import { describe, expect, it } from 'vitest';
import {
  availableJointSteps,
  decideJointStep,
  JOINT_INSPECTION_ACTIONS,
  JOINT_INSPECTION_PARTIES,
  JOINT_INSPECTION_STATUSES,
  type JointInspectionAction,
  type JointInspectionParty,
  type JointInspectionStatus,
} from '@green-shield/shared/cogov/joint-inspection-state-machine';
import { CURRENT_JOINT_INSPECTION_LIMITS, jointInspectionLimits, jointOverdue, nextJointDeadline } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import { loadDistrict, periodRules } from '@green-shield/shared/districts/district';
import { applyJointStep, partyOf, raiseJointInspection, rectificationFollowUp, type JointStep } from '../../functions/src/cogov/joint-inspections';
import { planJointInspectionList } from '../../functions/src/cogov/list-plans';
import type { JointInspectionRecord } from '../../functions/src/cogov/records';
import { ApiError } from '../../functions/src/lib/errors';

/**
 * Every status × action × party, written out: the step's next status, or the refusal's code. A
 * party's step it may not take is 403 whatever the status; a step out of order 409.
 */
const EXPECTED: Record<JointInspectionAction, Partial<Record<JointInspectionStatus, JointInspectionStatus>>> = {
  request_info: { submitted: 'info_requested' },
  provide_info: { info_requested: 'submitted' },
  accept: { submitted: 'accepted' },
  decline: { submitted: 'declined', info_requested: 'declined' },
  schedule: { accepted: 'scheduled', scheduled: 'scheduled' },
  record_inspection: { scheduled: 'scheduled', sent_back: 'sent_back' },
  record_result: { scheduled: 'result_recorded', sent_back: 'result_recorded' },
  confirm: { result_recorded: 'closed' },
  send_back: { result_recorded: 'sent_back' },
  withdraw: { submitted: 'withdrawn', info_requested: 'withdrawn' },
  comment: {
    submitted: 'submitted',
    info_requested: 'info_requested',
    accepted: 'accepted',
    scheduled: 'scheduled',
    result_recorded: 'result_recorded',
    sent_back: 'sent_back',
  },
};
const PARTY_OF: Record<JointInspectionAction, readonly JointInspectionParty[]> = {
  request_info: ['bureau'],
  provide_info: ['street'],
  accept: ['bureau'],
  decline: ['bureau'],
  schedule: ['bureau'],
  record_inspection: ['bureau'],
  record_result: ['bureau'],
  confirm: ['street'],
  send_back: ['street'],
  withdraw: ['street'],
  comment: ['street', 'bureau'],
};
const ENDED: readonly JointInspectionStatus[] = ['closed', 'declined', 'withdrawn'];

describe('joint inspection state machine', () => {
  const cases = JOINT_INSPECTION_STATUSES.flatMap((status) =>
    JOINT_INSPECTION_ACTIONS.flatMap((action) => JOINT_INSPECTION_PARTIES.map((party) => [status, action, party] as const)),
  );

  it.each(cases)('%s × %s by the %s', (status, action, party) => {
    const decided = decideJointStep(status, action, party);
    const to = EXPECTED[action][status];
    if (!PARTY_OF[action].includes(party)) expect(decided).toMatchObject({ ok: false, refusal: { code: 'FORBIDDEN' } });
    else if (to) expect(decided).toEqual({ ok: true, to });
    else if ((action === 'confirm' || action === 'send_back') && !ENDED.includes(status)) {
      // Closing (or sending back) without a recorded result.
      expect(decided).toMatchObject({ ok: false, refusal: { code: 'RESULT_NOT_RECORDED' } });
    } else expect(decided).toMatchObject({ ok: false, refusal: { code: 'ILLEGAL_TRANSITION' } });
  });

  it('lets the street send a result back once', () => {
    expect(decideJointStep('result_recorded', 'send_back', 'street', 0)).toEqual({ ok: true, to: 'sent_back' });
    expect(decideJointStep('result_recorded', 'send_back', 'street', 1)).toMatchObject({ ok: false, refusal: { code: 'SEND_BACK_LIMIT_REACHED' } });
    expect(availableJointSteps('result_recorded', 'street', 1)).toEqual(['confirm', 'comment']);
    expect(availableJointSteps('result_recorded', 'street', 0)).toEqual(['confirm', 'send_back', 'comment']);
  });

  it('offers each party its own steps', () => {
    expect(availableJointSteps('submitted', 'bureau')).toEqual(['request_info', 'accept', 'decline', 'comment']);
    expect(availableJointSteps('submitted', 'street')).toEqual(['withdraw', 'comment']);
    expect(availableJointSteps('closed', 'street')).toEqual([]);
  });
});

const district = loadDistrict('310106');
const periods = periodRules(district);
// Monday 2026-03-02, 10:00 in Shanghai.
const raisedAt = new Date('2026-03-02T02:00:00.000Z');
const street = { id: 'officer-street', name: '李强' };
const bureau = { id: 'officer-bureau', name: '王敏' };

function raised(urgency: 'normal' | 'urgent' = 'normal'): JointInspectionRecord {
  return raiseJointInspection({
    id: 'J1',
    eventId: 'E0',
    reference: 'JA-LJ-2026-0001',
    districtCode: district.code,
    streetCode: 'jingansi',
    urgency,
    reason: '油烟扰民，街道多次劝导无效',
    sources: [{ id: 'S1', name: '老弄堂面馆', kind: 'restaurant', address: '愚园路 210 号' }],
    photoKeys: [],
    complaints: [],
    observationIds: [],
    limits: CURRENT_JOINT_INSPECTION_LIMITS,
    periods,
    raisedBy: street,
    now: raisedAt,
  }).record;
}

const at = (iso: string) => new Date(iso);
function step(record: JointInspectionRecord, s: JointStep, party: JointInspectionParty, now: Date) {
  return applyJointStep(record, s, { party, actor: party === 'bureau' ? bureau : street, eventId: `E-${s.action}`, now, periods });
}
const visit = {
  sourceId: 'S1',
  sourceName: '老弄堂面馆',
  inspectionId: 'I1',
  at: '2026-03-05T02:00:00.000Z',
  byId: bureau.id,
  failedItems: [{ itemId: 'purifier_running', label: '油烟净化设施正常运行' }],
  rectifications: [{ id: 'R1', itemLabel: '油烟净化设施正常运行', deadline: '2026-03-12T02:00:00.000Z' }],
};
const result = {
  summary: '净化器未开启，已下达整改',
  recordedAt: '2026-03-05T03:00:00.000Z',
  recordedById: bureau.id,
  followUp: { rectifications: [], penalties: [] },
};

describe('joint inspection requests', () => {
  it('takes the party from the officer: the bureau, the requesting street, or neither', () => {
    const request = raised();
    expect(partyOf({ userId: 'b', roles: ['bureau_officer'] }, request)).toBe('bureau');
    expect(partyOf({ userId: 's', roles: ['street_officer'], streetCode: 'jingansi' }, request)).toBe('street');
    expect(partyOf({ userId: 'o', roles: ['street_officer'], streetCode: 'pengpuzhen' }, request)).toBeUndefined();
    expect(partyOf({ userId: 'r', roles: ['resident'] }, request)).toBeUndefined();
  });

  it('is due an answer within the version’s days, counted as the Civil Code counts (rest days move the last day)', () => {
    const request = raised();
    expect(request.timeLimitsVersion).toBe(CURRENT_JOINT_INSPECTION_LIMITS.version);
    // Three days after Monday 2 March end on Thursday 5 March, 24:00 in Shanghai.
    expect(request.due.acknowledgeBy).toBe('2026-03-05T15:59:59.999Z');
    // Urgent: one day, Tuesday.
    expect(raised('urgent').due.acknowledgeBy).toBe('2026-03-03T15:59:59.999Z');
    expect(nextJointDeadline('submitted', request.due)).toEqual({ kind: 'acknowledge', by: request.due.acknowledgeBy });
    expect(jointOverdue('submitted', request.due, at('2026-03-05T15:59:59.999Z')).any).toBe(false);
    expect(jointOverdue('submitted', request.due, at('2026-03-05T16:00:00.000Z'))).toMatchObject({ acknowledge: true, any: true });
    // While the street owes the next step, nothing is overdue for the bureau.
    expect(jointOverdue('info_requested', request.due, at('2026-04-01T00:00:00Z')).any).toBe(false);
    expect(nextJointDeadline('info_requested', request.due)).toBeUndefined();
  });

  it('walks ask → answer → accept → schedule → inspect → result → send back → result → confirm, each step an event', () => {
    let request = raised();
    const asked = step(request, { action: 'request_info', question: '请补充油烟排放时段' }, 'bureau', at('2026-03-03T02:00:00Z'));
    expect(asked.event).toMatchObject({
      action: 'request_info',
      from: 'submitted',
      to: 'info_requested',
      party: 'bureau',
      actorName: '王敏',
      note: '请补充油烟排放时段',
    });
    // The answer restarts the bureau's days to answer.
    request = step(asked.record, { action: 'provide_info', note: '每晚 18–22 点', photoKeys: [] }, 'street', at('2026-03-04T02:00:00Z')).record;
    expect(request).toMatchObject({ status: 'submitted', version: 3 });
    expect(request.due.acknowledgeBy).toBe('2026-03-09T15:59:59.999Z'); // Wednesday + 3 = Saturday → Monday
    request = step(request, { action: 'accept' }, 'bureau', at('2026-03-05T02:00:00Z')).record;
    expect(request).toMatchObject({ status: 'accepted', acceptedAt: '2026-03-05T02:00:00.000Z' });
    expect(request.due).toMatchObject({ scheduleBy: '2026-03-12T15:59:59.999Z', completeBy: '2026-03-25T15:59:59.999Z' });
    expect(nextJointDeadline('accepted', request.due)).toEqual({ kind: 'schedule', by: '2026-03-12T15:59:59.999Z' });
    const schedule = { date: '2026-03-06', time: '19:00', people: ['王敏', '李强'] };
    request = step(request, { action: 'schedule', schedule }, 'bureau', at('2026-03-05T03:00:00Z')).record;
    expect(request).toMatchObject({ status: 'scheduled', schedule });
    expect(() => step(request, { action: 'record_result', result }, 'bureau', at('2026-03-06T12:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'INSPECTIONS_MISSING' }),
    );
    request = step(request, { action: 'record_inspection', visit }, 'bureau', at('2026-03-06T12:00:00Z')).record;
    expect(request).toMatchObject({ status: 'scheduled', inspections: [visit] });
    expect(rectificationFollowUp(request)).toEqual([
      { sourceId: 'S1', sourceName: '老弄堂面馆', id: 'R1', itemLabel: '油烟净化设施正常运行', deadline: '2026-03-12T02:00:00.000Z' },
    ]);
    request = step(request, { action: 'record_result', result }, 'bureau', at('2026-03-06T13:00:00Z')).record;
    expect(request).toMatchObject({ status: 'result_recorded', result });
    const sentBack = step(request, { action: 'send_back', reason: '未写明复查日期' }, 'street', at('2026-03-07T02:00:00Z'));
    expect(sentBack.record).toMatchObject({ status: 'sent_back', sendBacks: 1, result: undefined });
    expect(sentBack.record.earlierResults).toEqual([{ ...result, sentBackAt: '2026-03-07T02:00:00.000Z', sentBackReason: '未写明复查日期' }]);
    // Saturday + 10 days = Tuesday 17 March.
    expect(nextJointDeadline('sent_back', sentBack.record.due)).toEqual({ kind: 'rework', by: '2026-03-17T15:59:59.999Z' });
    request = step(
      sentBack.record,
      { action: 'record_result', result: { ...result, followUp: { ...result.followUp, reinspectOn: '2026-03-20' } } },
      'bureau',
      at('2026-03-08T02:00:00Z'),
    ).record;
    expect(() => step(request, { action: 'send_back', reason: '还是不清楚' }, 'street', at('2026-03-09T02:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'SEND_BACK_LIMIT_REACHED' }),
    );
    const closed = step(request, { action: 'confirm' }, 'street', at('2026-03-09T02:00:00Z'));
    expect(closed.record).toMatchObject({ status: 'closed', closedAt: '2026-03-09T02:00:00.000Z', version: request.version + 1 });
    expect(nextJointDeadline('closed', closed.record.due)).toBeUndefined();
  });

  it('refuses a schedule in the past, and a comment leaves the version as it was', () => {
    const accepted = step(raised(), { action: 'accept' }, 'bureau', at('2026-03-05T02:00:00Z')).record;
    expect(() => step(accepted, { action: 'schedule', schedule: { date: '2026-03-04', people: ['王敏'] } }, 'bureau', at('2026-03-05T02:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    const commented = step(accepted, { action: 'comment', note: '周五晚上去', photoKeys: [] }, 'street', at('2026-03-05T03:00:00Z'));
    expect(commented.record).toBe(accepted);
    expect(commented.event).toMatchObject({ action: 'comment', from: 'accepted', to: 'accepted', party: 'street', note: '周五晚上去' });
  });

  it('refuses the other party’s steps with 403 and steps out of order with 409', () => {
    const request = raised();
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof ApiError ? [error.status, error.code] : error;
      }
    };
    expect(refusal(() => step(request, { action: 'accept' }, 'street', raisedAt))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(() => step(request, { action: 'record_result', result }, 'bureau', raisedAt))).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect(refusal(() => step(request, { action: 'confirm' }, 'street', raisedAt))).toEqual([409, 'RESULT_NOT_RECORDED']);
  });

  it('keeps each version’s limits (a request keeps the version it was raised under)', () => {
    expect(jointInspectionLimits(CURRENT_JOINT_INSPECTION_LIMITS.version)).toBe(CURRENT_JOINT_INSPECTION_LIMITS);
    expect(() => jointInspectionLimits('no-such-version')).toThrow(/Unknown/);
    for (const limits of Object.values(CURRENT_JOINT_INSPECTION_LIMITS.urgencies)) {
      expect(limits.acknowledgeWithinDays).toBeLessThanOrEqual(limits.scheduleWithinDays);
      expect(limits.scheduleWithinDays).toBeLessThanOrEqual(limits.completeWithinDays);
    }
    expect(CURRENT_JOINT_INSPECTION_LIMITS.source).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('joint inspection lists', () => {
  it('answers each list with one key', () => {
    expect(planJointInspectionList('310106', 'jingansi', {})).toEqual({ index: 'GSI1', partition: 'JOINTS#310106#STREET#jingansi', newestFirst: true });
    expect(planJointInspectionList('310106', undefined, {})).toEqual({ index: 'GSI2', partition: 'JOINTS#310106', newestFirst: true });
    expect(planJointInspectionList('310106', undefined, { awaitingBureau: true })).toEqual({ index: 'GSI3', partition: 'JOINTS#310106#BUREAU' });
    expect(planJointInspectionList('310106', 'jingansi', { open: true })).toEqual({
      index: 'GSI4',
      partition: 'JOINTS#310106#STREET#jingansi#OPEN',
      newestFirst: true,
    });
  });

  it('filters only where no key narrows: the bureau’s owed list of one street, the district’s open requests', () => {
    expect(planJointInspectionList('310106', 'jingansi', { awaitingBureau: true }).filter).toMatchObject({ values: { ':street': 'jingansi' } });
    expect(planJointInspectionList('310106', undefined, { open: true })).toMatchObject({ index: 'GSI2', filter: { values: { ':ended0': 'closed' } } });
  });
});
