/**
 * The resident journey in the H5 app, in Chromium: a resident signs in and reports with a photo, a
 * street officer accepts and resolves with a note, the resident sees the result and rates it.
 * Screenshots of every step land in test-artifacts/browser/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestSystem, type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import { PNG_BYTES } from '../support/fixtures';
import { audit, launchBrowser, phoneContext, signIn, snap, snapOnFailure } from '../support/browser';
import { zh } from '../../miniapp/src/i18n/zh-CN';

const H5 = resolve(import.meta.dirname, '../../miniapp/dist');
const RESIDENT = '13966660001';

let t: TestSystem;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(H5, 'index.html'))) throw new Error('No H5 build: run `npm run build:h5` (npm test does)');
  t = await startTestSystem({ staticDir: H5 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('the complaint journey in the H5 app', () => {
  it('runs from a resident’s report with a photo to a rated result', async () => {
    snapOnFailure(browser);
    const photo = join(mkdtempSync(join(tmpdir(), 'gs-photo-')), 'fumes.png');
    writeFileSync(photo, PNG_BYTES);

    // The resident reports.
    const resident = await (await phoneContext(browser)).newPage();
    await signIn(t, resident, RESIDENT, '01-resident');
    await resident.locator('#report-entry:visible').waitFor();
    await snap(resident, '02-resident-home');
    await resident.click('#report-entry:visible');
    await resident.click('#report-type-air');
    await resident.click('#report-subtype-cooking_fumes');
    await resident.fill('#report-description textarea', '楼下餐馆油烟直排，晚上七点到十点最严重，窗户都不敢开。');
    await resident.click('#report-occurrence-nights');
    await resident.fill('#report-address input', '静安区愚园路 188 弄 3 号楼下');
    await resident.click('#report-street-jingansi');
    const [chooser] = await Promise.all([resident.waitForEvent('filechooser'), resident.click('#report-add-photo')]);
    await chooser.setFiles(photo);
    await resident.locator('#report-photo-0[data-state=done]').waitFor();
    await snap(resident, '03-resident-report-form');
    await resident.click('#report-submit');
    const trackingNumber = (await resident.locator('#report-tracking-number').innerText()).trim();
    expect(trackingNumber).toMatch(/^JA-\d{4}-\d{6}$/);
    await snap(resident, '04-resident-report-submitted');

    // The 静安寺 street officer accepts and resolves it.
    const officer = await (await phoneContext(browser)).newPage();
    await signIn(t, officer, DEMO_ACCOUNTS.jingansi.phone, '05-officer');
    await officer.locator('#officer-queue-entry:visible').waitFor();
    await audit(officer, '05-officer-home');
    await officer.goto(`${t.system.url}/#/officer/queue/index`);
    await officer.reload();
    await officer.locator(`#queue-item-${trackingNumber}`).waitFor();
    await audit(officer, '05-officer-queue');
    await officer.click(`#queue-item-${trackingNumber}`);
    await officer.locator('#complaint-status[data-status=submitted]').waitFor();
    await expect.poll(() => officer.locator('#complaint-complainant').innerText()).toContain('139****0001');
    await snap(officer, '06-officer-complaint');
    await officer.click('#action-accept');
    await officer.click('#action-confirm');
    await officer.locator('#complaint-status[data-status=accepted]').waitFor();
    await officer.click('#action-resolve');
    await officer.fill('#action-note-input textarea', '已现场检查，责令店家清洗油烟净化器并加装二级净化，复查达标。');
    await snap(officer, '07-officer-resolving');
    await officer.click('#action-confirm');
    await officer.locator('#complaint-status[data-status=resolved]').waitFor();
    await snap(officer, '08-officer-resolved');

    // An hour later the resident's access token has expired: the app refreshes it unnoticed,
    // sees the result and rates it.
    t.clock.advanceDays(61 / 24 / 60);
    await resident.goto(`${t.system.url}/#/pages/mine/index`);
    await resident.reload();
    await resident.locator(`#mine-item-${trackingNumber}`).waitFor();
    await audit(resident, '09-resident-mine');
    await resident.click(`#mine-item-${trackingNumber}`);
    await resident.locator('#complaint-status[data-status=resolved]').waitFor();
    await expect.poll(() => resident.locator('#complaint-timeline').innerText()).toContain('复查达标');
    await snap(resident, '09-resident-result');
    await resident.click('#rate-star-5');
    await resident.fill('#rate-comment textarea', '处理很及时，谢谢！');
    await resident.click('#rate-submit');
    await resident.locator('#complaint-status[data-status=closed]').waitFor();
    await snap(resident, '10-resident-rated');
    const refreshes = t.logs.map((line) => JSON.parse(line)).filter((line) => line.route === 'POST /api/auth/refresh' && line.message === 'request served');
    expect(refreshes.length).toBeGreaterThanOrEqual(1);

    // Every change the officer made reached the resident as a notification.
    await resident.goto(`${t.system.url}/#/pages/notifications/index`);
    await resident.reload();
    await expect.poll(() => resident.locator('[id^="notification-"]:visible').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await snap(resident, '11-resident-notifications');
  });

  it('keeps an anonymous reporter hidden from officers, and tells the resident where to go when it is not the bureau’s job', async () => {
    snapOnFailure(browser);
    const phone = '13966660002';
    const resident = await (await phoneContext(browser)).newPage();
    await signIn(t, resident, phone, '21-anonymous');
    await resident.locator('#report-entry:visible').waitFor();
    await audit(resident, '21-anonymous-home');
    await resident.click('#report-entry:visible');
    await resident.click('#report-type-noise');
    await resident.click('#report-subtype-social_life_noise');
    await resident.fill('#report-description textarea', '小区广场舞音响每天晚上开到很晚，声音非常大。');
    await resident.fill('#report-address input', '静安区天目中路 500 弄小区广场');
    await resident.click('#report-street-beizhan');
    await resident.click('#report-anonymous');
    await snap(resident, '22-anonymous-report');
    await resident.click('#report-submit');
    const trackingNumber = (await resident.locator('#report-tracking-number').innerText()).trim();

    const bureau = await (await phoneContext(browser)).newPage();
    await signIn(t, bureau, DEMO_ACCOUNTS.bureau.phone, '23-bureau');
    await bureau.locator('#officer-queue-entry:visible').waitFor();
    await audit(bureau, '23-bureau-home');
    await bureau.goto(`${t.system.url}/#/officer/queue/index`);
    await bureau.reload();
    await bureau.locator(`#queue-item-${trackingNumber}`).waitFor();
    await audit(bureau, '23-bureau-queue');
    await bureau.click(`#queue-item-${trackingNumber}`);
    await bureau.locator('#complaint-status[data-status=submitted]').waitFor();
    const complainant = await bureau.locator('#complaint-complainant').innerText();
    expect(complainant).toContain(zh.complaint.complainantAnonymous);
    expect(complainant).not.toMatch(/\d{4}/);
    await bureau.click('#action-not_our_responsibility');
    await bureau.fill('#action-reason-input textarea', '广场舞噪声属于社会生活噪声，由公安机关和物业管理处置。');
    await bureau.fill('#action-referral-input input', '请拨打 110 或联系小区物业');
    await snap(bureau, '24-bureau-not-our-responsibility');
    await bureau.click('#action-confirm');
    await bureau.locator('#complaint-status[data-status=not_our_responsibility]').waitFor();

    await resident.goto(`${t.system.url}/#/pages/mine/index`);
    await resident.reload();
    await resident.locator(`#mine-item-${trackingNumber}`).waitFor();
    await audit(resident, '25-resident-mine');
    await resident.click(`#mine-item-${trackingNumber}`);
    await resident.locator('#complaint-status[data-status=not_our_responsibility]').waitFor();
    await expect.poll(() => resident.locator('#complaint-timeline').innerText()).toContain('请拨打 110 或联系小区物业');
    await snap(resident, '25-resident-referred');
  });
});
