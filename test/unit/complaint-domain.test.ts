import { describe, expect, it } from 'vitest';
import { timeLimits } from '@green-shield/shared/rules/time-limits';
import { loadDistrict, periodRules } from '@green-shield/shared/districts/district';
import { applyTransition, createComplaint, withEvent } from '../../functions/src/complaints/domain';
import { toComplaintView } from '../../functions/src/complaints/views';
import { relationTo } from '../../functions/src/complaints/access';
import { notificationsFor } from '../../functions/src/notifications/recipients';
import { sniffImage } from '../../functions/src/lib/image-sniff';
import { ApiError } from '../../functions/src/lib/errors';

// 10:00 on 1 May 2026 in Shanghai, a public holiday.
const now = new Date('2026-05-01T02:00:00Z');
const periods = periodRules(loadDistrict('310106'));
const newComplaint: Parameters<typeof createComplaint>[0] = {
  id: '01JTEST00000000000000000AA',
  eventId: 'e1',
  trackingNumber: 'JA-2026-000001',
  districtCode: '310106',
  category: { type: 'air', subtype: 'cooking_fumes' },
  description: '油烟很大',
  location: { lat: 31.2235, lng: 121.4453, coordSystem: 'GCJ-02', address: '愚园路' },
  streetCode: 'jingansi',
  occurrence: { pattern: 'nights' },
  anonymous: false,
  photoKeys: ['photos/x/1.png'],
  complainant: { id: 'resident-1', phone: '13812345678' },
  limits: timeLimits('xinfang-2022'),
  periods,
  now,
};
const created = createComplaint(newComplaint);

const officer = { id: 'officer-1', role: 'officer' as const, name: '李强' };

