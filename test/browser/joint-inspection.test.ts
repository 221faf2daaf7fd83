/**
 * A joint inspection (街镇发起联合检查) in the H5 app, in Chromium, on the demo data: the 静安寺
 * street officer asks the bureau to inspect 老弄堂面馆 with a photo; the bureau accepts and
 * schedules, inspects the shop through the registry's form (a failed item opens a rectification)
 * and records the result with a penalty; the street confirms it; the shop's timeline shows the request. Every page
 * it opens is audited. Screenshots land in test-artifacts/browser/ (prefix `joint-`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checklistFor } from '@green-shield/shared/sources/checklists';
import { startTestSystem, type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import { seedDemoSources } from '../../scripts/local/seed';
import { PNG_BYTES } from '../support/fixtures';
import { audit, launchBrowser, phoneContext, signIn, snap, snapOnFailure } from '../support/browser';

const H5 = resolve(import.meta.dirname, '../../miniapp/dist');
const SHOP = '老弄堂面馆';

let t: TestSystem;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(H5, 'index.html'))) throw new Error('No H5 build: run `npm run build:h5` (npm test does)');
  t = await startTestSystem({ staticDir: H5 });
  await seedDemoSources(t.system);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const statusOf = (page: Page) => page.locator('#joint-status:visible').getAttribute('data-status');

/** Chooses a step on the request's page, lets `fill` complete its form, and sends it. */
async function takeStep(page: Page, step: string, fill: () => Promise<void> = async () => undefined): Promise<void> {
  await page.click(`#joint-action-${step}`);
  await fill();
  await page.click('#joint-step-submit');
}

