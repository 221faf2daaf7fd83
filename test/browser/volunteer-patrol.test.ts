/**
 * Community volunteers (社区志愿者) in the H5 app, in Chromium, on the demo sources: a resident
 * applies to volunteer for 静安寺街道 (the volunteer pages tell them they must wait); the street
 * officer approves from the street's desk and publishes a patrol task about 老弄堂面馆 with checks
 * from the street operational guide; the volunteer claims it, checks in with the phone's position,
 * reports an observation with a photo about the shop read from its eco-code (a forged code refused);
 * the officer turns it into a complaint, which says it came from a volunteer's patrol; the volunteer
 * hears of it in the inbox and sees what became of it, checks out and reads their service record. Every page it opens is
 * audited. Screenshots land in test-artifacts/browser/ (prefix `vol-`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_SOURCES, seedDemoSources } from '../../scripts/local/seed';
import { SourceRepository } from '../../functions/src/sources/repository';
import { type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import { PNG_BYTES } from '../support/fixtures';
import { audit, phoneContext, signIn, snap, snapOnFailure, startH5System, stopH5System } from '../support/browser';

const SHOP = '老弄堂面馆';
const VOLUNTEER = { phone: '13900000031', name: '陈晓雯' };
const TASK_TITLE = '愚园路晚间油烟巡查';

let t: TestSystem;
let browser: Browser;
let shop: { id: string; ecoCode: string };

beforeAll(async () => {
  ({ t, browser } = await startH5System((system) => seedDemoSources(system.system)));
  const deps = t.system.identityDeps;
  const id = (await new SourceRepository(deps.db, deps.tableName).sourceIdByCreditCode(deps.district.code, DEMO_SOURCES[0].input.creditCode))!;
  const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
  shop = { id, ecoCode: (await officer.call('GET', `/api/sources/${id}`).expect(200)).source.ecoCode };
});
afterAll(() => stopH5System(t, browser));

/** Opens `route` afresh (a new navigation stack) and waits for `ready` to show. */
async function open(page: Page, route: string, ready: string): Promise<void> {
  await page.goto(`${t.system.url}/#/${route}`);
  await page.reload();
  await page.locator(ready).first().waitFor();
}

