import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { submitComplaint } from '../support/fixtures';

const ALICE = '13922220001';
const BOB = '13922220002';

let t: TestSystem;
let alice: ApiClient;
let bob: ApiClient;
let jingansi: ApiClient;
let pengpu: ApiClient;
let bureau: ApiClient;

beforeAll(async () => {
  t = await startTestSystem();
  [alice, bob, jingansi, pengpu, bureau] = await Promise.all([
    t.signIn(ALICE),
    t.signIn(BOB),
    t.signIn(DEMO_ACCOUNTS.jingansi.phone),
    t.signIn(DEMO_ACCOUNTS.pengpuzhen.phone),
    t.signIn(DEMO_ACCOUNTS.bureau.phone),
  ]);
});
afterAll(() => t?.stop());

describe('object-level authorization', () => {
  it('hides a resident’s complaint from other residents, without revealing it exists', async () => {
    const { complaint } = await submitComplaint(alice);
    const denied = await bob.call('GET', `/api/complaints/${complaint.id}`).expect(404);
    expect(denied.error.code).toBe('NOT_FOUND');
    await bob.call('POST', `/api/complaints/${complaint.id}/rating`, { expectedVersion: 1, rating: 1 }).expect(404);
    await bob.call('POST', `/api/complaints/${complaint.id}/reopen`, { expectedVersion: 1, reason: '我想重新打开' }).expect(404);
    const bobs = await bob.call('GET', '/api/complaints/mine').expect(200);
    expect(bobs.items).toHaveLength(0);
  });

  it('keeps street officers inside their own street', async () => {
    const { complaint } = await submitComplaint(alice, { streetCode: 'jingansi' });
    expect((await pengpu.call('GET', `/api/complaints/${complaint.id}`).expect(403)).error.code).toBe('FORBIDDEN');
    await pengpu.call('POST', `/api/complaints/${complaint.id}/transitions`, { action: 'accept', expectedVersion: 1 }).expect(403);
    await pengpu.call('GET', '/api/queue?streetCode=jingansi').expect(403);
    const pengpuQueue = await pengpu.call('GET', '/api/queue').expect(200);
    expect(pengpuQueue.items.map((c: { id: string }) => c.id)).not.toContain(complaint.id);
    const officers = await jingansi.call('GET', '/api/officers').expect(200);
    const pengpuOfficer = (await bureau.call('GET', '/api/officers?streetCode=pengpuzhen').expect(200)).items[0];
    expect(officers.items.map((o: { id: string }) => o.id)).not.toContain(pengpuOfficer.id);
    const wrongAssignee = await jingansi.call('POST', `/api/complaints/${complaint.id}/transitions`, { action: 'accept', expectedVersion: 1 }).expect(200);
    await jingansi
      .call('POST', `/api/complaints/${complaint.id}/transitions`, {
        action: 'assign',
        expectedVersion: wrongAssignee.complaint.version,
        assigneeId: pengpuOfficer.id,
      })
      .expect(400);
    const bureauView = await bureau.call('GET', `/api/complaints/${complaint.id}`).expect(200);
    expect(bureauView.complaint.status).toBe('accepted');
  });

  it('refuses residents the officer endpoints and officers the resident ones', async () => {
    expect((await alice.call('GET', '/api/queue').expect(403)).error.code).toBe('FORBIDDEN');
    await alice.call('GET', '/api/officers').expect(403);
    await alice.call('POST', '/api/admin/officers', { phone: '13833330000', name: '冒充者', role: 'bureau_officer' }).expect(403);
    await jingansi.call('GET', '/api/complaints/mine').expect(403);
    const { complaint } = await submitComplaint(alice);
    await jingansi.call('POST', `/api/complaints/${complaint.id}/rating`, { expectedVersion: 1, rating: 5 }).expect(403);
  });

  it('requires a valid token', async () => {
    const anonymous = t.client();
    expect((await anonymous.call('GET', '/api/me').expect(401)).error.code).toBe('UNAUTHENTICATED');
    anonymous.token = `${alice.token!.slice(0, -4)}AAAA`;
    await anonymous.call('GET', '/api/complaints/mine').expect(401);
    const [header, payload, signature] = alice.token!.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    anonymous.token = [header, Buffer.from(JSON.stringify({ ...claims, roles: ['bureau_officer'] })).toString('base64url'), signature].join('.');
    await anonymous.call('GET', '/api/queue').expect(401);
  });
});

describe('officer notifications', () => {
  it('tells a street’s officers of a new complaint there, and no other street’s', async () => {
    const { complaint } = await submitComplaint(alice, { streetCode: 'pengpuzhen' });
    const { waitForNotifications } = await import('../support/fixtures');
    const heard = await waitForNotifications(pengpu, 1);
    expect(heard.items.map((n: { complaintId: string }) => n.complaintId)).toContain(complaint.id);
    const others = await jingansi.call('GET', '/api/notifications').expect(200);
    expect(others.items.map((n: { complaintId: string }) => n.complaintId)).not.toContain(complaint.id);
  });
});

describe('complainant privacy', () => {
  it('masks the number for officers, hides it on anonymous complaints, and shows it only to the complainant', async () => {
    const named = await submitComplaint(alice);
    const anonymous = await submitComplaint(alice, { anonymous: true });
    expect(named.complaint.complainant).toEqual({ phone: ALICE });
    const officerNamed = await jingansi.call('GET', `/api/complaints/${named.complaint.id}`).expect(200);
    expect(officerNamed.complaint.complainant).toEqual({ phone: '139****0001' });
    const officerAnonymous = await jingansi.call('GET', `/api/complaints/${anonymous.complaint.id}`).expect(200);
    expect(officerAnonymous.complaint.complainant).toBeUndefined();
    const queue = await bureau.call('GET', '/api/queue').expect(200);
    expect(JSON.stringify(queue)).not.toContain(ALICE);
    expect(JSON.stringify(officerNamed)).not.toContain(ALICE);
  });

  it('keeps phone numbers and descriptions out of the logs', async () => {
    const secretDescription = '独特的描述文字用于日志检查，不应出现在日志中。';
    await submitComplaint(alice, { description: secretDescription });
    await t.client().call('POST', '/api/auth/otp', { phone: '13944440000' }).expect(202);
    const logs = t.logs.join('\n');
    expect(logs).toContain('complaint submitted');
    expect(logs).not.toContain(ALICE);
    expect(logs).not.toContain('13944440000');
    expect(logs).not.toContain(secretDescription);
    for (const line of t.logs) expect(JSON.parse(line)).toHaveProperty('time');
    const requestLines = t.logs.map((line) => JSON.parse(line)).filter((line) => line.message === 'request served');
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.every((line) => typeof line.requestId === 'string')).toBe(true);
  });
});
