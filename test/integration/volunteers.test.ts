/**
 * Community volunteers end to end through the local gateway: applying and approval, patrol tasks
 * from the street operational guide (capacity under 20 concurrent claims), check-in and out,
 * observations with photos about a source and what becomes of each (a complaint, an inspection task
 * closed by the registry's inspection, a joint inspection request, a dismissal), second looks at
 * resolutions with disputes in the officers' queue, service records, the street's desk — and no
 * volunteer response ever holding a complainant's identity or any phone number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_CHECKLISTS, checklistFor } from '@green-shield/shared/sources/checklists';
import { CURRENT_STREET_GUIDE } from '@green-shield/shared/cogov/street-guide';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { startTestSystem, DEMO_ACCOUNTS, type TestSystem } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { newIdempotencyKey, submitComplaint, uploadPhoto } from '../support/fixtures';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/src/store/client';

let t: TestSystem;
let bureau: ApiClient;
let jingansi: ApiClient;
let pengpuzhen: ApiClient;
let plainResident: ApiClient;
let complainant: ApiClient;
let complainantId: string;
const COMPLAINANT_PHONE = '13900000199';

/** Every body a volunteer received, for the privacy scan at the end. */
const volunteerAnswers: string[] = [];
function recorded(api: ApiClient): ApiClient {
  const call = api.call.bind(api);
  api.call = ((...args: Parameters<ApiClient['call']>) => {
    const result = call(...args);
    void Promise.resolve(result).then((answer) => volunteerAnswers.push(JSON.stringify(answer.body ?? '')));
    return result;
  }) as ApiClient['call'];
  return api;
}

/** Reads until the answer satisfies `done` (background work follows the stream), or ten seconds pass. */
async function eventually<T>(read: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await read();
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const near = { lat: 31.2242, lng: 121.4429, coordSystem: 'WGS-84' as const };
let serial = 0;
async function register() {
  const code = composeCreditCode('92', '310106', `W${String(Date.now() % 1e6).padStart(6, '0')}${serial++ % 10}`.slice(0, 8));
  return (
    await jingansi
      .call('POST', '/api/sources', {
        kind: 'restaurant',
        name: `巡查面馆${++serial}`,
        creditCode: code,
        address: '静安区愚园路 230 号',
        location: near,
        streetCode: 'jingansi',
      })
      .expect(201)
  ).source;
}

const minutesFromNow = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();
const situation = CURRENT_STREET_GUIDE.situations.find((candidate) => candidate.id === 'restaurant_fumes')!;
function taskBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '愚园路晚间油烟巡查',
    brief: '沿愚园路 200–260 号看看油烟净化器是否开启。',
    area: { address: '愚园路 200–260 号', point: near, radiusMetres: 300 },
    checklist: situation.lookAt.slice(0, 2).map((item) => ({ situationId: situation.id, itemId: item.id })),
    startsAt: minutesFromNow(-10),
    endsAt: minutesFromNow(120),
    capacity: 3,
    ...overrides,
  };
}
const publish = (body: Record<string, unknown>) => jingansi.call('POST', '/api/patrol-tasks', body, { 'idempotency-key': newIdempotencyKey() });

/** Signs in a resident and makes them an approved volunteer of jingansi. */
async function approvedVolunteer(phone: string, name: string): Promise<{ api: ApiClient; userId: string }> {
  const api = await t.signIn(phone);
  const applied = await api
    .call('POST', '/api/volunteer/application', { streetCode: 'jingansi', name, neighbourhood: '愚园路居委', availability: '工作日晚上' })
    .expect(201);
  await jingansi.call('POST', `/api/volunteers/${applied.userId}/decision`, { decision: 'approve', expectedVersion: applied.version }).expect(200);
  return { api, userId: applied.userId };
}

let volunteer: ApiClient;
let volunteerId: string;
let pending: ApiClient;

