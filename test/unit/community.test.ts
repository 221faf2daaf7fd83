import { describe, expect, it } from 'vitest';
import { availableVolunteerDecisions, decideVolunteer, mayApply, VOLUNTEER_DECISIONS, VOLUNTEER_STATUSES } from '@green-shield/shared/cogov/volunteers';
import { claimable, mayCheckIn, serviceHours, windowProblem } from '@green-shield/shared/cogov/patrol-tasks';
import { confirmsObservation, reviewStatusFor } from '@green-shield/shared/cogov/observations';
import { CURRENT_STREET_GUIDE, guideItem, streetGuide } from '@green-shield/shared/cogov/street-guide';
import { SOURCE_KINDS } from '@green-shield/shared/sources/kinds';
import { maskPhonesIn } from '@green-shield/shared/privacy/mask';
import { fieldType, fitField, SUBSCRIBE_TEMPLATES, templateFor } from '@green-shield/shared/notifications/subscribe-templates';
import { localDateTime } from '@green-shield/shared/rules/legal-periods';
import { fieldsOf } from '../../functions/src/store/notifier';
import { keyRange, monthRange, serviceRecord } from '../../functions/src/cogov/service-record';
import { communityAudience, jointInspectionAudience, jointInspectionNotification, recipientsOf } from '../../functions/src/cogov/recipients';
import { storedArea, distanceFromArea } from '../../functions/src/cogov/areas';
import type { CogovEventRecord, JointInspectionEventRecord, ObservationRecord, TaskClaimRecord, VolunteerRecord } from '../../functions/src/cogov/records';

describe('volunteering', () => {
  it('decides every status × decision: approve or decline a pending application, withdraw an approval, a reason for the last two', () => {
    const expected: Record<string, string | undefined> = { 'pending:approve': 'approved', 'pending:decline': 'declined', 'approved:withdraw': 'withdrawn' };
    for (const status of VOLUNTEER_STATUSES) {
      for (const decision of VOLUNTEER_DECISIONS) {
        const to = expected[`${status}:${decision}`];
        expect(decideVolunteer(status, decision, '原因'), `${status} × ${decision}`).toEqual(to ? { ok: true, to } : { ok: false, code: 'ILLEGAL_TRANSITION' });
      }
    }
    expect(decideVolunteer('pending', 'decline', undefined)).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    expect(decideVolunteer('approved', 'withdraw', undefined)).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    expect(decideVolunteer('pending', 'approve', undefined)).toEqual({ ok: true, to: 'approved' });
    expect(availableVolunteerDecisions('pending')).toEqual(['approve', 'decline']);
    expect(availableVolunteerDecisions('declined')).toEqual([]);
  });

  it('lets a resident apply with none standing, or after a decline or withdrawal', () => {
    expect([undefined, ...VOLUNTEER_STATUSES].filter((status) => mayApply(status))).toEqual([undefined, 'declined', 'withdrawn']);
  });
});

describe('patrol tasks', () => {
  const now = new Date('2026-03-02T10:00:00.000Z');
  const window = { startsAt: '2026-03-02T11:00:00.000Z', endsAt: '2026-03-02T13:00:00.000Z' };

  it('publishes only a window that ends later than it starts, after now, within 12 hours', () => {
    expect(windowProblem(window, now)).toBeUndefined();
    expect(windowProblem({ startsAt: window.endsAt, endsAt: window.startsAt }, now)).toBe('结束时间须晚于开始时间');
    expect(windowProblem({ startsAt: window.startsAt, endsAt: '2026-03-02T23:00:00.001Z' }, now)).toBe('单次巡查最长 12 小时');
    expect(windowProblem({ startsAt: '2026-03-02T08:00:00.000Z', endsAt: '2026-03-02T09:59:59.999Z' }, now)).toBe('结束时间须晚于现在');
    expect(windowProblem({ startsAt: 'soon', endsAt: window.endsAt }, now)).toBe('时间格式不正确');
  });

  it('is claimed while published and not over; checked in from an hour before until it ends', () => {
    expect(claimable({ ...window, status: 'published' }, now)).toBe(true);
    expect(claimable({ ...window, status: 'cancelled' }, now)).toBe(false);
    expect(claimable({ ...window, status: 'published' }, new Date(window.endsAt))).toBe(false);
    expect(mayCheckIn(window, new Date('2026-03-02T09:59:59.999Z'))).toBe(false);
    expect(mayCheckIn(window, new Date('2026-03-02T10:00:00.000Z'))).toBe(true);
    expect(mayCheckIn(window, new Date(window.endsAt))).toBe(true);
    expect(mayCheckIn(window, new Date('2026-03-02T13:00:00.001Z'))).toBe(false);
  });

  it('counts the hours inside the window, in quarter hours', () => {
    expect(serviceHours(window, '2026-03-02T10:30:00.000Z', '2026-03-02T12:10:00.000Z')).toBe(1);
    expect(serviceHours(window, '2026-03-02T11:05:00.000Z', '2026-03-02T14:00:00.000Z')).toBe(1.75);
    expect(serviceHours(window, '2026-03-02T12:59:00.000Z', '2026-03-02T12:59:30.000Z')).toBe(0);
  });
});