describe('a volunteer’s patrol in the H5 app', () => {
  it('runs from an application to a patrol’s observation with a photo about a shop found by its eco-code, triaged into a complaint the volunteer sees', async () => {
    snapOnFailure(browser, 'vol-');
    const photo = join(mkdtempSync(join(tmpdir(), 'gs-vol-')), 'fumes.png');
    writeFileSync(photo, PNG_BYTES);

    // 1. A resident opens 社区志愿者 from the home page and applies for 静安寺街道.
    const volunteer = await (await phoneContext(browser)).newPage();
    await signIn(t, volunteer, VOLUNTEER.phone, 'vol-01-resident');
    await volunteer.locator('#home-volunteer-entry:visible').waitFor();
    await audit(volunteer, 'vol-01-resident-home');
    await volunteer.click('#home-volunteer-entry:visible');
    await volunteer.locator('#volunteer-apply-submit:visible').waitFor();
    // Without a street the form says so beside the streets.
    await volunteer.click('#volunteer-apply-submit');
    await expect.poll(() => volunteer.locator('#volunteer-apply-street-error:visible').innerText()).toBe('请选择街道/镇');
    await snap(volunteer, 'vol-02-apply-form');
    await volunteer.click('#volunteer-apply-street-jingansi');
    await volunteer.fill('#volunteer-apply-name input', VOLUNTEER.name);
    await volunteer.fill('#volunteer-apply-neighbourhood input', '愚园路第一居委');
    await volunteer.fill('#volunteer-apply-availability textarea', '工作日晚上 18:00 以后，周末全天');
    await volunteer.click('#volunteer-apply-submit');
    await expect.poll(() => volunteer.locator('#volunteer-status:visible').getAttribute('data-state')).toBe('pending');
    await snap(volunteer, 'vol-03-applied');
    // Until approved, the volunteer's pages say who they are for and lead back to the application.
    await open(volunteer, 'volunteer/tasks/index', '#volunteer-only:visible');
    await snap(volunteer, 'vol-04-not-yet');

    // 2. The street officer's desk counts the application; the officer approves it.
    const officer = await (await phoneContext(browser)).newPage();
    await signIn(t, officer, DEMO_ACCOUNTS.jingansi.phone, 'vol-05-officer');
    await officer.locator('#officer-desk-entry:visible').waitFor();
    await audit(officer, 'vol-05-officer-home');
    await officer.click('#officer-desk-entry:visible');
    await expect.poll(() => officer.locator('#desk-volunteers_pending:visible').getAttribute('data-count')).toBe('1');
    await snap(officer, 'vol-06-desk');
    await officer.click('#desk-volunteers_pending');
    const application = officer.locator('[id^="volunteer-"][data-status=pending]:visible', { hasText: VOLUNTEER.name });
    await application.waitFor();
    const userId = (await application.getAttribute('id'))!.replace('volunteer-', '');
    expect(await application.innerText()).toContain('工作日晚上 18:00 以后');
    expect(await application.innerText()).not.toContain(VOLUNTEER.phone);
    await officer.click(`#volunteer-${userId}-approve`);
    await snap(officer, 'vol-07-approving');
    await officer.click(`#volunteer-${userId}-confirm`);
    await expect.poll(() => application.count()).toBe(0);
    await officer.click('#volunteer-status-approved');
    await officer.locator(`#volunteer-${userId}[data-status=approved]:visible`).waitFor();
    await snap(officer, 'vol-08-approved');

    // 3. It publishes a patrol task about the shop, with checks from the street operational guide.
    await officer.goBack();
    await officer.click('#desk-publish:visible');
    await officer.locator('#patrol-submit:visible').waitFor();
    await officer.fill('#patrol-title input', TASK_TITLE);
    await officer.fill('#patrol-brief textarea', '沿愚园路 200–260 号走一走，重点看老弄堂面馆营业时油烟净化器是否开启。');
    await officer.fill('#patrol-area-address input', '愚园路 200–260 号沿街');
    await officer.fill('#patrol-source-name input', '老弄堂');
    const found = officer.locator(`#patrol-source-found-${shop.id}:visible`);
    await expect
      .poll(
        async () => {
          await officer.click('#patrol-source-search');
          return found.count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);
    await found.click();
    await officer.locator(`#patrol-source-${shop.id}:visible`).waitFor();
    await officer.click('#patrol-check-restaurant_fumes-purifier_on');
    await officer.click('#patrol-check-restaurant_fumes-visible_smoke');
    expect(await officer.getAttribute('#patrol-check-restaurant_fumes-purifier_on', 'aria-checked')).toBe('true');
    await officer.fill('#patrol-capacity input', '3');
    await snap(officer, 'vol-09-publish');
    await officer.click('#patrol-submit');
    const published = officer.locator('[id^="patrol-"][data-availability=open]:visible', { hasText: TASK_TITLE });
    await published.waitFor();
    const taskId = (await published.getAttribute('id'))!.replace('patrol-', '');
    expect(await officer.locator(`#patrol-${taskId}-places`).innerText()).toBe('已认领 0/3 人');
    await snap(officer, 'vol-10-patrols');

    // 4. The volunteer, approved, finds the task among the street's and claims a place.
    await open(volunteer, 'volunteer/home/index', '#volunteer-entry-tasks:visible');
    await snap(volunteer, 'vol-11-volunteer-home');
    await volunteer.click('#volunteer-entry-tasks');
    await volunteer.locator(`#task-claim-${taskId}:visible`).waitFor();
    await audit(volunteer, 'vol-12-tasks');
    await volunteer.click(`#task-claim-${taskId}`);
    await expect.poll(() => volunteer.locator(`#task-${taskId}-places:visible`).innerText()).toBe('已认领 1/3 人');
    expect(await volunteer.locator(`#task-release-${taskId}`).count()).toBe(1);
    await snap(volunteer, 'vol-13-claimed');

    // 5. On its page: what to check, with the legal basis; check-in with the phone's position.
    await volunteer.click(`#task-${taskId} .patrol-card__title`);
    await volunteer.locator('#task-checklist:visible').waitFor();
    expect(await volunteer.locator('#task-checklist').innerText()).toContain('依据：DB31/844-2014');
    await expect.poll(() => volunteer.locator('#task-location-status').getAttribute('data-status')).toBe('located');
    await snap(volunteer, 'vol-14-task');
    await volunteer.click('#task-check-in');
    await volunteer.locator('#task-checked-in:visible').waitFor();
    expect(await volunteer.locator('#task-state').getAttribute('data-state')).toBe('checkedIn');

    // 6. It reports what it saw, with a photo, about the shop read from its eco-code.
    await volunteer.click('#task-report');
    await volunteer.locator('#observe-submit:visible').waitFor();
    await volunteer.fill('#observe-text textarea', '19:20 面馆排风口冒出明显油烟，净化器没有开启，楼上住户窗户紧闭。');
    const [chooser] = await Promise.all([volunteer.waitForEvent('filechooser'), volunteer.click('#observe-add-photo')]);
    await chooser.setFiles(photo);
    await volunteer.locator('#observe-photo-0[data-state=done]').waitFor();
    // An altered code is refused; the shop's own, pasted as the poster's link, is read.
    const [id, signature] = shop.ecoCode.split('-');
    await volunteer.fill('#observe-code input', `${id}-${signature.slice(0, 9)}${signature.endsWith('A') ? 'B' : 'A'}`);
    await volunteer.click('#observe-code-read');
    await expect.poll(() => volunteer.locator('#observe-code-failure:visible').innerText()).toBe('此环保码无效或已被篡改，请勿信任');
    await volunteer.fill('#observe-code input', `${t.system.url}/e/${shop.ecoCode}`);
    await volunteer.click('#observe-code-read');
    await expect.poll(() => volunteer.locator('#observe-source-chosen:visible').getAttribute('data-source')).toBe(shop.id);
    expect(await volunteer.locator('#observe-source-chosen').innerText()).toContain(SHOP);
    await expect.poll(() => volunteer.locator('#observe-location-status').getAttribute('data-status')).toBe('located');
    await snap(volunteer, 'vol-15-observe');
    await volunteer.click('#observe-submit');
    const mine = volunteer.locator('[id^="observation-"][data-outcome]:visible', { hasText: SHOP });
    await mine.waitFor();
    const observationId = (await mine.getAttribute('id'))!.replace('observation-', '');
    expect(await mine.getAttribute('data-outcome')).toBe('awaiting_triage');
    await snap(volunteer, 'vol-16-my-observations');

    // 7. The officer's queue has it; the officer turns it into a complaint.
    await open(officer, 'pages/home/index', '#officer-observations-entry:visible');
    await officer.click('#officer-observations-entry:visible');
    await officer.locator(`#triage-item-${observationId}:visible`).waitFor();
    await snap(officer, 'vol-17-triage-queue');
    await officer.click(`#triage-item-${observationId}`);
    await officer.locator('#triage-form:visible').waitFor();
    expect(await officer.locator('#triage-observation').innerText()).toContain(VOLUNTEER.name);
    expect(await officer.locator('#triage-observation img').count()).toBe(1);
    await officer.click('#triage-outcome-complaint');
    await officer.click('#triage-type-air');
    await officer.click('#triage-subtype-cooking_fumes');
    await snap(officer, 'vol-18-triage');
    await officer.click('#triage-submit');
    await officer.locator('#triage-result:visible').waitFor();
    const trackingNumber = /JA-\d{4}-\d+/.exec(await officer.locator('#triage-result-line').innerText())![0];
    expect(await officer.locator('#triage-status').getAttribute('data-state')).toBe('complaint');

    // The complaint, as officers handle it, says it came from a volunteer's patrol and names no volunteer.
    await officer.click('#triage-open-complaint');
    await officer.locator('#complaint-origin:visible').waitFor();
    expect(await officer.locator('#complaint-origin').innerText()).toBe('志愿者巡查发现，由街道工作人员转为举报');
    expect(await officer.locator('#complaint-tracking-number:visible').innerText()).toBe(trackingNumber);
    expect(await officer.locator('#complaint-timeline').innerText()).toContain('来自志愿者巡查发现');
    expect(await officer.locator('#complaint-timeline').innerText()).toContain(DEMO_ACCOUNTS.jingansi.name);
    const page = await officer.locator('body').innerText();
    expect(page).not.toContain(VOLUNTEER.name);
    expect(page).not.toContain('139****0031');
    await snap(officer, 'vol-19-complaint');

    // 8. The volunteer hears of it in the inbox (the stream delivers it a moment later), which opens what became of it.
    const notice = volunteer.locator('[id^="notification-"]:visible', { hasText: '巡查发现：已转为举报' });
    await expect
      .poll(
        async () => {
          await open(volunteer, 'pages/notifications/index', '.notifications:visible');
          return notice.count();
        },
        { timeout: 15_000, interval: 1_000 },
      )
      .toBe(1);
    await snap(volunteer, 'vol-20-inbox');
    await notice.click();
    await expect.poll(() => volunteer.locator(`#observation-${observationId}:visible`).getAttribute('data-outcome')).toBe('complaint');
    expect(await volunteer.locator(`#observation-${observationId}-outcome`).innerText()).toBe(`举报编号 ${trackingNumber} · 待受理`);
    await snap(volunteer, 'vol-20b-what-became-of-it');
    await open(volunteer, `volunteer/task/index?id=${taskId}`, '#task-check-out:visible');
    await volunteer.click('#task-check-out');
    await volunteer.locator('#task-checked-out:visible').waitFor();
    await snap(volunteer, 'vol-21-checked-out');
    // The shop's finished rectifications, to look at again (the demo shop has none finished yet).
    await volunteer.click(`#task-source-${shop.id} [role=link]`);
    await volunteer.locator('#review-submit, .page-state').first().waitFor();
    await snap(volunteer, 'vol-22-second-look-source');
    await open(volunteer, 'volunteer/record/index', '#record-tasks:visible');
    expect(await volunteer.locator('#record-tasks').innerText()).toContain('1 次');
    expect(await volunteer.locator('#record-observations').innerText()).toContain('1 条');
    expect(await volunteer.locator('#record-confirmed').innerText()).toContain('1 条');
    await snap(volunteer, 'vol-23-service-record');
    await open(volunteer, 'volunteer/reviews/index', '#second-look-scope-resolved:visible');
    await snap(volunteer, 'vol-24-second-looks');
    await open(volunteer, `volunteer/tasks/index?mine=true`, `#task-${taskId}:visible`);
    await snap(volunteer, 'vol-25-my-tasks');

    // The officer's other community pages: disputes (none), the street's patrol tasks with who claimed them.
    await open(officer, 'cogov/reviews/index', '#review-empty:visible');
    await snap(officer, 'vol-26-disputes');
    await open(officer, 'cogov/patrols/index', `#patrol-${taskId}:visible`);
    await officer.click(`#patrol-${taskId}-claimants-toggle`);
    await expect.poll(() => officer.locator(`#patrol-${taskId}-claimants:visible`).innerText()).toContain(`${VOLUNTEER.name}（已签退）`);
    await snap(officer, 'vol-27-claimants');
  });
});