beforeAll(async () => {
  t = await startTestSystem();
  [bureau, jingansi, pengpuzhen, plainResident, complainant] = await Promise.all([
    t.signIn(DEMO_ACCOUNTS.bureau.phone),
    t.signIn(DEMO_ACCOUNTS.jingansi.phone),
    t.signIn(DEMO_ACCOUNTS.pengpuzhen.phone),
    t.signIn('13900000198'),
    t.signIn(COMPLAINANT_PHONE),
  ]);
  complainantId = (await complainant.call('GET', '/api/me').expect(200)).id;
  ({ api: volunteer, userId: volunteerId } = await approvedVolunteer('13900000101', '张志愿'));
  recorded(volunteer);
  pending = await t.signIn('13900000102');
});
afterAll(() => {
  console.log(
    t.logs
      .filter((l) => l.includes('"level":"error"'))
      .slice(0, 3)
      .join('\n'),
  );
  return t?.stop();
});

describe('volunteering', () => {
  it('keeps volunteer routes to approved volunteers: a plain resident and a pending applicant get 403', async () => {
    for (const api of [plainResident]) {
      expect((await api.call('GET', '/api/volunteer/tasks').expect(403)).error.code).toBe('NOT_A_VOLUNTEER');
      await api.call('GET', '/api/street-guide').expect(403);
      await api.call('GET', '/api/volunteer/complaints').expect(403);
      await api.call('POST', '/api/volunteer/observations', { text: '看到油烟直排了', location: near }, { 'idempotency-key': newIdempotencyKey() }).expect(403);
      await api.call('GET', '/api/volunteer/observations').expect(403);
    }
    await plainResident.call('GET', '/api/volunteer').expect(404);
    // Officers' routes are not residents'.
    await plainResident.call('GET', '/api/volunteers?streetCode=jingansi').expect(403);

    const applied = await pending
      .call('POST', '/api/volunteer/application', { streetCode: 'jingansi', name: '李待审', neighbourhood: '华山居委', availability: '周末上午' })
      .expect(201);
    expect(applied).toMatchObject({ status: 'pending', availableDecisions: [] });
    // Applying again answers with the application as it stands; another street is refused.
    expect(
      (
        await pending
          .call('POST', '/api/volunteer/application', { streetCode: 'jingansi', name: '李待审', neighbourhood: '华山居委', availability: '周末上午' })
          .expect(201)
      ).version,
    ).toBe(applied.version);
    await pending
      .call('POST', '/api/volunteer/application', { streetCode: 'pengpuzhen', name: '李待审', neighbourhood: '彭浦', availability: '周末' })
      .expect(409);
    const task = (await publish(taskBody()).expect(201)) as { id: string };
    expect((await pending.call('POST', `/api/volunteer/tasks/${task.id}/claim`).expect(403)).error.code).toBe('NOT_A_VOLUNTEER');
  });

  it('lets only the street’s officers decide, with a reason for a decline or withdrawal', async () => {
    const list = await jingansi.call('GET', '/api/volunteers').expect(200);
    const application = list.items.find((item: { name: string }) => item.name === '李待审');
    expect(application).toMatchObject({ status: 'pending', availableDecisions: ['approve', 'decline'] });
    expect(JSON.stringify(list)).not.toMatch(/(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/);
    await pengpuzhen.call('GET', '/api/volunteers?streetCode=jingansi').expect(403);
    await pengpuzhen.call('POST', `/api/volunteers/${application.userId}/decision`, { decision: 'approve', expectedVersion: application.version }).expect(403);
    await bureau.call('GET', '/api/volunteers').expect(400);
    await jingansi.call('POST', `/api/volunteers/${application.userId}/decision`, { decision: 'decline', expectedVersion: application.version }).expect(400);
    await jingansi
      .call('POST', `/api/volunteers/${application.userId}/decision`, { decision: 'withdraw', expectedVersion: application.version, reason: '还没批准' })
      .expect(409);
  });
});

describe('patrol tasks', () => {
  it('draws the checklist from the street operational guide and refuses a window that cannot be walked', async () => {
    const guide = await volunteer.call('GET', '/api/street-guide').expect(200);
    expect(guide.title).toBe(CURRENT_STREET_GUIDE.title);
    const bad = await publish(taskBody({ checklist: [{ situationId: 'restaurant_fumes', itemId: 'no_such_item' }] })).expect(400);
    expect(bad.error.details).toEqual([{ field: 'body.checklist.0', message: '不是操作指南中的检查内容' }]);
    await publish(taskBody({ startsAt: minutesFromNow(60), endsAt: minutesFromNow(30) })).expect(400);
    await publish(taskBody({ capacity: 0 })).expect(400);
    const task = await publish(taskBody()).expect(201);
    expect(task.checklist).toEqual(
      situation.lookAt
        .slice(0, 2)
        .map((item) => ({ situationId: situation.id, situation: situation.title, itemId: item.id, label: item.label, basis: item.basis })),
    );
    await pengpuzhen.call('GET', `/api/patrol-tasks/${task.id}`).expect(403);
  });

  describe('under concurrency', () => {
    const others: ApiClient[] = [];
    // Nineteen more approved volunteers (setup, not the measurement: a loaded machine may take a while).
    beforeAll(async () => {
      for (let i = 0; i < 19; i++) others.push((await approvedVolunteer(`139000002${String(i).padStart(2, '0')}`, `志愿者${i}`)).api);
    }, 180_000);

    it('keeps its capacity when 20 volunteers claim the last places at once', async () => {
      const task = await publish(taskBody({ capacity: 5, title: '抢单测试' })).expect(201);
      const answers = await Promise.all([volunteer, ...others].map((api) => api.call('POST', `/api/volunteer/tasks/${task.id}/claim`)));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((status) => status === 200)).toHaveLength(5);
      expect(statuses.filter((status) => status === 409)).toHaveLength(15);
      for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.error.code).toBe('TASK_FULL');
      const seen = await jingansi.call('GET', `/api/patrol-tasks/${task.id}`).expect(200);
      expect(seen).toMatchObject({ capacity: 5, claimed: 5 });
      expect(seen.claimants).toHaveLength(5);
    }, 60_000);
  });

  it('walks claim, release, claim, check-in on site and check-out, counting the hours', async () => {
    const task = await publish(taskBody({ title: '个人巡查' })).expect(201);
    const listed = await volunteer.call('GET', '/api/volunteer/tasks').expect(200);
    expect(listed.items.find((item: { id: string }) => item.id === task.id)).toMatchObject({ claimed: 0 });
    expect((await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/claim`).expect(200)).mine).toMatchObject({ claimedAt: expect.any(String) });
    // Claiming again is the same claim.
    expect((await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/claim`).expect(200)).claimed).toBe(1);
    expect((await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/release`).expect(200)).claimed).toBe(0);
    await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/release`).expect(409);
    await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/check-in`, { location: near }).expect(409);
    await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/claim`).expect(200);
    const checkedIn = await volunteer
      .call('POST', `/api/volunteer/tasks/${task.id}/check-in`, { location: { lat: 31.225, lng: 121.4429, coordSystem: 'WGS-84' } })
      .expect(200);
    expect(checkedIn.mine).toMatchObject({ checkedInAt: expect.any(String), checkInDistanceMetres: 89 });
    await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/check-in`, { location: near }).expect(409);
    await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/release`).expect(409);
    t.clock.advanceSeconds(45 * 60);
    expect((await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/check-out`).expect(200)).mine.hours).toBe(0.75);
    await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/check-out`).expect(409);
    // The task's own page and "my tasks" (latest first) show the visit with its hours.
    expect((await volunteer.call('GET', `/api/volunteer/tasks/${task.id}`).expect(200)).mine).toMatchObject({ hours: 0.75 });
    const mine = await volunteer.call('GET', '/api/volunteer/tasks?mine=true').expect(200);
    expect(mine.items[0]).toMatchObject({ id: task.id, mine: { hours: 0.75 } });
    expect(mine.items.every((item: { mine?: object }) => item.mine)).toBe(true);
    await pending.call('GET', `/api/volunteer/tasks/${task.id}`).expect(403);
    // A task of another street is not there for a jingansi volunteer.
    const elsewhere = await pengpuzhen
      .call(
        'POST',
        '/api/patrol-tasks',
        { ...taskBody(), area: { address: '彭浦镇' }, startsAt: minutesFromNow(0), endsAt: minutesFromNow(60) },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(201);
    await volunteer.call('POST', `/api/volunteer/tasks/${elsewhere.id}/claim`).expect(404);
    await volunteer.call('GET', `/api/volunteer/tasks/${elsewhere.id}`).expect(404);
  });
});