describe('the street operational guide', () => {
  it('gives every situation a kind, what to look at with its legal basis, what the street may do, when to call the bureau', () => {
    expect(streetGuide(CURRENT_STREET_GUIDE.version)).toBe(CURRENT_STREET_GUIDE);
    expect(CURRENT_STREET_GUIDE.source).toMatch(/[\u4e00-\u9fff]/);
    const ids = new Set<string>();
    for (const situation of CURRENT_STREET_GUIDE.situations) {
      expect(ids.has(situation.id), situation.id).toBe(false);
      ids.add(situation.id);
      expect(SOURCE_KINDS).toContain(situation.kind);
      expect(situation.lookAt.length).toBeGreaterThan(0);
      for (const item of situation.lookAt) expect(item.basis, `${situation.id}.${item.id}`).toMatch(/\S/);
      expect(situation.streetMay.length && situation.callBureauWhen.length).toBeGreaterThan(0);
      expect(new Set(situation.lookAt.map((item) => item.id)).size).toBe(situation.lookAt.length);
    }
    expect(guideItem(CURRENT_STREET_GUIDE, { situationId: 'restaurant_fumes', itemId: 'purifier_on' })).toMatchObject({
      situation: '餐饮油烟扰民',
      basis: 'DB31/844-2014 §4.2',
    });
    expect(guideItem(CURRENT_STREET_GUIDE, { situationId: 'restaurant_fumes', itemId: 'night_work' })).toBeUndefined();
  });
});

describe('what volunteers read', () => {
  it('masks every mobile number in officers’ words, and only those', () => {
    expect(maskPhonesIn('请联系 13800000002 或 13912345678。编号 JA-2026-000123，电话 021-62345678')).toBe(
      '请联系 138****0002 或 139****5678。编号 JA-2026-000123，电话 021-62345678',
    );
    expect(maskPhonesIn('订单 213800000002')).toBe('订单 213800000002');
  });

  it('counts as confirmed what became something to act on', () => {
    expect(['complaint', 'inspection_task', 'joint_inspection', 'dismissed', undefined].filter((kind) => confirmsObservation(kind as never))).toEqual([
      'complaint',
      'inspection_task',
      'joint_inspection',
    ]);
    expect(reviewStatusFor('dispute')).toBe('open');
    expect(reviewStatusFor('confirm')).toBe('recorded');
  });

  it('keeps areas in WGS-84 with a default radius, and measures a check-in from the centre', () => {
    const area = storedArea({ point: { lat: 31.2242, lng: 121.4429, coordSystem: 'WGS-84' } });
    expect(area).toEqual({ address: undefined, point: { lat: 31.2242, lng: 121.4429, coordSystem: 'WGS-84' }, radiusMetres: 200 });
    expect(distanceFromArea(area, { lat: 31.225, lng: 121.4429 })).toBe(89);
    expect(distanceFromArea({ address: '愚园路' }, { lat: 31.225, lng: 121.4429 })).toBeUndefined();
    // A position from WeChat's map (GCJ-02) is stored converted.
    expect(storedArea({ point: { lat: 31.2222, lng: 121.4474, coordSystem: 'GCJ-02' }, radiusMetres: 50 }).point?.lng).toBeCloseTo(121.443, 2);
  });
});

