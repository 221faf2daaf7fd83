import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintDetail, ComplaintPage, ComplaintView, type ComplaintViewT } from '@green-shield/shared/api/schemas';
import { startTestSystem, type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { closingDeadline, closingDeadlineAfterReopening, dueDates, extendedDeadline } from '@green-shield/shared/complaints/due-dates';
import { timeLimits } from '@green-shield/shared/rules/time-limits';
import { loadDistrict, periodRules } from '@green-shield/shared/districts/district';
import { complaintBody, newIdempotencyKey, PNG_BYTES, submitComplaint, uploadPhoto, waitForNotifications } from '../support/fixtures';

let t: TestSystem;
let resident: ApiClient;
let jingansi: ApiClient;
let bureau: ApiClient;

beforeAll(async () => {
  t = await startTestSystem();
  resident = await t.signIn('13911110001');
  jingansi = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
  bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
});
afterAll(() => t?.stop());

const periods = periodRules(loadDistrict('310106'));

/** Photo URLs are signed per request; everything else must match. */
const unsigned = (detail: unknown) => JSON.parse(JSON.stringify(detail).replace(/"(https?:\/\/[^"?]+)\?[^"]*"/g, '"$1"'));

/** A write answers with the complaint as a read right after it returns it. */
async function expectAnswerAsStored<T>(answer: T, as: ApiClient): Promise<T> {
  const id = (answer as { complaint: { id: string } }).complaint.id;
  expect(unsigned(answer)).toEqual(unsigned(await as.call('GET', `/api/complaints/${id}`).expect(200)));
  return answer;
}

