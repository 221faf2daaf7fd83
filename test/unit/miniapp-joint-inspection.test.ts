import { describe, expect, it } from 'vitest';
import type { JointInspectionEventViewT } from '@green-shield/shared/api/cogov-schemas';
import { JOINT_INSPECTION_ACTIONS, JOINT_INSPECTION_STATUSES } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import { jointEventLines, splitList } from '../../miniapp/src/utils/joint-inspection';
import { zh } from '../../miniapp/src/i18n/zh-CN';

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
    for (const status of JOINT_INSPECTION_STATUSES) expect(zh.joint.status[status]).toMatch(/[\u4e00-\u9fa5]/);
    for (const action of JOINT_INSPECTION_ACTIONS) expect(zh.joint.action[action]).toMatch(/[\u4e00-\u9fa5]/);
    expect(new Set(JOINT_INSPECTION_STATUSES.map((status) => zh.joint.status[status])).size).toBe(JOINT_INSPECTION_STATUSES.length);
  });
});

describe('lists typed in one field', () => {
  it('split names and tracking numbers at spaces, commas and 、', () => {
    expect(splitList(' 王敏 陈刚、李强，赵丽,  ')).toEqual(['王敏', '陈刚', '李强', '赵丽']);
    expect(splitList('JA-2026-000001  JA-2026-000002')).toEqual(['JA-2026-000001', 'JA-2026-000002']);
    expect(splitList('   ')).toEqual([]);
  });
});