describe('complaint domain', () => {
  it('creates a submitted complaint with its due dates and first event', () => {
    expect(created.record).toMatchObject({ status: 'submitted', version: 1, reportedCoordSystem: 'GCJ-02', acknowledgeBy: '2026-05-18T15:59:59.999Z' });
    expect(created.record.location.coordSystem).toBe('WGS-84');
    expect(created.event).toMatchObject({ action: 'submit', to: 'submitted', actorRole: 'resident', complainantId: 'resident-1' });
  });

  it('made from a volunteer’s observation, says so and is filed by the officer, who hears of it no more than of their own acts', () => {
    const fromPatrol = createComplaint({
      ...newComplaint,
      fromObservation: { officer: { id: 'officer-1', name: '李强' }, origin: { kind: 'volunteer_patrol', observationId: 'obs-1', patrolTaskId: 'task-1' } },
    });
    expect(fromPatrol.record.origin).toEqual({ kind: 'volunteer_patrol', observationId: 'obs-1', patrolTaskId: 'task-1' });
    expect(fromPatrol.event).toMatchObject({
      actorId: 'officer-1',
      actorRole: 'officer',
      actorName: '李强',
      origin: 'volunteer_patrol',
      complainantId: 'resident-1',
    });
    const view = toComplaintView(fromPatrol.record, 'officer', now, new Map());
    expect(view.origin).toEqual(fromPatrol.record.origin);
    // The volunteer who chose to be the complainant of record hears of it; the filing officer does not.
    expect(notificationsFor(fromPatrol.event, ['officer-1', 'officer-2']).map((n) => n.userId)).toEqual(['resident-1', 'officer-2']);
    expect(created.record.origin).toBeUndefined();
    expect(created.event.origin).toBeUndefined();
  });

  it('applies transitions, bumping the version and recording who, when and the note', () => {
    const accepted = applyTransition(created.record, { action: 'accept', actor: officer, eventId: 'e2', now, feedbackWindowDays: 7, periods });
    expect(accepted.record).toMatchObject({ status: 'accepted', version: 2 });
    expect(accepted.event).toMatchObject({ from: 'submitted', to: 'accepted', actorId: 'officer-1', actorName: '李强', at: now.toISOString() });
    const resolved = applyTransition(accepted.record, {
      action: 'resolve',
      actor: officer,
      eventId: 'e3',
      now,
      feedbackWindowDays: 7,
      periods,
      note: '已整改',
    });
    expect(resolved.record).toMatchObject({ status: 'resolved', resolvedAt: now.toISOString(), feedbackBy: '2026-05-08T02:00:00.000Z' });
    const reopened = applyTransition(resolved.record, {
      action: 'reopen',
      actor: { id: 'resident-1', role: 'resident' },
      eventId: 'e4',
      now,
      feedbackWindowDays: 7,
      periods,
      reason: '还有油烟',
    });
    expect(reopened.record.status).toBe('reopened');
    expect(reopened.record.resolvedAt).toBeUndefined();
    expect(reopened.event.actorName).toBeUndefined();
  });

  it('gives a reopened complaint a new closing period from reopening, and allows one reopening', () => {
    const step = (record: typeof created.record, action: 'accept' | 'resolve' | 'reopen', at: Date, extra: Record<string, string> = {}) =>
      applyTransition(record, {
        action,
        actor: action === 'reopen' ? { id: 'resident-1', role: 'resident' } : officer,
        eventId: action,
        now: at,
        feedbackWindowDays: 7,
        periods,
        ...extra,
      }).record;
    // Accepted 1 May (closing by 30 June); answered on 29 June; reopened on 1 July, past the first deadline.
    const answered = step(step(created.record, 'accept', now), 'resolve', new Date('2026-06-29T02:00:00Z'), { note: '已处理' });
    const reopenedAt = new Date('2026-07-01T02:00:00Z');
    const reopened = step(answered, 'reopen', reopenedAt, { reason: '还有油烟' });
    // 30 days from 1 July: 31 July, a Friday.
    expect(reopened).toMatchObject({ reopenCount: 1, closeBy: '2026-07-31T15:59:59.999Z' });
    expect(toComplaintView(reopened, 'officer', reopenedAt, new Map()).overdue.any).toBe(false);
    // Re-accepting keeps the reopened period.
    expect(step(reopened, 'accept', reopenedAt).closeBy).toBe(reopened.closeBy);
    const again = step(step(reopened, 'accept', reopenedAt), 'resolve', reopenedAt, { note: '已再次处理' });
    expect(toComplaintView(again, 'complainant', reopenedAt, new Map()).availableActions).toEqual(['rate']);
    expect(() => step(again, 'reopen', reopenedAt, { reason: '仍有油烟' })).toThrow(expect.objectContaining({ code: 'REOPEN_LIMIT_REACHED' }));
  });

  it('places a written event in the timeline where the partition keeps it, by time then id', () => {
    const at = (iso: string, eventId: string) => ({ ...created.event, at: iso, eventId });
    const timeline = [at('2026-05-01T02:00:00.000Z', '01B'), at('2026-05-03T02:00:00.000Z', '01A')];
    const later = at('2026-05-04T00:00:00.000Z', '01C');
    const sameMoment = at('2026-05-01T02:00:00.000Z', '01A');
    expect(withEvent(timeline, later).map((e) => e.eventId)).toEqual(['01B', '01A', '01C']);
    // A clock set back (tests move it) still yields the partition's order, not the order of writing.
    expect(withEvent(timeline, sameMoment).map((e) => `${e.at}#${e.eventId}`)).toEqual([
      '2026-05-01T02:00:00.000Z#01A',
      '2026-05-01T02:00:00.000Z#01B',
      '2026-05-03T02:00:00.000Z#01A',
    ]);
    expect(timeline).toHaveLength(2);
  });

  it('refuses illegal transitions with a 409 and missing fields with a 400', () => {
    const attempt = (action: 'rate' | 'resolve') => () =>
      applyTransition(
        { ...created.record, status: action === 'rate' ? 'submitted' : 'accepted' },
        { action, actor: action === 'rate' ? { id: 'resident-1', role: 'resident' } : officer, eventId: 'x', now, feedbackWindowDays: 7, periods, rating: 5 },
      );
    expect(attempt('rate')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', status: 409 }));
    expect(attempt('resolve')).toThrow(ApiError);
    expect(attempt('resolve')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }));
  });

  it('shows the complainant their number, officers a masked one, and anonymous complaints none', () => {
    const urls = new Map([['photos/x/1.png', 'https://signed/1']]);
    expect(toComplaintView(created.record, 'complainant', now, urls).complainant).toEqual({ phone: '13812345678' });
    expect(toComplaintView(created.record, 'officer', now, urls).complainant).toEqual({ phone: '138****5678' });
    expect(toComplaintView({ ...created.record, anonymous: true }, 'officer', now, urls).complainant).toBeUndefined();
    expect(toComplaintView(created.record, 'officer', now, urls).photos).toEqual([{ key: 'photos/x/1.png', url: 'https://signed/1' }]);
  });

  it('relates principals to complaints', () => {
    const record = created.record;
    expect(relationTo(record, { userId: 'resident-1', roles: ['resident'] }, '310106')).toBe('complainant');
    expect(relationTo(record, { userId: 'someone', roles: ['resident'] }, '310106')).toBe('none');
    expect(relationTo(record, { userId: 'o', roles: ['street_officer'], streetCode: 'jingansi' }, '310106')).toBe('officer');
    expect(relationTo(record, { userId: 'o', roles: ['street_officer'], streetCode: 'beizhan' }, '310106')).toBe('none');
    expect(relationTo(record, { userId: 'b', roles: ['bureau_officer'] }, '310106')).toBe('officer');
    expect(relationTo(record, { userId: 'b', roles: ['bureau_officer'] }, '310101')).toBe('none');
  });

  it('notifies the complainant of others’ changes and the assignee of an assignment', () => {
    const assigned = applyTransition(
      applyTransition(created.record, { action: 'accept', actor: officer, eventId: 'e2', now, feedbackWindowDays: 7, periods }).record,
      {
        action: 'assign',
        actor: officer,
        eventId: 'e3',
        now,
        feedbackWindowDays: 7,
        periods,
        assignee: { id: 'officer-2', name: '王' },
      },
    );
    expect(
      notificationsFor(assigned.event, ['officer-1', 'officer-3'])
        .map((n) => n.userId)
        .sort(),
    ).toEqual(['officer-2', 'resident-1']);
    expect(notificationsFor(created.event)).toEqual([]);
  });

  it('tells the street’s officers of new and reopened complaints', () => {
    expect(
      notificationsFor(created.event, ['officer-1', 'officer-3'])
        .map((n) => n.userId)
        .sort(),
    ).toEqual(['officer-1', 'officer-3']);
    expect(created.event).toMatchObject({ streetCode: 'jingansi', districtCode: '310106' });
  });

  it('recognises images by their bytes', () => {
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffImage(new TextEncoder().encode('RIFF0000WEBPVP8 '))).toBe('webp');
    expect(sniffImage(new TextEncoder().encode('\0\0\0\x18ftypheic0000'))).toBe('heic');
    expect(sniffImage(new TextEncoder().encode('<html>not an image'))).toBeUndefined();
    expect(sniffImage(new Uint8Array())).toBeUndefined();
  });
});

