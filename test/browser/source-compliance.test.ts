/**
 * The pollution-source journey in the H5 app, in Chromium, on the demo data: the operator of
 * 老弄堂面馆 (yellow, two failed items) sends rectification evidence, the 静安寺 street officer
 * finds the shop in the registry and accepts it, the operator's level improves, and a resident
 * who scans the shop's eco-code sees its public profile (no phone numbers) and reports it with
 * the form pre-filled. Then an officer's tools: inspection form, timeline, poster download and
 * linking a complaint to the source. Screenshots land in test-artifacts/browser/ (prefix `src-`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { OperatorSourceViewT } from '@green-shield/shared/api/source-schemas';
import { type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import { seedDemoSources } from '../../scripts/local/seed';
import { PNG_BYTES, submitComplaint } from '../support/fixtures';
import { checklistFor, CURRENT_CHECKLISTS } from '@green-shield/shared/sources/checklists';
import { CURRENT_CREDIT_RULES } from '@green-shield/shared/sources/credit-rules';
import { CURRENT_RECTIFICATION_RULES } from '@green-shield/shared/sources/rectification-rules';
import { CURRENT_CATERING_RULES } from '@green-shield/shared/sources/kinds';
import { MIN_LENGTH } from '@green-shield/shared/api/limits';
import { zh } from '../../miniapp/src/i18n/zh-CN';
import { audit, completeSignIn, phoneContext, searchSourceByName, signIn, snap, snapOnFailure, startH5System, stopH5System } from '../support/browser';

const OPERATOR = DEMO_ACCOUNTS.operator.phone; // 13900000002, runs 老弄堂面馆
const RESIDENT = DEMO_ACCOUNTS.resident.phone; // 13900000001
/** Any mainland mobile number, whole or masked (139****0002): none may appear on the public profile. */
const PHONE_NUMBER = /1[3-9]\d{9}|1[3-9]\d\*{4}\d{4}/;

let t: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ t, browser } = await startH5System((system) => seedDemoSources(system.system)));
});
afterAll(() => stopH5System(t, browser));

/** The rectification card of a checklist item on the page in front (operator's or officer's). */
const rectificationOf = (page: Page, itemId: string) => page.locator(`[id^="rectification-"][data-item="${itemId}"]:visible`);

