import { describe, expect, it } from 'vitest';
import type { PatrolTaskViewT, StreetDeskViewT } from '@green-shield/shared/api/cogov-schemas';
import { STREET_DESK_ITEMS } from '@green-shield/shared/api/cogov-schemas';
import { TRIAGE_OUTCOMES } from '@green-shield/shared/cogov/observations';
import { VOLUNTEER_STATUSES } from '@green-shield/shared/cogov/volunteers';
import { PAGE_PATHS } from '../../miniapp/src/app-pages';
import {
  checkInWindow,
  claimState,
  deskCount,
  deskTarget,
  outcomeLine,
  patrolWindow,
  placesLine,
  reviewSubject,
  shiftMonth,
  taskAvailability,
  taskWindow,
  volunteerTaskActions,
} from '../../miniapp/src/utils/community';
import { zhCommunity } from '../../miniapp/src/i18n/zh-CN-community';

// 19:00–21:00 on 5 March 2026 in Beijing.
const task = (fields: Partial<PatrolTaskViewT> = {}): PatrolTaskViewT => ({
  id: 'T1',
  streetCode: 'jingansi',
  title: '愚园路晚间油烟巡查',
  area: { address: '愚园路 200–260 号' },
  sources: [],
  checklist: [],
  guide: { title: '静安区街镇生态环境工作操作指南（2026 年版）', source: '' },
  startsAt: '2026-03-05T11:00:00.000Z',
  endsAt: '2026-03-05T13:00:00.000Z',
  capacity: 3,
  claimed: 1,
  status: 'published',
  version: 1,
  publishedAt: '2026-03-05T02:00:00.000Z',
  ...fields,
});
const before = new Date('2026-03-05T09:30:00.000Z');
const during = new Date('2026-03-05T12:00:00.000Z');
const after = new Date('2026-03-05T13:30:00.000Z');

describe('patrol tasks as the volunteer pages read them', () => {
  it('write the window in Beijing time, both days when it runs past midnight', () => {
    expect(taskWindow(task())).toBe('2026-03-05 19:00–21:00');
    expect(taskWindow(task({ endsAt: '2026-03-05T17:00:00.000Z' }))).toBe('2026-03-05 19:00 – 2026-03-06 01:00');
  });

  it('say where a claim stands and whether the task takes claims, with its places', () => {
    expect(claimState(undefined)).toBeUndefined();
    expect(claimState({ claimedAt: 'x' })).toBe('claimed');
    expect(claimState({ claimedAt: 'x', checkedInAt: 'y' })).toBe('checkedIn');
    expect(claimState({ claimedAt: 'x', checkedInAt: 'y', checkedOutAt: 'z' })).toBe('done');
    expect(taskAvailability(task(), during)).toBe('open');
    expect(taskAvailability(task({ claimed: 3 }), during)).toBe('full');
    expect(taskAvailability(task(), after)).toBe('over');
    expect(taskAvailability(task({ status: 'cancelled' }), during)).toBe('cancelled');
    expect(placesLine(task(), during)).toBe('已认领 1/3 人');
    expect(placesLine(task({ claimed: 3 }), during)).toBe('已认领 3/3 人 · 名额已满');
    expect(placesLine(task(), after)).toBe('已结束');
  });

  it('offer each step only when the API would take it', () => {
    expect(volunteerTaskActions(task(), during)).toEqual(['claim']);
    expect(volunteerTaskActions(task({ claimed: 3 }), during)).toEqual([]);
    expect(volunteerTaskActions(task({ mine: { claimedAt: 'x' } }), during)).toEqual(['checkIn', 'release']);
    expect(volunteerTaskActions(task({ mine: { claimedAt: 'x' } }), after)).toEqual([]);
    expect(volunteerTaskActions(task({ mine: { claimedAt: 'x', checkedInAt: 'y' } }), after)).toEqual(['report', 'checkOut']);
    expect(volunteerTaskActions(task({ mine: { claimedAt: 'x', checkedInAt: 'y', checkedOutAt: 'z' } }), after)).toEqual(['report']);
    // Check-in opens an hour before the window.
    expect(checkInWindow(task(), before)).toEqual({ opensAt: '2026-03-05T10:00:00.000Z', open: false });
    expect(checkInWindow(task(), new Date('2026-03-05T10:00:00.000Z')).open).toBe(true);
  });

  it('read the publishing form’s day and times as Beijing time, an end not after the start being the next day’s', () => {
    expect(patrolWindow('2026-03-05', '19:00', '21:30')).toEqual({ startsAt: '2026-03-05T11:00:00.000Z', endsAt: '2026-03-05T13:30:00.000Z' });
    expect(patrolWindow('2026-03-05', '22:00', '01:00')).toEqual({ startsAt: '2026-03-05T14:00:00.000Z', endsAt: '2026-03-05T17:00:00.000Z' });
    expect(patrolWindow('2026-3-5', '19:00', '21:00')).toBeUndefined();
    expect(patrolWindow('2026-03-05', '24:00', '21:00')).toBeUndefined();
  });
});

