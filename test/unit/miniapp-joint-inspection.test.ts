import { describe, expect, it } from 'vitest';
import type { JointInspectionEventViewT } from '@green-shield/shared/api/cogov-schemas';
import { JOINT_INSPECTION_ACTIONS, JOINT_INSPECTION_STATUSES } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import { blankDraft, isStep, jointEventLines, splitList, stepBody } from '../../miniapp/src/utils/joint-inspection';
import { JointStepBody } from '@green-shield/shared/api/cogov-schemas';
import { zhCommunity } from '../../miniapp/src/i18n/zh-CN-community';

const event = (fields: Partial<JointInspectionEventViewT>): JointInspectionEventViewT => ({
  id: 'e1',
  at: '2026-03-01T02:00:00.000Z',
  action: 'comment',
  to: 'submitted',
  party: 'street',
  ...fields,
});

describe('joint inspection event lines', () => {
  it('spell out a schedule, a visit, a result, a reason and a note, a line each', () => {
    expect(jointEventLines(event({ action: 'schedule', schedule: { date: '2026-03-03', time: '09:30', people: ['王敏', '陈刚'] } }))).toEqual([
      '2026-03-03 09:30',
      '参加人员：王敏、陈刚',
    ]);
    expect(
      jointEventLines(event({ action: 'record_inspection', visit: { sourceId: 's', sourceName: '老弄堂面馆', inspectionId: 'i', failedItems: 2 } })),
    ).toEqual(['老弄堂面馆：2 项不合格']);
    expect(
      jointEventLines(event({ action: 'record_inspection', visit: { sourceId: 's', sourceName: '老弄堂面馆', inspectionId: 'i', failedItems: 0 } })),
    ).toEqual(['老弄堂面馆：全部合格']);
    expect(jointEventLines(event({ action: 'record_result', resultSummary: '已责令整改' }))).toEqual(['已责令整改']);
    expect(jointEventLines(event({ action: 'decline', reason: '不属于本局职责' }))).toEqual(['原因：不属于本局职责']);
    expect(jointEventLines(event({ note: '商户营业时间为 10:00–22:00。' }))).toEqual(['商户营业时间为 10:00–22:00。']);
    expect(jointEventLines(event({ action: 'confirm' }))).toEqual([]);
  });

  it('name every status, step and party in Chinese', () => {
    for (const status of JOINT_INSPECTION_STATUSES) expect(zhCommunity.joint.status[status]).toMatch(/[\u4e00-\u9fa5]/);
    for (const action of JOINT_INSPECTION_ACTIONS) expect(zhCommunity.joint.action[action]).toMatch(/[\u4e00-\u9fa5]/);
    expect(new Set(JOINT_INSPECTION_STATUSES.map((status) => zhCommunity.joint.status[status])).size).toBe(JOINT_INSPECTION_STATUSES.length);
  });
});

describe('lists typed in one field', () => {
  it('split names and tracking numbers at spaces, commas and 、', () => {
    expect(splitList(' 王敏 陈刚、李强，赵丽,  ')).toEqual(['王敏', '陈刚', '李强', '赵丽']);
    expect(splitList('JA-2026-000001  JA-2026-000002')).toEqual(['JA-2026-000001', 'JA-2026-000002']);
    expect(splitList('   ')).toEqual([]);
  });
});

describe('the step form', () => {
  const draft = (fields: Partial<ReturnType<typeof blankDraft>>) => ({ ...blankDraft(new Date('2026-03-01T17:00:00Z')), ...fields });

  it('offers the visit date of the next day in Shanghai, scheduling with an acceptance', () => {
    // 01:00 on 2 March in Shanghai: tomorrow is the 3rd.
    expect(blankDraft(new Date('2026-03-01T17:00:00Z'))).toMatchObject({ date: '2026-03-03', withSchedule: true, penalties: {} });
  });

  it('offers every step but a visit and a comment as a choice', () => {
    expect(JOINT_INSPECTION_ACTIONS.filter(isStep)).not.toContain('comment');
    expect(JOINT_INSPECTION_ACTIONS.filter(isStep)).not.toContain('record_inspection');
    expect(JOINT_INSPECTION_ACTIONS.filter(isStep)).toHaveLength(JOINT_INSPECTION_ACTIONS.length - 2);
  });

  it('sends an acceptance with its schedule, or without when switched off', () => {
    expect(stepBody('accept', draft({ people: '王敏 陈刚', time: ' 09:30 ' }), 3)).toEqual({
      action: 'accept',
      expectedVersion: 3,
      note: undefined,
      schedule: { date: '2026-03-03', time: '09:30', people: ['王敏', '陈刚'] },
    });
    expect(stepBody('accept', draft({ withSchedule: false, text: '同意' }), 3)).toEqual({
      action: 'accept',
      expectedVersion: 3,
      note: '同意',
      schedule: undefined,
    });
  });

  it('sends a result with the penalties that have a decision number, and its re-inspection date', () => {
    const body = stepBody(
      'record_result',
      draft({
        text: '已责令整改',
        reinspectOn: '2026-03-20',
        penalties: { s1: { decisionNumber: ' 沪静环罚〔2026〕1号 ', amountYuan: '5000' }, s2: { decisionNumber: ' ', amountYuan: '' } },
      }),
      7,
    );
    expect(body).toEqual({
      action: 'record_result',
      expectedVersion: 7,
      result: { summary: '已责令整改', reinspectOn: '2026-03-20', penalties: [{ sourceId: 's1', decisionNumber: '沪静环罚〔2026〕1号', amountYuan: 5000 }] },
    });
  });

  it('builds bodies the API’s schema reads as the step chosen', () => {
    const filled = draft({ text: '请补充现场照片和商户营业时间', people: '王敏' });
    for (const step of JOINT_INSPECTION_ACTIONS.filter(isStep)) {
      const parsed = JointStepBody.safeParse(stepBody(step, filled, 1));
      expect({ step, ok: parsed.success }).toEqual({ step, ok: true });
      expect(parsed.data?.action).toBe(step);
    }
  });
});
