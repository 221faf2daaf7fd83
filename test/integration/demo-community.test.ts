/**
 * The demo community `npm start` seeds: an approved volunteer of 静安寺街道 who can claim and check in
 * to the demo patrol task about 老弄堂面馆 at once, and an applicant awaiting the street officer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PATROL_TASK, DEMO_SOURCES, seedDemoCommunity, seedDemoSources } from '../../scripts/local/seed';
import { startTestSystem, DEMO_ACCOUNTS, type TestSystem } from '../support/system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
  await seedDemoSources(t.system);
  expect(await seedDemoCommunity(t.system)).toBe(true);
});
afterAll(() => t?.stop());

describe('the demo community', () => {
  it('gives the demo volunteer the demo patrol task, ready to claim and check in', async () => {
    const volunteer = await t.signIn(DEMO_ACCOUNTS.volunteer.phone);
    expect(await volunteer.call('GET', '/api/volunteer').expect(200)).toMatchObject({ status: 'approved', streetCode: 'jingansi' });
    const tasks = await volunteer.call('GET', '/api/volunteer/tasks').expect(200);
    const task = tasks.items.find((item: { title: string }) => item.title === DEMO_PATROL_TASK.title);
    expect(task).toMatchObject({ capacity: DEMO_PATROL_TASK.capacity, claimed: 0, sources: [{ name: DEMO_SOURCES[0].input.name }] });
    expect(task.checklist.length).toBeGreaterThan(0);
    await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/claim`).expect(200);
    expect(
      (await volunteer.call('POST', `/api/volunteer/tasks/${task.id}/check-in`, { location: DEMO_PATROL_TASK.area.point }).expect(200)).mine.checkedInAt,
    ).toBeDefined();
  });

  it('leaves the applicant waiting for the street officer, and seeds once', async () => {
    const applicant = await t.signIn(DEMO_ACCOUNTS.applicant.phone);
    expect(await applicant.call('GET', '/api/volunteer').expect(200)).toMatchObject({ status: 'pending' });
    const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
    expect((await officer.call('GET', '/api/volunteers').expect(200)).items.map((item: { name: string }) => item.name)).toEqual(['吴申请']);
    expect(await seedDemoCommunity(t.system)).toBe(false);
  });
});