describe('the resident complaint journey', () => {
  it('goes from a report with a photo to a rated, closed result, notifying the resident at every step', async () => {
    const photo = await uploadPhoto(resident);
    const submitted = ComplaintDetail.parse(await expectAnswerAsStored(await submitComplaint(resident, { photoKeys: [photo] }), resident));
    const year = new Date().getFullYear();
    expect(submitted.complaint.trackingNumber).toMatch(new RegExp(`^JA-${year}-\\d{6}$`));
    expect(submitted.complaint.status).toBe('submitted');
    expect(submitted.complaint.location.coordSystem).toBe('WGS-84');
    // GCJ-02 was converted: the stored WGS-84 point differs by a few hundred metres in Shanghai.
    expect(Math.abs(submitted.complaint.location.lng - 121.4453)).toBeGreaterThan(0.003);
    // 15 and 60 days counted as the law counts them (the pure rule is unit-tested at its edges).
    expect(submitted.complaint.due).toMatchObject(dueDates(submitted.complaint.submittedAt, timeLimits('xinfang-2022'), periods));
    expect(submitted.complaint.photos).toHaveLength(1);
    const stored = await fetch(submitted.complaint.photos[0].url);
    expect(Buffer.from(await stored.arrayBuffer()).equals(PNG_BYTES)).toBe(true);

    const id = submitted.complaint.id;
    const act = (body: Record<string, unknown>, as: ApiClient = jingansi) => as.call('POST', `/api/complaints/${id}/transitions`, body);
    const done = async (body: Record<string, unknown>) => ComplaintDetail.parse(await expectAnswerAsStored(await act(body).expect(200), jingansi));

    let detail = await done({ action: 'accept', expectedVersion: 1 });
    expect(detail.complaint.status).toBe('accepted');
    const officers = await jingansi.call('GET', '/api/officers').expect(200);
    const self = officers.items.find((o: { name: string }) => o.name === DEMO_ACCOUNTS.jingansi.name);
    detail = await done({ action: 'assign', expectedVersion: 2, assigneeId: self.id });
    expect(detail.complaint.assigneeName).toBe(DEMO_ACCOUNTS.jingansi.name);
    detail = await done({ action: 'start', expectedVersion: 3 });
    await act({ action: 'resolve', expectedVersion: 4 }).expect(400); // a resolution needs a note
    const resultPhoto = await uploadPhoto(jingansi);
    detail = await done({ action: 'resolve', expectedVersion: 4, note: '已责令安装油烟净化器并复查达标', photoKeys: [resultPhoto] });
    expect(detail.complaint.status).toBe('resolved');
    expect(detail.events.at(-1)?.photos).toHaveLength(1);

    const mine = ComplaintDetail.parse(await resident.call('GET', `/api/complaints/${id}`).expect(200));
    expect(mine.events.map((e) => e.action)).toEqual(['submit', 'accept', 'assign', 'start', 'resolve']);
    expect(mine.events.at(-1)).toMatchObject({ note: '已责令安装油烟净化器并复查达标', actorRole: 'officer', actorName: DEMO_ACCOUNTS.jingansi.name });
    expect(mine.complaint.availableActions.sort()).toEqual(['rate', 'reopen']);

    const notifications = await waitForNotifications(resident, 4);
    expect(notifications.items.map((n: { action: string }) => n.action).sort()).toEqual(['accept', 'assign', 'resolve', 'start']);
    expect(notifications.unread).toBe(4);

    const closed = ComplaintDetail.parse(
      await expectAnswerAsStored(
        await resident.call('POST', `/api/complaints/${id}/rating`, { expectedVersion: 5, rating: 5, comment: '处理很及时' }).expect(200),
        resident,
      ),
    );
    expect(closed.complaint.status).toBe('closed');
    expect(closed.complaint.rating).toEqual({ score: 5, comment: '处理很及时' });
    const refused = await act({ action: 'accept', expectedVersion: 6 }).expect(409);
    expect(refused.error.code).toBe('ILLEGAL_TRANSITION');

    const read = await resident.call('POST', '/api/notifications/read', {}).expect(200);
    expect(read.updated).toBe(4);
    expect((await resident.call('GET', '/api/notifications').expect(200)).unread).toBe(0);
  });

  it('lets the resident reopen within the feedback window, and closes unrated resolutions after it', async () => {
    const { complaint } = await submitComplaint(resident);
    const act = (body: Record<string, unknown>) => jingansi.call('POST', `/api/complaints/${complaint.id}/transitions`, body).expect(200);
    await act({ action: 'accept', expectedVersion: 1 });
    await act({ action: 'resolve', expectedVersion: 2, note: '已现场检查' });
    const reopened = await expectAnswerAsStored(
      await resident.call('POST', `/api/complaints/${complaint.id}/reopen`, { expectedVersion: 3, reason: '油烟仍然很大' }).expect(200),
      resident,
    );
    expect(reopened.complaint.status).toBe('reopened');
    // A new closing period runs from reopening (30 days, counted as the law counts days).
    expect(reopened.complaint.due.closeBy).toBe(closingDeadlineAfterReopening(reopened.complaint.updatedAt, timeLimits('xinfang-2022'), periods));
    expect(reopened.complaint.overdue.any).toBe(false);
    await act({ action: 'accept', expectedVersion: 4 });
    const answeredAgain = (await act({ action: 'resolve', expectedVersion: 5, note: '净化器已更换' })).complaint;
    // One reopening only: the button is gone and the route says why.
    expect((await resident.call('GET', `/api/complaints/${complaint.id}`).expect(200)).complaint.availableActions).toEqual(['rate']);
    const refused = await resident
      .call('POST', `/api/complaints/${complaint.id}/reopen`, { expectedVersion: answeredAgain.version, reason: '还是有油烟' })
      .expect(409);
    expect(refused.error.code).toBe('REOPEN_LIMIT_REACHED');

    const other = await submitComplaint(resident, {
      description: '工地夜间施工噪声扰民，凌晨还在打桩。',
      category: { type: 'noise', subtype: 'construction_noise' },
    });
    await jingansi.call('POST', `/api/complaints/${other.complaint.id}/transitions`, { action: 'accept', expectedVersion: 1 }).expect(200);
    await jingansi.call('POST', `/api/complaints/${other.complaint.id}/transitions`, { action: 'resolve', expectedVersion: 2, note: '已停工整改' }).expect(200);

    expect((await t.system.runAutoClose()).closed).toBe(0); // the window is still open
    t.clock.advanceDays(8);
    try {
      await checkAfterWindow(complaint.id);
    } finally {
      t.clock.advanceDays(-8);
    }
  });

  async function checkAfterWindow(id: string) {
    const resident = await t.signIn('13911110001'); // yesterday's tokens have expired
    const late = await resident.call('POST', `/api/complaints/${id}/rating`, { expectedVersion: 6, rating: 2 }).expect(409);
    expect(late.error.code).toBe('FEEDBACK_WINDOW_CLOSED');
    expect((await t.system.runAutoClose()).closed).toBe(2);
    const after = await resident.call('GET', `/api/complaints/${id}`).expect(200);
    expect(after.complaint.status).toBe('closed');
    expect(after.events.at(-1)).toMatchObject({ action: 'auto_close', actorRole: 'system' });
    expect((await t.system.runAutoClose()).closed).toBe(0);
  }

  it('flags an unsatisfied rating for officers to follow up, once, and shows the follow-up to the resident', async () => {
    const { complaint } = await submitComplaint(resident);
    const act = (body: Record<string, unknown>, as: ApiClient = jingansi) => as.call('POST', `/api/complaints/${complaint.id}/transitions`, body);
    await act({ action: 'accept', expectedVersion: 1 }).expect(200);
    await act({ action: 'resolve', expectedVersion: 2, note: '已要求店家清洗净化器' }).expect(200);
    const rated = ComplaintDetail.parse(
      await expectAnswerAsStored(
        await resident.call('POST', `/api/complaints/${complaint.id}/rating`, { expectedVersion: 3, rating: 2 }).expect(200),
        resident,
      ),
    );
    expect(rated.complaint.status).toBe('closed');
    // The resident sees their rating; the flag is for officers.
    expect(rated.complaint.unsatisfied).toBeUndefined();

    const flagged = ComplaintDetail.parse(await bureau.call('GET', `/api/complaints/${complaint.id}`).expect(200)).complaint;
    expect(flagged.unsatisfied).toMatchObject({ rating: 2 });
    expect(flagged.unsatisfied?.followedUpAt).toBeUndefined();
    expect(flagged.availableActions).toEqual(['follow_up']);
    // The queue's card carries it too, under every filter that lists the complaint.
    for (const query of ['', '?status=closed', '?status=closed&type=air']) {
      const queue = ComplaintPage.parse(await bureau.call('GET', `/api/queue${query}`).expect(200));
      expect(queue.items.find((item) => item.id === complaint.id)?.unsatisfied, query).toMatchObject({ rating: 2 });
    }

    await act({ action: 'follow_up', expectedVersion: 4 }).expect(400); // a follow-up says what was learnt
    const followed = ComplaintDetail.parse(
      await expectAnswerAsStored(await act({ action: 'follow_up', expectedVersion: 4, note: '已电话回访，店家承诺本周更换净化器' }).expect(200), jingansi),
    );
    expect(followed.complaint).toMatchObject({ status: 'closed', unsatisfied: { rating: 2, followedUpBy: DEMO_ACCOUNTS.jingansi.name } });
    expect(followed.complaint.unsatisfied?.followedUpAt).toBeDefined();
    expect(followed.complaint.availableActions).toEqual([]);
    expect((await act({ action: 'follow_up', expectedVersion: 5, note: '再次回访' }).expect(409)).error.code).toBe('ILLEGAL_TRANSITION');

    // The resident sees the follow-up in the timeline, and residents cannot write one.
    const mine = ComplaintDetail.parse(await resident.call('GET', `/api/complaints/${complaint.id}`).expect(200));
    expect(mine.events.at(-1)).toMatchObject({ action: 'follow_up', note: '已电话回访，店家承诺本周更换净化器', actorRole: 'officer' });
    await act({ action: 'follow_up', expectedVersion: 5, note: '我自己回访' }, resident).expect(403);

    // A satisfied rating is not flagged, and has nothing to follow up.
    const happy = await submitComplaint(resident);
    const actOnHappy = (body: Record<string, unknown>) => jingansi.call('POST', `/api/complaints/${happy.complaint.id}/transitions`, body);
    await actOnHappy({ action: 'accept', expectedVersion: 1 }).expect(200);
    await actOnHappy({ action: 'resolve', expectedVersion: 2, note: '已处理' }).expect(200);
    await resident.call('POST', `/api/complaints/${happy.complaint.id}/rating`, { expectedVersion: 3, rating: 3 }).expect(200);
    const satisfied = ComplaintDetail.parse(await jingansi.call('GET', `/api/complaints/${happy.complaint.id}`).expect(200)).complaint;
    expect(satisfied.unsatisfied).toBeUndefined();
    expect(satisfied.availableActions).toEqual([]);
    expect((await actOnHappy({ action: 'follow_up', expectedVersion: 4, note: '回访' }).expect(409)).error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('records not-our-responsibility with a referral, and duplicates linked to the original', async () => {
    const original = await submitComplaint(resident);
    const second = await submitComplaint(resident);
    const third = await submitComplaint(resident);
    const missing = await jingansi
      .call('POST', `/api/complaints/${second.complaint.id}/transitions`, { action: 'not_our_responsibility', expectedVersion: 1, reason: '属于物业管理范围' })
      .expect(400);
    expect(missing.error.details[0].field).toBe('body.referral');
    const referred = await jingansi
      .call('POST', `/api/complaints/${second.complaint.id}/transitions`, {
        action: 'not_our_responsibility',
        expectedVersion: 1,
        reason: '属于物业管理范围',
        referral: '请联系小区物业或拨打 12345',
      })
      .expect(200);
    expect(referred.complaint.status).toBe('not_our_responsibility');
    expect(referred.events.at(-1)).toMatchObject({ reason: '属于物业管理范围', referral: '请联系小区物业或拨打 12345' });

    await jingansi
      .call('POST', `/api/complaints/${third.complaint.id}/transitions`, { action: 'mark_duplicate', expectedVersion: 1, duplicateOf: 'JA-1999-000001' })
      .expect(400);
    const duplicate = await jingansi
      .call('POST', `/api/complaints/${third.complaint.id}/transitions`, {
        action: 'mark_duplicate',
        expectedVersion: 1,
        duplicateOf: original.complaint.trackingNumber,
      })
      .expect(200);
    expect(duplicate.complaint).toMatchObject({ status: 'duplicate', duplicateOf: original.complaint.trackingNumber });
  });

  it('extends the closing deadline once, within the cap, which moves the overdue point', async () => {
    const { complaint } = await submitComplaint(resident);
    const act = (body: Record<string, unknown>) => jingansi.call('POST', `/api/complaints/${complaint.id}/transitions`, body);
    const accepted = await act({ action: 'accept', expectedVersion: 1 }).expect(200);
    expect((await act({ action: 'extend', expectedVersion: 2, extensionDays: 45, reason: '需要联合执法' }).expect(400)).error.details[0].field).toBe(
      'body.extensionDays',
    );
    await act({ action: 'extend', expectedVersion: 2, extensionDays: 30 }).expect(400); // needs a reason
    const extended = await act({ action: 'extend', expectedVersion: 2, extensionDays: 30, reason: '需要联合执法' }).expect(200);
    expect(extended.complaint.due.extendedByDays).toBe(30);
    expect(extended.complaint.due.closeBy).toBe(extendedDeadline(accepted.complaint.due.closeBy, 30, periods));
    expect(extended.complaint.availableActions).not.toContain('extend');
    expect((await act({ action: 'extend', expectedVersion: 3, extensionDays: 5, reason: '再延' }).expect(409)).error.code).toBe('ILLEGAL_TRANSITION');
    t.clock.advanceDays(61);
    try {
      const jingansi = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      const view = await jingansi.call('GET', `/api/complaints/${complaint.id}`).expect(200);
      expect(view.complaint.overdue.close).toBe(false);
      const mine = await (await t.signIn('13911110001')).call('GET', `/api/complaints/${complaint.id}`).expect(200);
      expect(mine.events.at(-1)).toMatchObject({ action: 'extend', extensionDays: 30, reason: '需要联合执法' });
    } finally {
      t.clock.advanceDays(-61);
    }
  });

  it('runs the closing period from acceptance, and extends only an accepted complaint before that deadline', async () => {
    const { complaint } = await submitComplaint(resident);
    const act = (as: ApiClient, body: Record<string, unknown>) => as.call('POST', `/api/complaints/${complaint.id}/transitions`, body);
    expect((await act(jingansi, { action: 'extend', expectedVersion: 1, extensionDays: 10, reason: '复杂' }).expect(409)).error.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    let advanced = 0;
    // Access tokens expire as the clock moves: sign in again at each new time.
    const later = async (days: number) => {
      t.clock.advanceDays(days);
      advanced += days;
      return t.signIn(DEMO_ACCOUNTS.jingansi.phone);
    };
    try {
      const officer = await later(10);
      const accepted = (await act(officer, { action: 'accept', expectedVersion: 1 }).expect(200)).complaint;
      expect(Math.abs(Date.parse(accepted.due.acceptedAt) - t.clock.now().getTime())).toBeLessThan(60_000);
      expect(accepted.due.closeBy).toBe(closingDeadline(accepted.due.acceptedAt, timeLimits('xinfang-2022'), periods));
      expect(Date.parse(accepted.due.closeBy)).toBeGreaterThan(Date.parse(complaint.due.closeBy) + 9 * 86_400_000);
      expect(accepted.due.acknowledgeBy).toBe(complaint.due.acknowledgeBy);
      const officerLater = await later(75);
      const late = await officerLater.call('GET', `/api/complaints/${complaint.id}`).expect(200);
      expect(late.complaint.overdue.close).toBe(true);
      expect(late.complaint.availableActions).not.toContain('extend');
      expect((await act(officerLater, { action: 'extend', expectedVersion: 2, extensionDays: 10, reason: '复杂' }).expect(409)).error.code).toBe(
        'DEADLINE_PASSED',
      );
      expect((await officerLater.call('GET', `/api/complaints/${complaint.id}`).expect(200)).complaint.overdue.close).toBe(true);
    } finally {
      t.clock.advanceDays(-advanced);
    }
  });

  it('lets only one of two officers acting at once win; the other gets a version conflict', async () => {
    const { complaint } = await submitComplaint(resident);
    const attempts = await Promise.all([
      jingansi.call('POST', `/api/complaints/${complaint.id}/transitions`, { action: 'accept', expectedVersion: 1 }),
      bureau.call('POST', `/api/complaints/${complaint.id}/transitions`, { action: 'accept', expectedVersion: 1 }),
    ]);
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(attempts.find((a) => a.status === 409)!.body.error.code).toMatch(/VERSION_CONFLICT|ILLEGAL_TRANSITION/);
    const stale = await jingansi.call('POST', `/api/complaints/${complaint.id}/transitions`, { action: 'start', expectedVersion: 1 }).expect(409);
    expect(stale.error.code).toBe('VERSION_CONFLICT');
    const { events } = await bureau.call('GET', `/api/complaints/${complaint.id}`).expect(200);
    expect(events.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1);
  });

  it('filters the queue by status, category and overdue, and flags overdue complaints', async () => {
    const fresh = await submitComplaint(resident, { category: { type: 'water', subtype: 'industrial_wastewater' }, description: '河道旁有工厂排放黑色污水。' });
    const byType = ComplaintPage.parse(await jingansi.call('GET', '/api/queue?type=water').expect(200));
    expect(byType.items.map((c) => c.id)).toEqual([fresh.complaint.id]);
    const submittedOnly = ComplaintPage.parse(await bureau.call('GET', '/api/queue?status=submitted').expect(200));
    expect(submittedOnly.items.length).toBeGreaterThan(0);
    expect(submittedOnly.items.every((c) => c.status === 'submitted')).toBe(true);
    expect((await jingansi.call('GET', '/api/queue?overdue=true').expect(200)).items).toHaveLength(0);
    t.clock.advanceDays(16);
    try {
      const jingansi = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      const overdue = ComplaintPage.parse(await jingansi.call('GET', '/api/queue?overdue=true').expect(200));
      expect(overdue.items.map((c) => c.id)).toContain(fresh.complaint.id);
      expect(overdue.items.every((c) => c.overdue.any)).toBe(true);
      expect(overdue.items.find((c) => c.id === fresh.complaint.id)!.overdue).toEqual({ acknowledge: true, close: false, any: true });
    } finally {
      t.clock.advanceDays(-16);
    }
  });

  it('lists the work owed most urgent first with each due date, counts the overdue, and finds a complaint by tracking number', async () => {
    const open = await submitComplaint(resident, { description: '小区门口的餐馆油烟直排，晚上尤其严重。' });
    await jingansi.call('POST', `/api/complaints/${open.complaint.id}/transitions`, { action: 'accept', expectedVersion: 1 }).expect(200);
    const unacknowledged = await submitComplaint(resident, { description: '工地夜间施工噪声很大，影响休息。' });
    /** Every page of the street's urgent list, in order, and each page's size. */
    const urgentList = async (api: ApiClient, query = '') => {
      const items: ComplaintViewT[] = [];
      let cursor: string | undefined;
      do {
        const page = ComplaintPage.parse(await api.call('GET', `/api/queue?order=urgency${query}${cursor ? `&cursor=${cursor}` : ''}`).expect(200));
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    };
    const position = (items: ComplaintViewT[], id: string) => items.findIndex((item) => item.id === id);
    const inOrder = (items: ComplaintViewT[]) => {
      // Every complaint owes a deadline; the overdue come first, then the rest, each by its next deadline.
      const dues = items.map((item) => item.nextDeadline!.by);
      expect(dues).toEqual([...dues].sort());
      const flags = items.map((item) => item.overdue.any);
      expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    };

    const now = await urgentList(jingansi);
    inOrder(now);
    expect(now.find((item) => item.id === unacknowledged.complaint.id)!.nextDeadline).toEqual({
      kind: 'acknowledge',
      by: unacknowledged.complaint.due.acknowledgeBy,
    });
    expect(now.find((item) => item.id === open.complaint.id)!.nextDeadline).toEqual({ kind: 'close', by: open.complaint.due.closeBy });
    // Acknowledging is due in 15 days, closing in 60: the newer complaint is the more urgent.
    expect(position(now, unacknowledged.complaint.id)).toBeLessThan(position(now, open.complaint.id));
    // Newest first is still there for those who ask.
    const newest = ComplaintPage.parse(await jingansi.call('GET', '/api/queue').expect(200));
    expect(position(newest.items, unacknowledged.complaint.id)).toBeLessThan(position(newest.items, open.complaint.id));

    t.clock.advanceDays(16);
    try {
      const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      const later = await urgentList(officer);
      inOrder(later);
      expect(later.find((item) => item.id === unacknowledged.complaint.id)!.overdue.any).toBe(true);
      expect(later.find((item) => item.id === open.complaint.id)!.overdue.any).toBe(false);
      // Overdue alone, most overdue first, and counted for the home page.
      const overdueOnly = await urgentList(officer, '&overdue=true');
      expect(overdueOnly.length).toBeGreaterThan(0);
      expect(overdueOnly.every((item) => item.overdue.any)).toBe(true);
      inOrder(overdueOnly);
      expect(await officer.call('GET', '/api/queue/summary').expect(200)).toEqual({ overdue: { count: overdueOnly.length, more: false } });
      const district = await (await t.signIn(DEMO_ACCOUNTS.bureau.phone)).call('GET', '/api/queue/summary').expect(200);
      expect(district.overdue.count).toBeGreaterThanOrEqual(overdueOnly.length);
      await officer.call('GET', '/api/queue/summary?streetCode=pengpuzhen').expect(403);
    } finally {
      t.clock.advanceDays(-16);
    }

    // Search by tracking number: exact, in the officer's street only; another street's is not revealed.
    const { trackingNumber } = open.complaint;
    const found = await jingansi.call('GET', `/api/queue/${trackingNumber.toLowerCase()}`).expect(200);
    expect(ComplaintView.parse(found)).toMatchObject({ id: open.complaint.id, trackingNumber });
    expect((await bureau.call('GET', `/api/queue/${trackingNumber}`).expect(200)).id).toBe(open.complaint.id);
    const pengpuzhen = await t.signIn(DEMO_ACCOUNTS.pengpuzhen.phone);
    const hidden = await pengpuzhen.call('GET', `/api/queue/${trackingNumber}`).expect(404);
    expect((await pengpuzhen.call('GET', '/api/queue/JA-1999-999999').expect(404)).error).toEqual(hidden.error);
    await resident.call('GET', `/api/queue/${trackingNumber}`).expect(403);
    await jingansi.call('GET', `/api/queue/${'9'.repeat(41)}`).expect(400);
  });

  it('pages through the queue with cursors and refuses forged ones', async () => {
    for (let i = 0; i < 3; i++) await submitComplaint(resident, { streetCode: 'linfenlu' });
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = ComplaintPage.parse(await bureau.call('GET', `/api/queue${cursor ? `?cursor=${cursor}` : ''}`).expect(200));
      for (const item of page.items) seen.add(item.id);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    const all = ComplaintPage.parse(await resident.call('GET', '/api/complaints/mine').expect(200));
    expect(seen.size).toBeGreaterThanOrEqual(Math.min(all.items.length, 20));
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'COMPLAINANT#someone-else', pk: 'x', sk: 'y', gsi1sk: 'z' })).toString('base64url');
    const refused = await resident.call('GET', `/api/complaints/mine?cursor=${forged}`).expect(400);
    expect(refused.error.details[0].field).toBe('query.cursor');
  });
});

describe('idempotent submission', () => {
  it('returns the same complaint for a retried request, even when retries race', async () => {
    const key = newIdempotencyKey();
    const body = complaintBody();
    const results = await Promise.all([1, 2, 3].map(() => resident.call('POST', '/api/complaints', body, { 'idempotency-key': key }).expect(201)));
    expect(new Set(results.map((r) => r.complaint.id)).size).toBe(1);
    const retried = await resident.call('POST', '/api/complaints', body, { 'idempotency-key': key }).expect(201);
    expect(retried.complaint.trackingNumber).toBe(results[0].complaint.trackingNumber);
    const mine = await resident.call('GET', '/api/complaints/mine').expect(200);
    expect(mine.items.filter((c: { id: string }) => c.id === retried.complaint.id)).toHaveLength(1);

    const reused = await resident
      .call('POST', '/api/complaints', complaintBody({ description: '另一件事情，内容不同。' }), { 'idempotency-key': key })
      .expect(409);
    expect(reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const missing = await resident.call('POST', '/api/complaints', body).expect(400);
    expect(missing.error.code).toBe('MISSING_IDEMPOTENCY_KEY');
  });
});

describe('idempotency keys expire', () => {
  it('treats a key as new after a day, so an old key cannot block a new report forever', async () => {
    const key = newIdempotencyKey();
    const first = await resident.call('POST', '/api/complaints', complaintBody(), { 'idempotency-key': key }).expect(201);
    t.clock.advanceDays(1.1);
    try {
      const resident = await t.signIn('13911110001');
      const later = await resident
        .call('POST', '/api/complaints', complaintBody({ description: '一天之后的另一件事，油烟依旧。' }), { 'idempotency-key': key })
        .expect(201);
      expect(later.complaint.id).not.toBe(first.complaint.id);
    } finally {
      t.clock.advanceDays(-1.1);
    }
  });
});