describe('an unsatisfied rating', () => {
  const resolved = [{ action: 'accept' as const }, { action: 'resolve' as const, note: '已处理' }].reduce(
    (record, step, index) => applyTransition(record, { ...step, actor: officer, eventId: `r${index}`, now, feedbackWindowDays: 7, periods }).record,
    created.record,
  );
  const resident = { id: 'resident-1', role: 'resident' as const };
  const rate = (rating: number) =>
    applyTransition(resolved, { action: 'rate', actor: resident, eventId: 'rate', now, feedbackWindowDays: 7, periods, rating }).record;
  const later = new Date(now.getTime() + 86_400_000);
  const urls = new Map<string, string>();
  const followUp = (record: ReturnType<typeof rate>) =>
    applyTransition(record, { action: 'follow_up', actor: officer, eventId: 'fu', now: later, feedbackWindowDays: 7, periods, note: '已电话回访' });

  it('closes the complaint and flags it for follow-up; a satisfied one is not flagged', () => {
    const unhappy = rate(2);
    expect(unhappy).toMatchObject({ status: 'closed', rating: { score: 2 }, unsatisfied: { rating: 2, flaggedAt: now.toISOString() } });
    expect(rate(1).unsatisfied).toMatchObject({ rating: 1 });
    expect(rate(3).unsatisfied).toBeUndefined();
  });

  it('shows the flag and the follow-up action to officers only, until followed up', () => {
    const unhappy = rate(2);
    expect(toComplaintView(unhappy, 'officer', now, urls)).toMatchObject({ unsatisfied: { rating: 2 }, availableActions: ['follow_up'] });
    expect(toComplaintView(unhappy, 'complainant', now, urls).unsatisfied).toBeUndefined();
    expect(toComplaintView(rate(4), 'officer', now, urls).availableActions).toEqual([]);
    const followed = followUp(unhappy);
    expect(followed.record).toMatchObject({
      status: 'closed',
      unsatisfied: { rating: 2, followedUpAt: later.toISOString(), followedUpBy: '李强' },
    });
    expect(followed.event).toMatchObject({ action: 'follow_up', from: 'closed', to: 'closed', note: '已电话回访' });
    expect(toComplaintView(followed.record, 'officer', later, urls).availableActions).toEqual([]);
  });

  it('is followed up once, and only when there is one', () => {
    expect(() => followUp(followUp(rate(1)).record)).toThrow(ApiError);
    expect(() => followUp(rate(5))).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });
});