describe('service records', () => {
  it('takes a month in the district’s time zone', () => {
    expect(monthRange('2026-03', 'Asia/Shanghai')).toEqual({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T15:59:59.999Z' });
    expect(monthRange('2026-12', 'Asia/Shanghai').to).toBe('2026-12-31T15:59:59.999Z');
    expect(keyRange({ from: 'a', to: 'b' })).toEqual({ from: 'a', to: 'b#~' });
  });

  it('sums the month and the totals', () => {
    const volunteer = { userId: 'V', name: '张志愿', streetCode: 'jingansi' } as VolunteerRecord;
    const claim = (startsAt: string, hours?: number) =>
      ({ taskId: startsAt, title: '巡查', startsAt, hours, checkedOutAt: hours === undefined ? undefined : startsAt }) as TaskClaimRecord;
    const observation = (submittedAt: string, kind?: string) => ({ submittedAt, outcome: kind && { kind } }) as ObservationRecord;
    const thanks = (at: string) => ({ action: 'thanked', at, note: '谢谢', actorName: '李强' }) as CogovEventRecord;
    const record = serviceRecord({
      volunteer,
      month: '2026-03',
      range: monthRange('2026-03', 'Asia/Shanghai'),
      claims: [claim('2026-03-01T01:00:00.000Z', 1.5), claim('2026-03-05T01:00:00.000Z'), claim('2026-02-27T01:00:00.000Z', 2)],
      observations: [
        observation('2026-03-02T00:00:00.000Z', 'complaint'),
        observation('2026-03-03T00:00:00.000Z', 'dismissed'),
        observation('2026-03-04T00:00:00.000Z'),
        observation('2026-02-01T00:00:00.000Z', 'joint_inspection'),
      ],
      reviewsInMonth: [{} as never],
      events: [
        thanks('2026-03-10T00:00:00.000Z'),
        thanks('2026-02-10T00:00:00.000Z'),
        { action: 'volunteer_approved', at: '2026-03-01T00:00:00.000Z' } as CogovEventRecord,
      ],
    });
    expect(record).toEqual({
      userId: 'V',
      name: '张志愿',
      streetCode: 'jingansi',
      month: '2026-03',
      tasksDone: 1,
      hours: 1.5,
      observations: { submitted: 3, confirmed: 1 },
      reviews: 1,
      thanks: [{ at: '2026-03-10T00:00:00.000Z', note: '谢谢', byName: '李强' }],
      tasks: [{ taskId: '2026-03-01T01:00:00.000Z', title: '巡查', startsAt: '2026-03-01T01:00:00.000Z', hours: 1.5 }],
      totals: { tasksDone: 2, hours: 3.5, observationsConfirmed: 2 },
    });
  });
});

describe('who hears of what', () => {
  const joint = (party: 'street' | 'bureau', action: JointInspectionEventRecord['action']) =>
    ({
      eventId: 'E1',
      at: '2026-03-02T00:00:00.000Z',
      requestId: 'J1',
      reference: 'JA-LJ-2026-0001',
      party,
      action,
      actorId: 'actor',
      districtCode: '310106',
      streetCode: 'jingansi',
    }) as JointInspectionEventRecord;
  const people = { streetOfficers: ['s1', 'actor'], bureauOfficers: ['b1', 'b2'], streetVolunteers: ['v1'] };

  it('tells the other party of a joint inspection request’s step, never the actor', () => {
    expect(recipientsOf(jointInspectionAudience(joint('street', 'raise')), 'actor', people)).toEqual(['b1', 'b2']);
    expect(recipientsOf(jointInspectionAudience(joint('bureau', 'accept')), 'actor', people)).toEqual(['s1']);
    expect(jointInspectionNotification(joint('bureau', 'accept'))).toEqual({
      id: 'E1',
      at: '2026-03-02T00:00:00.000Z',
      action: 'joint_accept',
      subject: { kind: 'joint_inspection', id: 'J1', reference: 'JA-LJ-2026-0001' },
      read: false,
    });
  });

  it('tells the users a community event names, and the street’s officers or volunteers when it says so', () => {
    const event = (fields: Partial<CogovEventRecord>) => ({ users: [], ...fields }) as CogovEventRecord;
    expect(recipientsOf(communityAudience(event({ users: ['v9', 'actor'] })), 'actor', people)).toEqual(['v9']);
    expect(recipientsOf(communityAudience(event({ toStreetOfficers: true })), 'v1', people)).toEqual(['s1', 'actor']);
    expect(recipientsOf(communityAudience(event({ toStreetVolunteers: true, users: ['v1'] })), 'actor', people)).toEqual(['v1']);
  });
});

describe('subscribe-message templates', () => {
  it('map each field to what a notification says and label every action they carry', () => {
    for (const [key, template] of Object.entries(SUBSCRIBE_TEMPLATES)) {
      for (const source of Object.values(template.fields)) expect(['subject', 'what', 'at'], key).toContain(source);
      for (const label of Object.values(template.actions)) expect(label, key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(templateFor('joint_accept')?.key).toBe('cogov_progress');
    expect(templateFor('submit')).toBeUndefined();
    expect(templateFor('joint_accept', { t: { ...SUBSCRIBE_TEMPLATES.cogov_progress, templateId: '' } })).toBeUndefined();
  });

  it('label every action within what its field takes, and cut longer values to fit (WeChat refuses the whole message otherwise)', () => {
    for (const [key, template] of Object.entries(SUBSCRIBE_TEMPLATES)) {
      const whatField = Object.keys(template.fields).find((field) => template.fields[field] === 'what')!;
      for (const label of Object.values(template.actions)) expect(fitField(whatField, label), key).toBe(label);
    }
    expect(fieldType('thing12')).toBe('thing');
    expect(fitField('thing1', '愚园路沿街餐饮油烟巡查（晚间第二批，华山路至镇宁路段）')).toBe('愚园路沿街餐饮油烟巡查（晚间第二批，华…');
    expect([...fitField('thing1', 'x'.repeat(40))]).toHaveLength(20);
    expect(fitField('phrase2', '巡查发现已转举报')).toBe('巡查发现已');
    expect(fitField('time3', '2026-03-05 19:20')).toBe('2026-03-05 19:20');
  });

  it('say when in the district’s time, not UTC', () => {
    const notification = { id: 'n', at: '2026-03-05T11:20:00.000Z', action: 'thanked', read: false };
    expect(fieldsOf(SUBSCRIBE_TEMPLATES.cogov_progress, notification, '社区志愿者', 'Asia/Shanghai')).toEqual({
      thing1: { value: '社区志愿者' },
      thing2: { value: '收到街道感谢' },
      time3: { value: '2026-03-05 19:20' },
    });
    expect(localDateTime('2026-03-05T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-06 00:30');
  });
});