describe('the source compliance journey in the H5 app', () => {
  it('runs from an operator’s evidence to an officer’s acceptance, a better level, and a resident’s pre-filled report', async () => {
    snapOnFailure(browser, 'src-');
    const photo = join(mkdtempSync(join(tmpdir(), 'gs-evidence-')), 'purifier.png');
    writeFileSync(photo, PNG_BYTES);

    // 1. The operator's home leads with what the business must put right, and by when.
    const operator = await (await phoneContext(browser)).newPage();
    await signIn(t, operator, OPERATOR, 'src-01-operator');
    const todo = operator.locator('#home-business-todo:visible');
    // Signing in, the home page's code and its three requests in a row: allow a loaded machine some time.
    await expect.poll(() => todo.locator('[id^="home-todo-"][data-status=open]').count(), { timeout: 5_000 }).toBe(2);
    expect(await todo.innerText()).toMatch(/老弄堂面馆：油烟净化设施正常运行[\s\S]*整改期限：\d{4}-\d{2}-\d{2}/);
    // Reporting comes after their own work.
    const [todoTop, reportTop] = await Promise.all([todo.boundingBox(), operator.locator('#report-entry:visible').boundingBox()]);
    expect(todoTop!.y).toBeLessThan(reportTop!.y);
    await operator.locator('#home-business-entry:visible').waitFor();
    await snap(operator, 'src-02-operator-home');
    // 2. It opens the business: 环保警示 (yellow), why, and how many points lead back to 环保良好.
    await operator.click('#home-business-entry:visible');
    const business = operator.locator('[id^="business-item-"]:visible', { hasText: '老弄堂面馆' });
    await business.waitFor();
    await audit(operator, 'src-02-operator-businesses');
    // The page's own request for the business (GET /api/my/sources/{id}) also carries its eco-code.
    const [businessResponse] = await Promise.all([
      operator.waitForResponse((response) => /\/api\/my\/sources\/[0-9A-Z]{26}$/.test(new URL(response.url()).pathname) && response.status() === 200),
      business.click(),
    ]);
    const { source } = (await businessResponse.json()) as OperatorSourceViewT;
    expect(source.name).toBe('老弄堂面馆');

    const level = operator.locator('#source-level:visible');
    await expect.poll(() => level.getAttribute('data-level')).toBe('yellow');
    expect(await level.innerText()).toContain('警示');
    const explanation = operator.locator('#source-explanation:visible');
    await expect.poll(() => explanation.innerText()).toContain('检查不合格：油烟净化设施正常运行');
    expect(await explanation.innerText()).toContain('清洗维护记录');
    expect(await operator.locator('#source-next-level:visible').innerText()).toMatch(/^再提高 5 分可升为“环保良好”/);
    await snap(operator, 'src-03-operator-yellow');

    // It opens the form for 「油烟净化设施正常运行」 (one form at a time) and sends a photo and a note.
    const running = rectificationOf(operator, 'purifier_running');
    expect(await running.getAttribute('data-status')).toBe('open');
    const rectificationId = (await running.getAttribute('id'))!.replace('rectification-', '');
    expect(await operator.locator('[id^="evidence-form-"]').count()).toBe(0);
    const cleaningId = (await rectificationOf(operator, 'cleaning_record').getAttribute('id'))!.replace('rectification-', '');
    await operator.click(`#evidence-open-${cleaningId}`);
    await operator.locator(`#evidence-form-${cleaningId}:visible`).waitFor();
    await operator.click(`#evidence-open-${rectificationId}`);
    await operator.locator(`#evidence-form-${rectificationId}:visible`).waitFor();
    expect(await operator.locator('[id^="evidence-form-"]').count()).toBe(1);
    // A document instead of a photo is refused with its reason; the photo is taken.
    const [wrongChooser] = await Promise.all([operator.waitForEvent('filechooser'), operator.click(`#evidence-${rectificationId}-add-photo`)]);
    await wrongChooser.setFiles({
      name: '清洗记录.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('PK'),
    });
    await expect.poll(() => operator.locator(`#evidence-${rectificationId}-photo-refused`).innerText()).toContain('「清洗记录.docx」不是可以上传的图片格式');
    expect(await operator.locator(`#evidence-${rectificationId}-photo-0`).count()).toBe(0);
    await audit(operator, 'src-04-operator-evidence-refused');
    const [chooser] = await Promise.all([operator.waitForEvent('filechooser'), operator.click(`#evidence-${rectificationId}-add-photo`)]);
    await chooser.setFiles(photo);
    await operator.locator(`#evidence-${rectificationId}-photo-0[data-state=done]`).waitFor();
    expect(await operator.locator(`#evidence-${rectificationId}-photo-refused`).count()).toBe(0);
    await operator.fill(`#evidence-note-${rectificationId} textarea`, '已维修风机并恢复油烟净化器正常运行，附运行照片。');
    await snap(operator, 'src-04-operator-evidence');
    await operator.click(`#evidence-submit-${rectificationId}`);
    await operator.locator(`#rectification-${rectificationId}[data-status=submitted]`).waitFor();
    await snap(operator, 'src-05-operator-submitted');
    // Their own eco-code poster, to print.
    await operator.click('#business-poster');
    await operator.locator('#poster-image:visible').waitFor();
    await snap(operator, 'src-05b-operator-poster');
    await operator.goBack();
    await operator.locator(`#rectification-${rectificationId}:visible`).waitFor();

    // 3. The 静安寺 street officer's home counts the evidence awaiting a decision; the list leads to the shop.
    const officer = await (await phoneContext(browser)).newPage();
    await signIn(t, officer, DEMO_ACCOUNTS.jingansi.phone, 'src-06-officer');
    await expect.poll(() => officer.locator('#officer-decisions-count:visible').innerText()).toBe('1 家商户提交了整改材料');
    await audit(officer, 'src-06-officer-home');
    await officer.click('#officer-decisions-entry:visible');
    const awaiting = officer.locator(`#decisions-item-${source.id}:visible`);
    expect(await awaiting.locator('[data-awaiting]').innerText()).toBe('1 项整改材料待审核');
    // With when the decision is due (the evidence just came in: not overdue).
    expect(await awaiting.locator('[data-decision-overdue]').getAttribute('data-decision-overdue')).toBe('false');
    expect(await awaiting.locator('[data-decision-overdue]').innerText()).toMatch(/^请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前审核$/);
    await snap(officer, 'src-06b-officer-decisions');
    await officer.goBack();
    // The registry's card says why its level is what it is.
    await officer.click('#officer-sources-entry:visible');
    const found = await searchSourceByName(officer, '老弄堂');
    expect(await found.getAttribute('id')).toBe(`sources-item-${source.id}`);
    expect(await found.locator('[data-basis=score]').innerText()).toBe('信用分 60–79 分评为“环保警示”');
    await snap(officer, 'src-07-officer-search');
    await found.click();
    const pending = officer.locator(`#rectification-${rectificationId}[data-status=submitted]`);
    await pending.waitFor();
    await expect.poll(() => pending.locator('[id^="evidence-item-"]').getAttribute('data-decision')).toBe('pending');
    await snap(officer, 'src-08-officer-evidence');
    // Rejecting would give a new deadline: the item's 7 days by default; other than whole days up to the cap is refused before sending.
    await officer.click(`#decide-reject-${rectificationId}`);
    expect(await officer.inputValue(`#decide-days-${rectificationId} input`)).toBe('7');
    await officer.fill(`#decide-reason-${rectificationId} textarea`, '照片看不清设备运行状态');
    await officer.fill(`#decide-days-${rectificationId} input`, '0');
    await officer.click(`#decide-confirm-reject-${rectificationId}`);
    await expect
      .poll(() => officer.locator(`#decide-days-${rectificationId}-error`).innerText())
      .toBe(zh.sourceOfficer.rejectDaysInvalid(CURRENT_RECTIFICATION_RULES.maxResubmitDays));
    await snap(officer, 'src-08b-officer-reject-days');
    expect(await pending.getAttribute('data-status')).toBe('submitted');
    await officer.click(`#decide-reject-${rectificationId}`);
    await officer.click(`#decide-accept-${rectificationId}`);
    await officer.locator('.taro-model__confirm:visible').waitFor();
    await audit(officer, 'src-08-officer-confirm-accept');
    await officer.click('.taro-model__confirm:visible');
    await officer.locator(`#rectification-${rectificationId}[data-status=closed]`).waitFor();
    await expect.poll(() => officer.locator('#source-level:visible').getAttribute('data-level')).toBe('blue');
    await snap(officer, 'src-09-officer-accepted');

    // 4. The operator's page shows the better level, the item rectified and the evidence accepted.
    await operator.reload();
    await expect.poll(() => operator.locator('#source-level:visible').getAttribute('data-level')).toBe('blue');
    expect(await operator.locator('#source-level:visible').innerText()).toContain('良好');
    await expect.poll(() => operator.locator('#source-explanation:visible').innerText()).toContain('已整改：油烟净化设施正常运行');
    expect(await operator.locator(`#rectification-${rectificationId} [id^="evidence-item-"]`).getAttribute('data-decision')).toBe('accepted');
    await snap(operator, 'src-10-operator-blue');

    // 5. A resident scans the eco-code (signed out): the public profile, with no phone number.
    const resident = await (await phoneContext(browser)).newPage();
    await resident.goto(`${t.system.url}/e/${source.ecoCode}`);
    await resident.locator('#eco-profile:visible').waitFor();
    expect(await resident.locator('#source-name:visible').innerText()).toBe('老弄堂面馆');
    expect(await resident.locator('#source-level:visible').getAttribute('data-level')).toBe('blue');
    expect(await resident.locator('body').innerText()).not.toMatch(PHONE_NUMBER);
    // What the levels mean, from the table the score was computed under, named by its title, not its identifier.
    const guide = resident.locator('#level-guide:visible');
    expect(await guide.innerText()).toContain(`${CURRENT_CREDIT_RULES.levels[0].minScore} 分及以上`);
    expect(await resident.locator('#level-guide-blue').getAttribute('data-current')).toBe('true');
    expect(await resident.locator('#level-guide-blue').innerText()).toContain(zh.credit.levelMeaning.blue);
    expect(await resident.locator('#level-guide-red').getAttribute('data-current')).toBe('false');
    expect(await guide.innerText()).toContain(CURRENT_CREDIT_RULES.title);
    expect(await resident.locator('body').innerText()).not.toContain(CURRENT_CREDIT_RULES.version);
    expect(await resident.locator('body').innerText()).toContain(zh.sources.openRectifications);
    await snap(resident, 'src-11-resident-profile');

    // The officer's view of the restaurant names its rules by title, too.
    expect(await officer.locator('#source-restaurant:visible').innerText()).toContain(CURRENT_CATERING_RULES.title);
    expect(await officer.locator('body').innerText()).not.toContain(CURRENT_CATERING_RULES.version);

    // Reporting the shop asks them to sign in, then opens the report form about it.
    await resident.click('#eco-report:visible');
    await resident.locator('#login-phone:visible').waitFor();
    await completeSignIn(t, resident, RESIDENT, 'src-12-resident');
    await resident.locator('#report-submit:visible').waitFor();
    await expect.poll(() => resident.inputValue('#report-address input')).toBe(source.address);
    expect(await resident.inputValue('#report-description textarea')).toContain('老弄堂面馆');
    expect(await resident.locator('#report-subtype-cooking_fumes').getAttribute('class')).toContain('chip-select__chip--selected');
    expect(await resident.locator('#report-street-jingansi').getAttribute('class')).toContain('chip-select__chip--selected');
    expect(await resident.locator('#report-location-status').getAttribute('data-status')).toBe('source');
    await snap(resident, 'src-13-resident-report-prefilled');

    // The shop's name is not a description: the resident must add their own words.
    const prefilled = await resident.inputValue('#report-description textarea');
    await resident.click('#report-submit');
    await expect.poll(() => resident.locator('#report-description-error').innerText()).toBe(zh.report.ownWordsTooShort(MIN_LENGTH.description));
    await resident.fill('#report-description textarea', `${prefilled}好的`);
    await expect.poll(() => resident.locator('#report-description-error').innerText()).toBe(zh.report.ownWordsTooShort(MIN_LENGTH.description));
    await resident.fill('#report-description textarea', `${prefilled}厨房油烟直排，傍晚最严重`);
    await resident.click('#report-submit');
    await resident.locator('#report-tracking-number').waitFor();
    await snap(resident, 'src-14-resident-reported-shop');
  });

  it('lets an officer inspect a source, read its timeline, download its poster and link a complaint about it', async () => {
    snapOnFailure(browser, 'src-');
    // A sign-in code is not resent within a minute: step past the first test's sign-ins.
    t.clock.advanceDays(2 / 24 / 60);
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
    const { items } = await bureau.call('GET', `/api/sources?name=${encodeURIComponent('老弄堂')}`).expect(200);
    const { source } = await bureau.call('GET', `/api/sources/${items[0].id}`).expect(200);
    // A neighbour reports fumes at the shop's door.
    const neighbour = await t.signIn('13966660011');
    const { complaint } = await submitComplaint(neighbour, {
      description: '老弄堂面馆厨房油烟直排，傍晚最严重。',
      location: { lat: source.location.lat, lng: source.location.lng, coordSystem: 'WGS-84', address: source.address },
    });
    const photo = join(mkdtempSync(join(tmpdir(), 'gs-inspection-')), 'site.png');
    writeFileSync(photo, PNG_BYTES);

    // The street officer inspects: everything passes but the odour, which gets a rectification order.
    const officer = await (await phoneContext(browser)).newPage();
    await signIn(t, officer, DEMO_ACCOUNTS.jingansi.phone, 'src-30-officer');
    await officer.locator('#officer-sources-entry:visible').waitFor();
    await audit(officer, 'src-30-officer-home');
    await officer.goto(`${t.system.url}/#/sources/detail/index?id=${source.id}`);
    await officer.reload();
    await officer.click('#source-inspect:visible');
    for (const item of checklistFor('restaurant')) await officer.click(`#inspect-${item.id}-${item.id === 'odour' ? 'fail' : 'pass'}`);
    expect(await officer.inputValue('#inspect-odour-days input')).toBe('15');
    expect(await officer.locator('body').innerText()).toContain(CURRENT_CHECKLISTS.title);
    expect(await officer.locator('body').innerText()).not.toContain(CURRENT_CHECKLISTS.version);
    await officer.fill('#inspect-odour-note input', '厨房排风口异味明显');
    const [chooser] = await Promise.all([officer.waitForEvent('filechooser'), officer.click('#inspect-add-photo')]);
    await chooser.setFiles(photo);
    await officer.locator('#inspect-photo-0[data-state=done]').waitFor();
    await snap(officer, 'src-31-officer-inspection');
    await officer.click('#inspect-submit');
    await rectificationOf(officer, 'odour').waitFor();
    expect(await rectificationOf(officer, 'odour').getAttribute('data-status')).toBe('open');
    // The cleaning record, still open from the demo inspection, passed on site: closed as verified (复查销项).
    const cleaning = rectificationOf(officer, 'cleaning_record');
    expect(await cleaning.getAttribute('data-status')).toBe('closed');
    expect(await cleaning.getAttribute('data-closed-how')).toBe('verified_on_site');
    expect(await cleaning.locator('[id^="rectification-closure-"]').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} 现场复查合格，已销项$/);
    await snap(officer, 'src-32-officer-inspected');

    // The timeline has the inspection, in Chinese, newest first.
    await officer.click('#source-timeline-link:visible');
    const timeline = officer.locator('#source-timeline:visible');
    await expect.poll(() => timeline.innerText()).toContain('无明显异味扰民：不合格（厨房排风口异味明显）');
    expect(await timeline.locator('[data-type=inspection]').count()).toBe(2);
    expect(await timeline.locator('[data-type=rectification_verified]').innerText()).toContain('整改事项：清洗维护记录在清洗周期内');
    expect(await timeline.locator('[data-type=rectification_verified]').innerText()).toContain(DEMO_ACCOUNTS.jingansi.name);
    await snap(officer, 'src-33-officer-timeline');

    // The poster: shown, and downloaded as a PNG at twice its A5 size.
    await officer.goto(`${t.system.url}/#/sources/poster/index?id=${source.id}`);
    await officer.reload();
    await officer.locator('#poster-image:visible').waitFor();
    // A browser draws an SVG image only if it is well-formed XML (so does a print shop's software).
    await expect
      .poll(() => officer.locator('#poster-image img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        message: 'the poster SVG renders as an image',
      })
      .toBeGreaterThan(0);
    await snap(officer, 'src-34-officer-poster');
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.click('#poster-download-png')]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(Math.round(((148 * 96) / 25.4) * 2)); // width: 148 mm at 96 dpi, 2×

    // On the complaint, once handled, the shop is proposed as its source and linked as substantiated.
    const act = (body: Record<string, unknown>) => bureau.call('POST', `/api/complaints/${complaint.id}/transitions`, body).expect(200);
    await act({ action: 'accept', expectedVersion: 1 });
    await act({ action: 'resolve', expectedVersion: 2, note: '现场核实油烟直排，已责令整改' });
    await officer.goto(`${t.system.url}/#/officer/handle/index?id=${complaint.id}`);
    await officer.reload();
    await officer.locator(`#source-match-${source.id}:visible`).waitFor();
    await snap(officer, 'src-35-officer-matches');
    await officer.click(`#source-match-${source.id}-substantiated`);
    await officer.locator(`#source-match-${source.id}-linked:visible`).waitFor();
    await snap(officer, 'src-36-officer-linked');

    // The shop's operator leaves: the officer unlinks their account, after a confirmation.
    const [operator] = (await bureau.call('GET', `/api/sources/${source.id}`).expect(200)).operators;
    await officer.goto(`${t.system.url}/#/sources/detail/index?id=${source.id}`);
    await officer.reload();
    await officer.click(`#source-operator-unlink-${operator.userId}:visible`);
    await officer.click('.taro-model__confirm:visible');
    await officer.locator(`#source-operator-${operator.userId}`).waitFor({ state: 'detached' });
    expect((await bureau.call('GET', `/api/sources/${source.id}`).expect(200)).operators).toEqual([]);
    await snap(officer, 'src-37-officer-unlinked');
  });

  it('warns loudly about an altered eco-code', async () => {
    snapOnFailure(browser, 'src-');
    const page = await (await phoneContext(browser)).newPage();
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
    const { items } = await bureau.call('GET', `/api/sources?name=${encodeURIComponent('老弄堂')}`).expect(200);
    const { source } = await bureau.call('GET', `/api/sources/${items[0].id}`).expect(200);
    // Same source, another signature: what a copied-and-edited QR code would hold.
    const [sourceId, signature] = (source.ecoCode as string).split('-');
    const forged = `${sourceId}-${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await page.goto(`${t.system.url}/e/${forged}`);
    await page.locator('#eco-forged:visible').waitFor();
    expect(await page.locator('#eco-forged').innerText()).toContain('此环保码无效或已被篡改，请勿信任');
    // The hotline to tell is a link that dials it.
    expect(await page.locator('#eco-forged-hotline').getAttribute('href')).toBe(`tel:${zh.hotlines.environment.number}`);
    expect(await page.locator('#eco-report').count()).toBe(0);
    await snap(page, 'src-20-forged-code');
  });
});