describe('extending the closing deadline', () => {
  const accepted = applyTransition(created.record, { action: 'accept', actor: officer, eventId: 'e2', now, feedbackWindowDays: 7, periods }).record;
  const extend = (record: typeof accepted, days: number, at = now) =>
    applyTransition(record, {
      action: 'extend',
      actor: officer,
      eventId: 'e3',
      now: at,
      feedbackWindowDays: 7,
      periods,
      reason: '需协调多部门联合执法',
      extensionDays: days,
    });

  it('moves the closing deadline once, by at most the versioned cap, keeping the status', () => {
    const { record, event } = extend(accepted, 30);
    expect(record).toMatchObject({ status: 'accepted', extendedByDays: 30, closeBy: '2026-07-30T15:59:59.999Z' });
    expect(event).toMatchObject({ action: 'extend', from: 'accepted', to: 'accepted', extensionDays: 30 });
    expect(() => extend(record, 5)).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    expect(() => extend(accepted, 31)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(toComplaintView(record, 'officer', now, new Map()).availableActions).not.toContain('extend');
    expect(toComplaintView(accepted, 'officer', now, new Map()).availableActions).toContain('extend');
  });

  it('runs the closing period from acceptance, not receipt, and keeps it on a re-acceptance', () => {
    // Received 1 May, accepted 12 May (Tue): 60 days from 12 May end on 11 July, a Saturday → Monday 13 July.
    const later = new Date('2026-05-12T01:00:00Z');
    const acceptedLater = applyTransition(created.record, {
      action: 'accept',
      actor: officer,
      eventId: 'e2',
      now: later,
      feedbackWindowDays: 7,
      periods,
    }).record;
    expect(acceptedLater).toMatchObject({ acceptedAt: later.toISOString(), closeBy: '2026-07-13T15:59:59.999Z', acknowledgeBy: created.record.acknowledgeBy });
    expect(created.record.closeBy).toBe('2026-06-30T15:59:59.999Z');
  });

  it('extends only an accepted complaint, and only before its closing deadline has passed', () => {
    expect(() => extend(created.record, 10)).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    const at = (iso: string) => extend(accepted, 10, new Date(iso));
    // The deadline is 24:00 on 30 June in Shanghai.
    expect(at('2026-06-30T15:59:59.999Z').record.closeBy).toBe('2026-07-10T15:59:59.999Z');
    expect(() => at('2026-06-30T16:00:00.000Z')).toThrow(expect.objectContaining({ code: 'DEADLINE_PASSED' }));
    expect(() => at('2026-08-04T00:00:00.000Z')).toThrow(expect.objectContaining({ code: 'DEADLINE_PASSED' }));
  });
});