describe('a joint inspection in the H5 app', () => {
  it('runs from a street’s request with a photo to the bureau’s inspection and result, the street’s confirmation and the source’s timeline', async () => {
    snapOnFailure(browser, 'joint-');
    const photo = join(mkdtempSync(join(tmpdir(), 'gs-joint-')), 'fumes.png');
    writeFileSync(photo, PNG_BYTES);

    // 1. The street officer opens 联合检查 from the home page and asks for one about the shop.
    const street = await (await phoneContext(browser)).newPage();
    await signIn(t, street, DEMO_ACCOUNTS.jingansi.phone, 'joint-01-street');
    await street.locator('#officer-joint-entry:visible').waitFor();
    await audit(street, 'joint-01-street-home');
    await street.click('#officer-joint-entry:visible');
    await street.locator('#joint-empty:visible').waitFor();
    await snap(street, 'joint-02-street-list-empty');
    await street.click('#joint-raise-entry:visible');
    await street.locator('#joint-raise-submit:visible').waitFor();
    // Sending without a source or an area is refused with the reason beside the sources.
    await street.click('#joint-raise-submit');
    await expect.poll(() => street.locator('#joint-sources-error:visible').innerText()).toBe('请至少选择一个污染源或填写检查区域');
    await audit(street, 'joint-03-street-form-refused');

    // The registry's search finds the shop (its projection follows writes a moment later).
    await street.fill('#joint-source-name input', '老弄堂');
    const found = street.locator('[id^="joint-source-found-"]:visible', { hasText: SHOP });
    await expect
      .poll(
        async () => {
          await street.click('#joint-source-search');
          return found.count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);
    const sourceId = (await found.getAttribute('id'))!.replace('joint-source-found-', '');
    await found.click();
    await street.locator(`#joint-source-${sourceId}:visible`).waitFor();
    expect(await found.count()).toBe(0);
    await street.fill('#joint-reason textarea', '该店油烟直排，街道多次劝导无效，居民反映强烈，请区生态环境局联合执法检查。');
    await street.click('#joint-urgency-urgent');
    const [chooser] = await Promise.all([street.waitForEvent('filechooser'), street.click('#joint-add-photo')]);
    await chooser.setFiles(photo);
    await street.locator('#joint-photo-0[data-state=done]').waitFor();
    await snap(street, 'joint-04-street-form');
    await street.click('#joint-raise-submit');

    // 2. The request's page: awaiting the bureau, with the photo and when it must be acknowledged.
    await expect.poll(() => statusOf(street)).toBe('submitted');
    const reference = await street.locator('#joint-reference:visible').innerText();
    expect(reference).toMatch(/^JA-/);
    expect(await street.locator('#joint-due-acknowledge').getAttribute('class')).not.toContain('alert');
    expect(await street.locator('#joint-summary img').count()).toBe(1);
    expect(await street.locator('#joint-timeline [data-type=raise]').innerText()).toContain(DEMO_ACCOUNTS.jingansi.name);
    // The street owes nothing now but may withdraw it or comment.
    expect(await street.locator('[id^="joint-action-"]').evaluateAll((chips) => chips.map((chip) => chip.id))).toEqual(['joint-action-withdraw']);
    await street.fill('#joint-comment textarea', '商户营业时间为 10:00–22:00。');
    await street.click('#joint-comment-send');
    await street.locator('#joint-timeline [data-type=comment]').waitFor();
    await snap(street, 'joint-05-street-request');

    // 3. The bureau's list: what it owes, by due date; the request is there, marked urgent.
    const bureau = await (await phoneContext(browser)).newPage();
    await signIn(t, bureau, DEMO_ACCOUNTS.bureau.phone, 'joint-06-bureau');
    await bureau.locator('#officer-joint-entry:visible').waitFor();
    await audit(bureau, 'joint-06-bureau-home');
    await bureau.click('#officer-joint-entry:visible');
    const item = bureau.locator(`#joint-item-${reference}:visible`);
    await item.waitFor();
    expect(await bureau.locator('#joint-scope-mine').getAttribute('aria-checked')).toBe('true');
    expect(await item.getAttribute('data-overdue')).toBe('false');
    expect(await bureau.locator(`#joint-item-${reference}-due`).innerText()).toMatch(/^受理期限：\d{4}-\d{2}-\d{2}$/);
    await snap(bureau, 'joint-07-bureau-list');
    await item.click();
    await expect.poll(() => statusOf(bureau)).toBe('submitted');

    // It accepts and schedules in one go: tomorrow, two people.
    await takeStep(bureau, 'accept', async () => {
      expect(await bureau.locator('#joint-accept-schedule').getAttribute('aria-checked')).toBe('true');
      expect(await bureau.inputValue('#joint-schedule-date input')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await bureau.fill('#joint-schedule-people input', '王敏 陈刚');
      await snap(bureau, 'joint-08-bureau-accept');
    });
    await expect.poll(() => statusOf(bureau)).toBe('scheduled');
    expect(await bureau.locator('#joint-schedule').innerText()).toContain('参加人员：王敏、陈刚');
    // The shop is still to be inspected.
    expect(await bureau.locator(`#joint-source-${sourceId}`).getAttribute('data-inspected')).toBe('false');

    // 4. It inspects the shop with the registry's form: the odour fails and opens a rectification.
    await bureau.click(`#joint-inspect-${sourceId}`);
    await bureau.locator('#inspect-joint:visible').waitFor();
    for (const checklistItem of checklistFor('restaurant')) {
      await bureau.click(`#inspect-${checklistItem.id}-${checklistItem.id === 'odour' ? 'fail' : 'pass'}`);
    }
    await bureau.fill('#inspect-odour-note input', '排风口异味明显');
    await snap(bureau, 'joint-09-bureau-inspection');
    await bureau.click('#inspect-submit');
    await bureau.locator(`#joint-source-${sourceId}[data-inspected=true]:visible`).waitFor();
    const visit = bureau.locator(`#joint-visit-${sourceId}`);
    expect(await visit.getAttribute('data-failed')).toBe('1');
    expect(await visit.innerText()).toMatch(new RegExp(`${SHOP}：整改 无明显异味扰民，期限 \\d{4}-\\d{2}-\\d{2}`));

    // 5. It records the result with a penalty; the street is now asked to confirm it.
    await takeStep(bureau, 'record_result', async () => {
      await bureau.fill('#joint-step-text textarea', '现场检查发现排风口异味明显，已责令限期整改，到期复查。');
      await bureau.fill(`#joint-penalty-${sourceId} input`, '沪静环罚〔2026〕12号');
      await bureau.fill(`#joint-penalty-amount-${sourceId} input`, '20000');
      await snap(bureau, 'joint-10-bureau-record-result');
    });
    await expect.poll(() => statusOf(bureau)).toBe('result_recorded');
    expect(await bureau.locator('#joint-result-summary').innerText()).toContain('已责令限期整改');
    expect(await bureau.locator('#joint-result').innerText()).toContain(`${SHOP}：行政处罚 沪静环罚〔2026〕12号`);
    expect(await bureau.locator('[id^="joint-action-"]').count()).toBe(0);
    await snap(bureau, 'joint-10b-bureau-result');

    // 6. The street confirms the result: the loop is closed, every step on the timeline with who.
    await street.reload();
    await expect.poll(() => statusOf(street)).toBe('result_recorded');
    await takeStep(street, 'confirm');
    await expect.poll(() => statusOf(street)).toBe('closed');
    const timeline = street.locator('#joint-timeline');
    expect(await timeline.locator('[data-type]').evaluateAll((events) => events.map((event) => event.getAttribute('data-type')))).toEqual([
      'confirm',
      'record_result',
      'record_inspection',
      'schedule',
      'accept',
      'comment',
      'raise',
    ]);
    expect(await timeline.locator('[data-type=accept]').innerText()).toContain(DEMO_ACCOUNTS.bureau.name);
    expect(await timeline.locator('[data-type=record_inspection]').innerText()).toContain(`${SHOP}：1 项不合格`);
    expect(await street.locator('#joint-comment').count()).toBe(0);
    await snap(street, 'joint-11-street-closed');

    // Its list shows it closed.
    await street.goBack();
    await street.click('#joint-scope-all');
    await expect.poll(() => street.locator(`#joint-item-${reference}:visible`).getAttribute('data-status')).toBe('closed');
    await snap(street, 'joint-12-street-list');

    // 7. The shop's timeline shows the request, with its reference.
    await street.goto(`${t.system.url}/#/sources/timeline/index?id=${sourceId}`);
    await street.reload();
    const requested = street.locator('#source-timeline [data-type=joint_inspection_requested]:visible');
    await requested.waitFor();
    expect(await requested.innerText()).toContain(reference);
    expect(await street.locator('#source-timeline [data-type=penalty]:visible').innerText()).toContain('沪静环罚〔2026〕12号');
    await snap(street, 'joint-13-source-timeline');
  });
});
