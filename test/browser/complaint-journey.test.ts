/**
 * The resident journey in the H5 app, in Chromium: a resident signs in and reports with a photo (the
 * street suggested from the phone's position, refused files named with their reason), copies the
 * tracking number, a street officer accepts and resolves with a note, the resident sees the result
 * and rates it; an unsatisfied resident is asked once whether to reopen, and a low rating given
 * anyway reaches the bureau for follow-up.
 * Screenshots of every step land in test-artifacts/browser/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import { PNG_BYTES } from '../support/fixtures';
import { audit, phoneContext, signIn, snap, snapOnFailure, startH5System, stopH5System } from '../support/browser';
import { zh } from '../../miniapp/src/i18n/zh-CN';
import { UPLOAD_LIMIT_BYTES } from '@green-shield/shared/api/limits';

const RESIDENT = '13966660001';

let t: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ t, browser } = await startH5System());
});
afterAll(() => stopH5System(t, browser));

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
    // The phone is on 愚园路: its street is suggested, and says so.
    await expect.poll(() => resident.locator('#report-street-jingansi').getAttribute('class')).toContain('chip-select__chip--selected');
    expect(await resident.locator('#report-street-hint').innerText()).toBe(zh.location.streetSuggested.nearest_centre);
    await resident.click('#report-type-air');
    await resident.click('#report-subtype-cooking_fumes');
    await resident.fill('#report-description textarea', '楼下餐馆油烟直排，晚上七点到十点最严重，窗户都不敢开。');
    await resident.click('#report-occurrence-nights');
    await resident.fill('#report-address input', '静安区愚园路 188 弄 3 号楼下');
    // Files that are not photos, or too big, are refused, each with its reason: no silent drop.
    const [wrongChooser] = await Promise.all([resident.waitForEvent('filechooser'), resident.click('#report-add-photo')]);
    await wrongChooser.setFiles([
      { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') },
      { name: '油烟.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('a text file named like a photo') },
      { name: '超大.png', mimeType: 'image/png', buffer: Buffer.alloc(UPLOAD_LIMIT_BYTES + 1) },
    ]);
    const refused = resident.locator('#report-photo-refused');
    await expect.poll(() => refused.innerText()).toContain('「说明.txt」不是可以上传的图片格式');
    expect(await refused.innerText()).toContain('「油烟.jpg」无法打开');
    expect(await refused.innerText()).toContain('「超大.png」超过 10 MB');
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(await resident.locator('[id^="report-photo-"][data-state]').count()).toBe(0);
    await snap(resident, '02b-resident-refused-files');
    const [chooser] = await Promise.all([resident.waitForEvent('filechooser'), resident.click('#report-add-photo')]);
    await chooser.setFiles(photo);
    await resident.locator('#report-photo-0[data-state=done]').waitFor();
    expect(await refused.count()).toBe(0);
    await snap(resident, '03-resident-report-form');
    await resident.click('#report-submit');
    const trackingNumber = (await resident.locator('#report-tracking-number').innerText()).trim();
    expect(trackingNumber).toMatch(/^JA-\d{4}-\d{6}$/);
    // The number is one tap to copy, and the button says it was copied.
    await resident.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await resident.click('#report-copy-number');
    await expect.poll(() => resident.locator('#report-copy-number [data-copied]').innerText()).toBe(zh.complaint.copied);
    expect(await resident.evaluate(() => navigator.clipboard.readText())).toBe(trackingNumber);
    await snap(resident, '04-resident-report-submitted');

    // The 静安寺 street officer accepts and resolves it.
    const officer = await (await phoneContext(browser)).newPage();
    await signIn(t, officer, DEMO_ACCOUNTS.jingansi.phone, '05-officer');
    await officer.locator('#officer-queue-entry:visible').waitFor();
    // The home counts what is overdue; the queue opens most urgent first, each card with its deadline.
    await expect.poll(() => officer.locator('#officer-overdue-count').innerText()).toMatch(/件已超期|暂无超期件/);
    await audit(officer, '05-officer-home');
    await officer.goto(`${t.system.url}/#/officer/queue/index`);
    await officer.reload();
    expect(await officer.locator('#queue-order-urgency').getAttribute('class')).toContain('chip-select__chip--selected');
    await expect.poll(() => officer.locator(`#queue-item-${trackingNumber}-due`).innerText()).toMatch(/^受理期限 \d{4}-\d{2}-\d{2}$/);
    const dues = await officer.locator('[id^="queue-item-"][id$="-due"]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-due') ?? ''));
    expect(dues).toEqual([...dues].sort());
    // Found by its tracking number, typed as a person might.
    await officer.fill('#queue-search input', trackingNumber.toLowerCase());
    await officer.click('#queue-search-submit');
    await expect.poll(() => officer.locator('[id^="queue-item-"][id$="-due"]').count()).toBe(1);
    await snap(officer, '05-officer-queue-search');
    await officer.fill('#queue-search input', 'JA-1999-000000');
    await officer.click('#queue-search-submit');
    await officer.locator('#queue-search-empty:visible').waitFor();
    await officer.click('#queue-search-clear');
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
    // The suggested street (the phone's) is not where the problem is: the resident picks another.
    await resident.locator('#report-street-hint').waitFor();
    await resident.click('#report-street-beizhan');
    expect(await resident.locator('#report-street-jingansi').getAttribute('class')).not.toContain('chip-select__chip--selected');
    expect(await resident.locator('#report-street-hint').count()).toBe(0);
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

  it('asks an unsatisfied resident once whether to reopen, and flags a rating given anyway for the officers’ follow-up', async () => {
    snapOnFailure(browser);
    // Sign-in codes are not resent within a minute: step past the earlier tests' sign-ins.
    t.clock.advanceDays(2 / 24 / 60);
    const phone = '13966660003';
    const street = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
    const resident = await (await phoneContext(browser)).newPage();
    await signIn(t, resident, phone, '31-unsatisfied');
    await resident.locator('#report-entry:visible').waitFor();
    await audit(resident, '31-unsatisfied-home');

    // The hotlines on the account page are links that dial them.
    await resident.goto(`${t.system.url}/#/pages/account/index`);
    await resident.reload();
    expect(await resident.locator('#account-hotline-12369').getAttribute('href')).toBe('tel:12369');
    expect(await resident.locator('#account-hotline-12345').getAttribute('href')).toBe('tel:12345');
    await snap(resident, '31-account-hotlines');

    // A report (its street suggested from the phone's position), answered by the street.
    await resident.goto(`${t.system.url}/#/pages/report/index`);
    await resident.reload();
    await resident.click('#report-type-air');
    await resident.click('#report-subtype-odour');
    await resident.fill('#report-description textarea', '垃圾房异味很重，夏天傍晚尤其明显。');
    await resident.fill('#report-address input', '静安区愚园路 100 号');
    await audit(resident, '31-unsatisfied-report');
    await resident.click('#report-submit');
    const trackingNumber = (await resident.locator('#report-tracking-number').innerText()).trim();
    const { items } = await street.call('GET', '/api/queue').expect(200);
    const complaint = items.find((item: { trackingNumber: string }) => item.trackingNumber === trackingNumber);
    const act = (body: Record<string, unknown>) => street.call('POST', `/api/complaints/${complaint.id}/transitions`, body).expect(200);
    await act({ action: 'accept', expectedVersion: 1 });
    await act({ action: 'resolve', expectedVersion: 2, note: '已督促物业每日清运并消毒。' });

    // Two stars: asked once whether to reopen instead; the resident reopens, with a reason.
    const detailUrl = `${t.system.url}/#/pages/complaint/index?id=${complaint.id}`;
    await resident.goto(detailUrl);
    await resident.reload();
    await resident.locator('#complaint-status[data-status=resolved]').waitFor();
    expect(await resident.locator('#complaint-status').innerText()).toBe(zh.status.resolved);
    await resident.click('#rate-star-2');
    await resident.click('#rate-submit');
    await expect.poll(() => resident.locator('.taro-modal__content:visible').innerText()).toContain(zh.feedback.unsatisfiedContent);
    await snap(resident, '32-unsatisfied-asked');
    await resident.click('.taro-model__confirm:visible');
    await expect.poll(() => resident.locator('#reopen-hint').innerText()).toBe(zh.feedback.reopenInstead);
    expect(await resident.locator('#complaint-status').getAttribute('data-status')).toBe('resolved');
    await resident.fill('#reopen-reason textarea', '异味还在，物业只清运了一次。');
    await resident.click('#reopen-submit');
    await resident.locator('#complaint-status[data-status=reopened]').waitFor();

    // Answered again, one star: a complaint is reopened once only, so nothing is asked and the rating is given.
    await act({ action: 'accept', expectedVersion: 4 });
    await act({ action: 'resolve', expectedVersion: 5, note: '已约谈物业，改为每日两次清运。' });
    await resident.reload();
    await resident.locator('#complaint-status[data-status=resolved]').waitFor();
    expect(await resident.locator('#reopen-form').count()).toBe(0);
    await resident.click('#rate-star-1');
    await resident.click('#rate-submit');
    await resident.locator('#complaint-status[data-status=closed]').waitFor();
    expect(await resident.locator('.taro-modal__content:visible').count()).toBe(0);
    expect(await resident.locator('#complaint-status').innerText()).toBe(zh.status.closed);
    // The resident's page shows their rating, not the officers' flag.
    expect(await resident.locator('#complaint-unsatisfied').count()).toBe(0);
    await snap(resident, '33-unsatisfied-rated');

    // The bureau sees the flag on the queue card and the detail, and follows it up.
    const bureau = await (await phoneContext(browser)).newPage();
    await signIn(t, bureau, DEMO_ACCOUNTS.bureau.phone, '34-bureau');
    await bureau.locator('#officer-queue-entry:visible').waitFor();
    await audit(bureau, '34-bureau-home');
    await bureau.goto(`${t.system.url}/#/officer/queue/index`);
    await bureau.reload();
    // A closed complaint owes no deadline, so the most-urgent order leaves it out: newest first shows it.
    await bureau.click('#queue-order-newest');
    await bureau.locator(`#queue-item-${trackingNumber} [data-unsatisfied]`).waitFor();
    await snap(bureau, '35-bureau-queue-unsatisfied');
    await bureau.click(`#queue-item-${trackingNumber}`);
    await expect.poll(() => bureau.locator('#complaint-unsatisfied').innerText()).toBe(zh.complaint.unsatisfiedPending(1));
    await bureau.click('#action-follow_up');
    await bureau.fill('#action-note-input textarea', '已电话回访，物业承诺加装除臭设备，一周后复查。');
    await audit(bureau, '35-bureau-following-up');
    await bureau.click('#action-confirm');
    await expect.poll(() => bureau.locator('#complaint-unsatisfied').innerText()).toContain(`${DEMO_ACCOUNTS.bureau.name} 已于`);
    expect(await bureau.locator('#action-follow_up').count()).toBe(0);
    await snap(bureau, '36-bureau-followed-up');

    // The resident sees the follow-up in the timeline.
    await resident.reload();
    await expect.poll(() => resident.locator('#complaint-timeline').innerText()).toContain('物业承诺加装除臭设备');
    expect(await resident.locator('#complaint-timeline').innerText()).toContain(zh.eventAction.follow_up);
  });
});