describe('observations and what becomes of them', () => {
  const observations: Record<string, any> = {};
  let source: { id: string; name: string };

  beforeAll(async () => {
    source = await register();
    for (const name of ['joint', 'complaint', 'dismissed', 'inspection', 'willing']) {
      const photo = await uploadPhoto(volunteer);
      observations[name] = await volunteer
        .call(
          'POST',
          '/api/volunteer/observations',
          {
            text: `晚上油烟很大，净化器没开（${name}）`,
            photoKeys: [photo],
            location: { ...near, address: '愚园路 230 号门口' },
            sourceId: source.id,
            willingToBeComplainant: name === 'willing',
          },
          { 'idempotency-key': newIdempotencyKey() },
        )
        .expect(201);
    }
  });

  it('reports with photos about a source, and waits in the street’s triage queue', async () => {
    expect(observations.joint).toMatchObject({ status: 'awaiting_triage', source: { id: source.id, name: source.name }, willingToBeComplainant: false });
    expect(observations.joint.photos).toHaveLength(1);
    const queue = await jingansi.call('GET', '/api/observations').expect(200);
    expect(queue.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining(Object.values(observations).map((o) => o.id)));
    expect(queue.items[0].volunteerName).toBe('张志愿');
    await pengpuzhen.call('GET', `/api/observations/${observations.joint.id}`).expect(403);
    // About a source of another street: refused.
    await volunteer
      .call(
        'POST',
        '/api/volunteer/observations',
        { text: '看到别的街道的问题', location: near, sourceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(400);
  });

  it('becomes a joint inspection request, a complaint (the volunteer not its complainant), an inspection task, or a dismissal the volunteer reads', async () => {
    const triage = (observation: { id: string; version: number }, body: Record<string, unknown>) =>
      jingansi.call('POST', `/api/observations/${observation.id}/triage`, { expectedVersion: observation.version, ...body });
    const joint = await triage(observations.joint, { outcome: 'joint_inspection', reason: '志愿者发现油烟直排，请区局联合检查' }).expect(200);
    expect(joint.outcome).toMatchObject({ kind: 'joint_inspection', reference: expect.stringMatching(/^JA-LJ-/), status: 'submitted' });
    const request = await bureau.call('GET', `/api/joint-inspections/${joint.outcome.requestId}`).expect(200);
    expect(request.request).toMatchObject({ observationIds: [observations.joint.id], sources: [{ id: source.id }] });
    expect(request.request.photos).toHaveLength(1);
    await triage(observations.joint, { outcome: 'dismissed', reason: '重复' }).expect(409);

    const complaint = await triage(observations.complaint, { outcome: 'complaint', category: { type: 'air', subtype: 'cooking_fumes' } }).expect(200);
    expect(complaint.outcome).toMatchObject({ kind: 'complaint', trackingNumber: expect.stringMatching(/^JA-/), status: 'submitted' });
    expect(complaint.outcome.complaintId).toEqual(expect.any(String));
    const filed = await jingansi.call('GET', `/api/queue/${complaint.outcome.trackingNumber}`).expect(200);
    expect(filed).toMatchObject({ description: observations.complaint.text, anonymous: true });
    expect(filed.complainant).toBeUndefined();
    // It says it came from a volunteer's patrol, on the complaint and its first event (filed by the officer), naming no volunteer.
    expect(filed.origin).toEqual({ kind: 'volunteer_patrol', observationId: observations.complaint.id });
    const { events } = await jingansi.call('GET', `/api/complaints/${filed.id}`).expect(200);
    expect(events[0]).toMatchObject({ action: 'submit', origin: 'volunteer_patrol', actorRole: 'officer', actorName: DEMO_ACCOUNTS.jingansi.name });
    expect(JSON.stringify(events)).not.toContain('张志愿');
    // The volunteer did not choose to be the complainant of record: the complaint is not theirs.
    await volunteer.call('GET', `/api/complaints/${filed.id}`).expect(404);

    // A volunteer who chose to be the complainant of record is, named to officers as complainants are.
    const willing = await triage(observations.willing, { outcome: 'complaint', category: { type: 'air', subtype: 'cooking_fumes' } }).expect(200);
    expect(await jingansi.call('GET', `/api/queue/${willing.outcome.trackingNumber}`).expect(200)).toMatchObject({
      anonymous: false,
      complainant: { phone: '139****0101' },
      origin: { kind: 'volunteer_patrol', observationId: observations.willing.id },
    });
    // The volunteer sees it as theirs (as its complainant, with their own number: outside the privacy scan of their volunteer answers),
    // and what officers see of the observation links to it; the volunteer's view does not.
    const asComplainant = await t.signIn('13900000101');
    const theirs = await asComplainant.call('GET', `/api/complaints/${willing.outcome.complaintId}`).expect(200);
    expect(theirs.complaint.origin).toMatchObject({ kind: 'volunteer_patrol' });
    const ownView = (await volunteer.call('GET', '/api/volunteer/observations').expect(200)).items.find(
      (item: { id: string }) => item.id === observations.willing.id,
    );
    expect(ownView.outcome).toEqual({ kind: 'complaint', trackingNumber: willing.outcome.trackingNumber, status: 'submitted' });

    await triage(observations.dismissed, { outcome: 'dismissed', reason: '已现场核实无问题，如有疑问请联系 13800000002' }).expect(200);
    const task = await triage(observations.inspection, { outcome: 'inspection_task', dueInDays: 3 }).expect(200);
    expect(task.outcome).toMatchObject({ kind: 'inspection_task', sourceId: source.id, sourceName: source.name });
    expect((await jingansi.call('GET', '/api/inspection-tasks').expect(200)).items.map((item: { observationId: string }) => item.observationId)).toContain(
      observations.inspection.id,
    );

    // The registry's inspection of the source closes the inspection task.
    await jingansi
      .call(
        'POST',
        `/api/sources/${source.id}/inspections`,
        { checklistVersion: CURRENT_CHECKLISTS.version, results: checklistFor('restaurant').map((item) => ({ itemId: item.id, outcome: 'pass' })) },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(201);
    const mine = await eventually(
      () => volunteer.call('GET', '/api/volunteer/observations').expect(200),
      (page) => Boolean(page.items.find((item: { id: string }) => item.id === observations.inspection.id).outcome.doneAt),
    );
    const outcomes = Object.fromEntries(mine.items.map((item: { id: string; outcome: unknown }) => [item.id, item.outcome]));
    expect(outcomes[observations.inspection.id]).toMatchObject({ kind: 'inspection_task', doneAt: expect.any(String) });
    expect(outcomes[observations.joint.id]).toMatchObject({ kind: 'joint_inspection', status: 'submitted' });
    expect(outcomes[observations.complaint.id]).toMatchObject({ kind: 'complaint', status: 'submitted' });
    expect(outcomes[observations.dismissed.id]).toEqual({ kind: 'dismissed', reason: '已现场核实无问题，如有疑问请联系 138****0002' });
    expect((await jingansi.call('GET', '/api/inspection-tasks').expect(200)).items.map((item: { observationId: string }) => item.observationId)).not.toContain(
      observations.inspection.id,
    );
  });
});

describe('a second pair of eyes', () => {
  it('confirms or disputes resolved complaints and closed rectifications; a dispute waits for the officers’ answer', async () => {
    const filed = (await submitComplaint(complainant, { description: `楼下油烟太大，请联系我 ${COMPLAINANT_PHONE}` })).complaint;
    let complaint = (await jingansi.call('POST', `/api/complaints/${filed.id}/transitions`, { action: 'accept', expectedVersion: filed.version }).expect(200))
      .complaint;
    const reviewNow = (body: Record<string, unknown>) => volunteer.call('POST', '/api/volunteer/reviews', body, { 'idempotency-key': newIdempotencyKey() });
    const photo = await uploadPhoto(volunteer);
    expect((await reviewNow({ subject: { kind: 'complaint', complaintId: filed.id }, verdict: 'dispute', photoKeys: [photo] }).expect(409)).error.code).toBe(
      'NOT_RESOLVED',
    );
    complaint = (
      await jingansi
        .call('POST', `/api/complaints/${filed.id}/transitions`, { action: 'resolve', expectedVersion: complaint.version, note: '已约谈经营者' })
        .expect(200)
    ).complaint;

    const reviewable = await volunteer.call('GET', '/api/volunteer/complaints').expect(200);
    expect(reviewable.items.find((item: { id: string }) => item.id === filed.id)).toEqual({
      id: filed.id,
      trackingNumber: filed.trackingNumber,
      category: filed.category,
      address: filed.location.address,
      status: 'resolved',
      resolvedAt: complaint.resolvedAt,
    });
    await reviewNow({ subject: { kind: 'complaint', complaintId: filed.id }, verdict: 'dispute' }).expect(400);
    const dispute = await reviewNow({
      subject: { kind: 'complaint', complaintId: filed.id },
      verdict: 'dispute',
      note: '晚上还是有油烟',
      photoKeys: [photo],
    }).expect(201);
    expect(dispute).toMatchObject({ status: 'open', subject: { kind: 'complaint', trackingNumber: filed.trackingNumber } });
    await reviewNow({ subject: { kind: 'complaint', complaintId: filed.id }, verdict: 'confirm' }).expect(409);

    const queue = await jingansi.call('GET', '/api/reviews').expect(200);
    expect(queue.items.map((item: { id: string }) => item.id)).toContain(dispute.id);
    await pengpuzhen.call('GET', '/api/reviews?streetCode=jingansi').expect(403);
    const answered = await jingansi.call('POST', `/api/reviews/${dispute.id}/answer`, { expectedVersion: dispute.version, note: '已安排复查' }).expect(200);
    expect(answered).toMatchObject({ status: 'answered', answer: { note: '已安排复查', byName: DEMO_ACCOUNTS.jingansi.name } });
    expect((await volunteer.call('GET', '/api/volunteer/reviews').expect(200)).items[0]).toMatchObject({ id: dispute.id, status: 'answered' });

    // A rectification closed on site by a later inspection can be confirmed; an open one cannot.
    const source = await register();
    const inspect = (failing: string[]) =>
      jingansi.call(
        'POST',
        `/api/sources/${source.id}/inspections`,
        {
          checklistVersion: CURRENT_CHECKLISTS.version,
          results: checklistFor('restaurant').map((item) => ({ itemId: item.id, outcome: failing.includes(item.id) ? 'fail' : 'pass' })),
        },
        { 'idempotency-key': newIdempotencyKey() },
      );
    const failed = await inspect(['purifier_running', 'odour']).expect(201);
    await inspect(['odour']).expect(201);
    const seen = await volunteer.call('GET', `/api/volunteer/sources/${source.id}`).expect(200);
    const closed = seen.rectifications.find((order: { status: string }) => order.status === 'closed');
    const open = seen.rectifications.find((order: { status: string }) => order.status !== 'closed');
    expect(closed).toMatchObject({
      itemLabel: failed.rectifications.find((order: { itemId: string }) => order.itemId === 'purifier_running').itemLabel,
      closedHow: 'verified_on_site',
    });
    await reviewNow({ subject: { kind: 'rectification', sourceId: source.id, rectificationId: open.id }, verdict: 'confirm' }).expect(409);
    const confirmed = await reviewNow({ subject: { kind: 'rectification', sourceId: source.id, rectificationId: closed.id }, verdict: 'confirm' }).expect(201);
    expect(confirmed).toMatchObject({ status: 'recorded', subject: { kind: 'rectification', sourceName: source.name } });
  });
});

describe('service records and the street’s desk', () => {
  it('sums the month for the volunteer and the officers, with thanks', async () => {
    await jingansi.call('POST', `/api/volunteers/${volunteerId}/thanks`, { note: '感谢您晚间巡查，有事可拨 13800000002' }).expect(201);
    const record = await volunteer.call('GET', '/api/volunteer/service-record').expect(200);
    expect(record).toMatchObject({ userId: volunteerId, name: '张志愿', tasksDone: 1, hours: 0.75, observations: { submitted: 5, confirmed: 4 }, reviews: 2 });
    expect(record.thanks).toEqual([{ at: expect.any(String), note: '感谢您晚间巡查，有事可拨 138****0002', byName: DEMO_ACCOUNTS.jingansi.name }]);
    expect(record.totals).toEqual({ tasksDone: 1, hours: 0.75, observationsConfirmed: 4 });
    const officers = await jingansi.call('GET', `/api/volunteers/${volunteerId}/service-record`).expect(200);
    expect(officers.thanks[0].note).toBe('感谢您晚间巡查，有事可拨 13800000002');
    await pengpuzhen.call('GET', `/api/volunteers/${volunteerId}/service-record`).expect(403);
    await volunteer.call('GET', '/api/volunteer/service-record?month=2026-13').expect(400);
  });

  it('counts what awaits the street, each number with the list it opens', async () => {
    const desk = await jingansi.call('GET', '/api/street-desk').expect(200);
    const count = (key: string) => desk.items.find((item: { key: string }) => item.key === key);
    expect(count('volunteers_approved')).toMatchObject({
      count: 20,
      more: false,
      list: { route: 'listVolunteers', path: '/api/volunteers', query: { streetCode: 'jingansi', status: 'approved' } },
    });
    expect(count('volunteers_pending').count).toBe(1);
    expect(count('observations_awaiting_triage').count).toBe(0);
    expect(count('observations_last_30_days').count).toBe(5);
    expect(count('joint_inspections_open')).toMatchObject({ count: 1, list: { route: 'listJointInspections', query: { open: 'true' } } });
    expect(desk.jointInspectionsByStage).toEqual([{ status: 'submitted', count: 1 }]);
    expect(count('complaints_owing').count).toBeGreaterThanOrEqual(1);
    expect(count('patrol_tasks_current').count).toBeGreaterThanOrEqual(3);
    await pengpuzhen.call('GET', '/api/street-desk?streetCode=jingansi').expect(403);
    expect((await bureau.call('GET', '/api/street-desk?streetCode=jingansi').expect(200)).streetCode).toBe('jingansi');
  });

  it('tells each role in the inbox, and sends a consented WeChat subscribe message (the development sender logs it)', async () => {
    const actions = async (api: ApiClient, expected: string[]) =>
      (
        await eventually(
          () => api.call('GET', '/api/notifications').expect(200),
          (list) => expected.every((action) => list.items.some((item: { action: string }) => item.action === action)),
        )
      ).items.map((item: { action: string }) => item.action);
    expect(
      await actions(volunteer, [
        'volunteer_approved',
        'observation_joint_inspection',
        'observation_dismissed',
        'inspection_task_done',
        'review_answered',
        'thanked',
      ]),
    ).toEqual(expect.arrayContaining(['observation_complaint', 'observation_inspection_task']));
    const officerInbox = await actions(jingansi, ['volunteer_applied', 'observation_submitted', 'review_dispute']);
    expect(officerInbox).not.toContain('review_confirm');
    expect(await actions(bureau, ['joint_raise'])).toContain('joint_raise');
    const inbox = await volunteer.call('GET', '/api/notifications').expect(200);
    expect(inbox.items.find((item: { action: string }) => item.action === 'thanked')).toMatchObject({ subject: { kind: 'volunteer', id: volunteerId } });

    // With an openid (signed in through WeChat) and a consent, the next thanks is also a subscribe message.
    const db = createDocumentClient(t.system.dynamodbEndpoint);
    await db.send(
      new UpdateCommand({
        TableName: t.system.tableName,
        Key: { pk: `USER#${volunteerId}`, sk: 'PROFILE' },
        UpdateExpression: 'SET wechatOpenId = :id',
        ExpressionAttributeValues: { ':id': 'o-test-openid-7788' },
      }),
    );
    db.destroy();
    expect(await volunteer.call('POST', '/api/notifications/subscriptions', { templateKeys: ['cogov_progress', 'no_such_template'] }).expect(200)).toEqual({
      recorded: 1,
    });
    await jingansi.call('POST', `/api/volunteers/${volunteerId}/thanks`, { note: '再次感谢' }).expect(201);
    await jingansi.call('POST', `/api/volunteers/${volunteerId}/thanks`, { note: '第三次感谢' }).expect(201);
    const sent = await eventually(
      async () => t.logs.filter((line) => line.includes('subscribe message (development sender')),
      (lines) => lines.length > 0,
    );
    await t.system.streamsCaughtUp();
    // One consent, one message, to the openid's last characters only.
    expect(t.logs.filter((line) => line.includes('subscribe message (development sender'))).toHaveLength(1);
    expect(JSON.parse(sent[0])).toMatchObject({
      to: '…7788',
      templateId: 'DEV-COGOV-PROGRESS',
      data: { thing1: { value: '社区志愿者' }, thing2: { value: '收到街道感谢' } },
    });
  });

  it('never showed the volunteer a complainant or a phone number', () => {
    expect(volunteerAnswers.length).toBeGreaterThan(30);
    const leaks = volunteerAnswers.filter(
      (body) => /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/.test(body) || body.includes(complainantId) || body.includes(COMPLAINANT_PHONE),
    );
    expect(leaks).toEqual([]);
  });
});