describe('what became of an observation, in a line', () => {
  it('names the complaint and its status, the check and its date, the joint request and its stage, or the reason', () => {
    expect(outcomeLine({ kind: 'complaint', trackingNumber: 'JA-2026-000123', status: 'submitted' })).toBe('举报编号 JA-2026-000123 · 待受理');
    expect(outcomeLine({ kind: 'inspection_task', sourceName: '老弄堂面馆', dueBy: '2026-03-10T15:59:59.999Z' })).toBe(
      '将对 老弄堂面馆 进行检查，期限 2026-03-10',
    );
    expect(outcomeLine({ kind: 'inspection_task', sourceName: '老弄堂面馆', dueBy: 'x', doneAt: '2026-03-08T02:00:00.000Z' })).toBe(
      '老弄堂面馆已于 2026-03-08 完成检查',
    );
    expect(outcomeLine({ kind: 'joint_inspection', requestId: 'r', reference: 'JA-LJ-2026-0001', status: 'scheduled' })).toBe(
      '联合检查 JA-LJ-2026-0001 · 已排期',
    );
    expect(outcomeLine({ kind: 'dismissed', reason: '已核实，净化器正常运行' })).toBe('原因：已核实，净化器正常运行');
    expect(reviewSubject({ subject: { kind: 'complaint', complaintId: 'c', trackingNumber: 'JA-2026-000001' } })).toBe('举报 JA-2026-000001');
  });

  it('has words for every outcome and every volunteer status', () => {
    for (const outcome of TRIAGE_OUTCOMES) expect(zhCommunity.outcome[outcome]).toMatch(/[\u4e00-\u9fa5]/);
    for (const status of VOLUNTEER_STATUSES) expect(zhCommunity.status[status]).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('the street’s desk', () => {
  const item = (key: (typeof STREET_DESK_ITEMS)[number], route: string, query: Record<string, string> = {}) => ({
    key,
    count: 3,
    more: false,
    list: { route, path: '/api/x', query: { streetCode: 'jingansi', ...query } },
  });

  it('opens each count’s list on its page, keeping the street for the community lists', () => {
    expect(deskTarget(item('complaints_overdue', 'queue', { order: 'urgency', overdue: 'true' }))).toEqual({ page: 'queue', query: { overdue: 'true' } });
    expect(deskTarget(item('observations_last_30_days', 'listObservations', { status: 'all' }))).toEqual({
      page: 'observationQueue',
      query: { streetCode: 'jingansi', status: 'all' },
    });
    expect(deskTarget(item('inspection_tasks_open', 'listInspectionTasks')).query.status).toBe('tasks');
    expect(deskTarget(item('volunteers_pending', 'listVolunteers', { status: 'pending' }))).toEqual({
      page: 'volunteerReview',
      query: { streetCode: 'jingansi', status: 'pending' },
    });
    expect(deskTarget(item('sources_key_supervision', 'searchSources', { tag: '重点监管' }))).toEqual({
      page: 'sourceSearch',
      query: { keySupervision: 'true' },
    });
    expect(deskTarget(item('sources_with_warnings', 'sourceWarnings')).page).toBe('sourceWarnings');
    for (const key of STREET_DESK_ITEMS) expect(zhCommunity.officer.desk[key]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('opens a page for every route the API’s desk links to', async () => {
    const { DeskService } = await import('../../functions/src/cogov/desk-service');
    const zero = async () => ({ count: 0, more: false });
    const desk: StreetDeskViewT = await new DeskService({
      district: { code: '310106', streets: [{ code: 'jingansi' }] },
      clock: { now: () => during },
      joints: { openStatuses: async () => ({ statuses: [], more: false }) },
      complaints: { countOwing: zero, countOverdue: zero },
      observations: { countAwaitingTriage: zero, countOpenInspectionTasks: zero, countSince: zero },
      reviews: { countOpen: zero },
      volunteers: { count: zero },
      tasks: { countCurrent: zero },
      facts: { countKeySupervision: zero, countWarnings: zero },
    } as never).desk({ userId: 'u', roles: ['street_officer'], streetCode: 'jingansi' }, {});
    for (const deskItem of desk.items) expect(PAGE_PATHS, deskItem.key).toHaveProperty(deskTarget(deskItem).page);
    expect(deskCount({ count: 50, more: true })).toBe('50+');
    expect(deskCount({ count: 7, more: false })).toBe('7');
  });
});

describe('months of a service record', () => {
  it('step across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-05', 0)).toBe('2026-05');
  });
});
